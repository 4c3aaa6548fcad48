package org.wildex.ops.client;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The operator's view of {@code wildex.dlq}: messages the hub gave up on after the broker's redelivery attempts. Lists
 * them without consuming, replays one to the address it came from, and withdraws what waits on a queue (a revoked
 * participant's deliveries) into it. Connects over TLS with the hub's own key.
 */
public final class DeadLetters implements AutoCloseable {

  public static final String QUEUE = "wildex.dlq";
  /** Set by Artemis on a dead-lettered message: the address it was first sent to. */
  static final String ORIGINAL_ADDRESS = "_AMQ_ORIG_ADDRESS";

  /** One dead-lettered message: ids and metadata only, never its (encrypted) body. */
  public record Entry(String id, String originalAddress, String trackingId, String packageId, String deliveryId, long bytes) {}

  private final Connection connection;

  public DeadLetters(String brokerUrl, Path keyStoreP12, Path trustStoreP12, String password)
      throws JMSException, java.io.IOException {
    String url = BrokerDrain.tlsUrl(brokerUrl, keyStoreP12, trustStoreP12, password);
    this.connection = new ActiveMQConnectionFactory(url).createConnection();
    this.connection.start();
  }

  public List<Entry> list() throws JMSException {
    List<Entry> entries = new ArrayList<>();
    try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        QueueBrowser browser = session.createBrowser(session.createQueue(QUEUE))) {
      for (Message m : Collections.list((Enumeration<Message>) browser.getEnumeration())) {
        entries.add(entry(m));
      }
    }
    return entries;
  }

  /** Moves one message back to its original address, in one broker transaction; empty if no such message. */
  public Optional<Entry> replay(String id) throws JMSException {
    try (Session session = connection.createSession(Session.SESSION_TRANSACTED);
        MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUE),
            "JMSMessageID = '" + id.replace("'", "''") + "'")) {
      Message m = consumer.receive(2000);
      if (m == null) {
        session.rollback();
        return Optional.empty();
      }
      Entry entry = entry(m);
      if (entry.originalAddress() == null) {
        session.rollback();
        throw new IllegalStateException("message " + id + " carries no original address; it cannot be replayed");
      }
      BytesMessage copy = copy(session, m);
      try (MessageProducer producer = session.createProducer(session.createQueue(entry.originalAddress()))) {
        producer.send(copy);
      }
      session.commit();
      return Optional.of(entry);
    }
  }

  /**
   * Moves every message waiting on {@code queue} (a revoked participant's {@code wildex.deliver.<id>}, say) to
   * {@code wildex.dlq}, in one broker transaction, each remembering where it waited so {@link #replay} can put it back.
   * The bodies are copied as they are (ciphertext); returns what was moved.
   */
  public List<Entry> withdraw(String queue) throws JMSException {
    List<Entry> moved = new ArrayList<>();
    try (Session session = connection.createSession(Session.SESSION_TRANSACTED);
        MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
        MessageProducer producer = session.createProducer(session.createQueue(QUEUE))) {
      for (Message m = consumer.receive(2000); m != null; m = consumer.receiveNoWait()) {
        BytesMessage copy = copy(session, m);
        copy.setStringProperty(ORIGINAL_ADDRESS, queue);
        producer.send(copy);
        moved.add(entry(m));
      }
      session.commit();
    }
    return moved.stream().map(e -> new Entry(e.id(), queue, e.trackingId(), e.packageId(), e.deliveryId(), e.bytes())).toList();
  }

  /** The body and the {@code wildex*} properties of a message, never the broker's internal {@code _AMQ_} ones. */
  private static BytesMessage copy(Session session, Message m) throws JMSException {
    BytesMessage copy = session.createBytesMessage();
    byte[] body = new byte[(int) ((BytesMessage) m).getBodyLength()];
    ((BytesMessage) m).readBytes(body);
    copy.writeBytes(body);
    for (String name : Collections.list((Enumeration<String>) m.getPropertyNames())) {
      if (name.startsWith("wildex")) { // our ids and reason codes
        copy.setObjectProperty(name, m.getObjectProperty(name));
      }
    }
    return copy;
  }

  private static Entry entry(Message m) throws JMSException {
    long bytes = m instanceof BytesMessage b ? b.getBodyLength() : 0;
    return new Entry(m.getJMSMessageID(), m.getStringProperty(ORIGINAL_ADDRESS), m.getStringProperty("wildexTrackingId"),
        m.getStringProperty("wildexPackageId"), m.getStringProperty("wildexDeliveryId"), bytes);
  }

  @Override
  public void close() throws JMSException {
    connection.close();
  }
}
