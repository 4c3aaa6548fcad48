package org.wildex.ops.client;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Drains one participant's address on the hub's broker over TLS with its client certificate (Core protocol). Each
 * message is handed to the sink and committed only after the sink returned, so a crash never loses a message.
 */
public final class BrokerDrain implements AutoCloseable {

  /** Receives one message's bytes and its JMS properties; must persist it before returning. */
  @FunctionalInterface
  public interface Sink {
    void accept(byte[] body, Message message) throws Exception;
  }

  private final Connection connection;

  public BrokerDrain(String brokerUrl, Path keyStoreP12, Path trustStoreP12, String password)
      throws JMSException, java.io.IOException {
    String url = tlsUrl(brokerUrl, keyStoreP12, trustStoreP12, password);
    ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url);
    this.connection = factory.createConnection();
    this.connection.start();
  }

  /** The broker URL with TLS on, presenting {@code keyStoreP12} and trusting only {@code trustStoreP12}. */
  public static String tlsUrl(String brokerUrl, Path keyStoreP12, Path trustStoreP12, String password)
      throws java.io.IOException {
    Tls.checkStore(keyStoreP12, password);
    Tls.checkStore(trustStoreP12, password);
    return brokerUrl
        + (brokerUrl.contains("?") ? "&" : "?")
        + "sslEnabled=true&keyStorePath=" + keyStoreP12.toAbsolutePath()
        + "&keyStorePassword=" + password
        + "&trustStorePath=" + trustStoreP12.toAbsolutePath()
        + "&trustStorePassword=" + password
        + "&keyStoreType=PKCS12&trustStoreType=PKCS12";
  }

  /** Messages taken per broker transaction: each commit is a journal sync, so committing one by one is slow. */
  static final int BATCH = 200;

  /**
   * Receives from the queue until it has been idle for {@code idle}; returns how many messages were taken. Messages
   * are acknowledged in batches, always after the sink has persisted them: a crash may hand a message over twice
   * (the delivery id tells), never lose one.
   */
  public int drain(String queue, Duration idle, Sink sink) throws Exception {
    int count = 0;
    try (Session session = connection.createSession(Session.SESSION_TRANSACTED);
        MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
      Message message;
      while ((message = consumer.receive(idle.toMillis())) != null) {
        BytesMessage bytes = (BytesMessage) message;
        byte[] body = new byte[(int) bytes.getBodyLength()];
        bytes.readBytes(body);
        try {
          sink.accept(body, message);
        } catch (Exception e) {
          session.rollback();
          throw e;
        }
        if (++count % BATCH == 0) {
          session.commit();
        }
      }
      session.commit();
    }
    return count;
  }

  @Override
  public void close() throws JMSException {
    connection.close();
  }
}
