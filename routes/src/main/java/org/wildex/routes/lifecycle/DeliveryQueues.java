package org.wildex.routes.lifecycle;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.ActiveMQJMSClient;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.wildex.routes.WildexHeaders;

/**
 * Takes messages off a queue through the broker's management address, on the hub's connections (only the hub may
 * manage): works the same on the embedded broker and on an external one. Only messages waiting in the queue are removed; one a consumer
 * holds at that moment is not.
 */
public final class DeliveryQueues {

  /** The broker's management address (Artemis' default, which the hub's brokers keep). */
  static final String MANAGEMENT_ADDRESS = "activemq.management";

  private static final long ANSWER_WAIT_MS = 10_000;

  private final ConnectionFactory connections;

  public DeliveryQueues(ConnectionFactory connections) {
    this.connections = connections;
  }

  /** Removes the waiting messages of {@code queue} that carry this delivery id; returns how many it removed. */
  public int removeDelivery(String queue, String deliveryId) throws Exception {
    if (!deliveryId.matches("[0-9a-fA-F-]{36}")) {
      throw new IllegalArgumentException("not a delivery id");
    }
    String filter = WildexHeaders.DELIVERY_ID + " = '" + deliveryId + "'";
    try (Connection connection = connections.createConnection();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
      Queue management = ActiveMQJMSClient.createQueue(MANAGEMENT_ADDRESS);
      TemporaryQueue replies = session.createTemporaryQueue();
      connection.start();
      Message request = session.createMessage();
      JMSManagementHelper.putOperationInvocation(request, ResourceNames.QUEUE + queue, "removeMessages", filter);
      request.setJMSReplyTo(replies);
      Message reply;
      try (MessageProducer producer = session.createProducer(management);
          MessageConsumer consumer = session.createConsumer(replies)) {
        producer.send(request);
        reply = consumer.receive(ANSWER_WAIT_MS);
      } finally {
        replies.delete();
      }
      if (reply == null) {
        throw new JMSException("no answer from the broker's management address for " + queue + " within "
            + ANSWER_WAIT_MS + " ms");
      }
      if (!JMSManagementHelper.hasOperationSucceeded(reply)) {
        throw new JMSException("removeMessages on " + queue + " failed: " + JMSManagementHelper.getResult(reply));
      }
      return ((Number) JMSManagementHelper.getResult(reply)).intValue();
    }
  }
}
