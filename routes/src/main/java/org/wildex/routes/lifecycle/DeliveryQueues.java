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
import java.util.UUID;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.ActiveMQJMSClient;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.wildex.routes.WildexHeaders;

/**
 * Moves, counts and removes messages of one delivery or package through the broker's management address, on the hub's
 * connections (only the hub may manage): the same on the embedded broker and on an external one. Each operation is the
 * broker's own transaction; only messages waiting in a queue are touched, never one a consumer holds at that moment.
 */
public final class DeliveryQueues {

  /** The broker's management address (Artemis' default, which the hub's brokers keep). */
  static final String MANAGEMENT_ADDRESS = "activemq.management";

  private static final long ANSWER_WAIT_MS = 10_000;

  private final ConnectionFactory connections;

  public DeliveryQueues(ConnectionFactory connections) {
    this.connections = connections;
  }

  /** Moves the waiting messages of {@code queue} that carry this delivery id to {@code to}; returns how many. */
  public int moveDelivery(String queue, UUID deliveryId, String to) throws Exception {
    return ((Number) invoke(queue, "moveMessages", byDelivery(deliveryId), to)).intValue();
  }

  /** How many messages waiting in {@code queue} carry this delivery id. */
  public long countDelivery(String queue, UUID deliveryId) throws Exception {
    return ((Number) invoke(queue, "countMessages", byDelivery(deliveryId))).longValue();
  }

  /** Removes the waiting messages of {@code queue} that carry this package id; returns how many. */
  public int removePackage(String queue, UUID packageId) throws Exception {
    return ((Number) invoke(queue, "removeMessages", WildexHeaders.PACKAGE_ID + " = '" + packageId + "'")).intValue();
  }

  private static String byDelivery(UUID deliveryId) {
    return WildexHeaders.DELIVERY_ID + " = '" + deliveryId + "'";
  }

  private Object invoke(String queue, String operation, Object... parameters) throws Exception {
    try (Connection connection = connections.createConnection();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
      Queue management = ActiveMQJMSClient.createQueue(MANAGEMENT_ADDRESS);
      TemporaryQueue replies = session.createTemporaryQueue();
      connection.start();
      Message request = session.createMessage();
      JMSManagementHelper.putOperationInvocation(request, ResourceNames.QUEUE + queue, operation, parameters);
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
        throw new JMSException("no answer from the broker's management address for " + operation + " on " + queue
            + " within " + ANSWER_WAIT_MS + " ms");
      }
      if (!JMSManagementHelper.hasOperationSucceeded(reply)) {
        throw new JMSException(operation + " on " + queue + " failed: " + JMSManagementHelper.getResult(reply));
      }
      return JMSManagementHelper.getResult(reply);
    }
  }
}
