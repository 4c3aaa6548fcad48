package org.wildex.ops.bench;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.wildex.crypto.pki.DemoPki;
import org.wildex.ops.Workdir;

/**
 * The agencies (and the NGOs for their receipts), each consuming its own address over AMQP 1.0 with TLS and its client
 * certificate (SASL EXTERNAL), as a foreign client would. Each receipt of a delivery is booked at once; acknowledgements
 * go in broker transactions of up to {@value #BATCH} messages. Every {@code sampleEvery}-th delivery is kept to be
 * opened and verified after the timed part.
 */
final class AgencyConsumers implements AutoCloseable {

  /** Messages acknowledged per broker transaction. */
  static final int BATCH = 64;
  private static final String PACKAGE_ID = "wildexPackageId";
  private static final String DELIVER_PREFIX = "wildex.deliver.";
  private static final String RECEIPTS_PREFIX = "wildex.receipts.";

  /** A delivery kept for verification: who received it and its bytes. */
  record Sample(String recipient, byte[] cms) {}

  private final List<Connection> connections = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
  private final AtomicLong seen = new AtomicLong();
  private volatile boolean running = true;

  /** Connects every agency and NGO and starts consuming. */
  AgencyConsumers(String host, int brokerPort, Workdir workdir, List<String> agencies, List<String> ngos, LatencyBook book,
      int sampleEvery) throws JMSException {
    for (String agency : agencies) {
      start(host, brokerPort, workdir, agency, DELIVER_PREFIX + agency, (message, now) -> {
        book.delivered(message.getStringProperty(PACKAGE_ID), agency, now);
        if (sampleEvery > 0 && seen.incrementAndGet() % sampleEvery == 0) {
          samples.add(new Sample(agency, body(message)));
        }
      });
    }
    for (String ngo : ngos) {
      start(host, brokerPort, workdir, ngo, RECEIPTS_PREFIX + ngo, (message, now) -> book.receipts.incrementAndGet());
    }
  }

  private interface Handler {
    void handle(Message message, long now) throws JMSException;
  }

  private void start(String host, int port, Workdir workdir, String participant, String queue, Handler handler)
      throws JMSException {
    Connection connection = new JmsConnectionFactory(url(host, port, workdir.keyStore(participant), workdir.trustStore()))
        .createConnection();
    connections.add(connection);
    connection.start();
    Session session = connection.createSession(Session.SESSION_TRANSACTED);
    MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
    Thread thread = new Thread(() -> consume(session, consumer, handler), "bench-consume-" + participant);
    thread.setDaemon(true);
    thread.start();
    threads.add(thread);
  }

  private void consume(Session session, MessageConsumer consumer, Handler handler) {
    int uncommitted = 0;
    try {
      while (running) {
        Message message = consumer.receive(50);
        if (message != null) {
          handler.handle(message, System.nanoTime());
          uncommitted++;
        }
        if (uncommitted > 0 && (message == null || uncommitted >= BATCH)) {
          session.commit();
          uncommitted = 0;
        }
      }
      if (uncommitted > 0) {
        session.commit();
      }
    } catch (JMSException e) {
      if (running) {
        System.err.println("bench: consumer stopped: " + e);
      }
    }
  }

  private static byte[] body(Message message) throws JMSException {
    BytesMessage bytes = (BytesMessage) message;
    byte[] body = new byte[(int) bytes.getBodyLength()];
    bytes.readBytes(body);
    return body;
  }

  static String url(String host, int port, Path keyStore, Path trustStore) {
    return "amqps://" + host + ":" + port
        + "?transport.storeType=PKCS12"
        + "&transport.keyStoreLocation=" + keyStore.toAbsolutePath()
        + "&transport.keyStorePassword=" + DemoPki.PASSWORD
        + "&transport.trustStoreLocation=" + trustStore.toAbsolutePath()
        + "&transport.trustStorePassword=" + DemoPki.PASSWORD
        + "&amqp.saslMechanisms=EXTERNAL"
        // receive(timeout) looks at what the broker already pushed (prefetch) instead of asking it to drain each time
        + "&jms.receiveLocalOnly=true";
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    for (Thread thread : threads) {
      thread.join(5_000);
    }
    for (Connection connection : connections) {
      try {
        connection.close();
      } catch (JMSException e) {
        // closing anyway
      }
    }
  }
}
