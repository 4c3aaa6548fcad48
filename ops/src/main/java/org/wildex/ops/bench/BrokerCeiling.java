package org.wildex.ops.bench;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.io.aio.AIOSequentialFileFactory;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMAcceptorFactory;
import org.apache.activemq.artemis.core.remoting.impl.invm.TransportConstants;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.ActiveMQServers;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.wildex.crypto.pki.DemoPki;
import org.wildex.ops.Workdir;
import org.wildex.routes.broker.BrokerRules;

/**
 * The broker-only ceiling: the hub's broker traffic for one package with no crypto, HTTP or JSON, on a throwaway
 * embedded Artemis with the hub's journal (persistent, same journal type and defaults, paging on). Per package: one
 * blocking persistent send of the submission to the intake queue; one transaction that consumes it and sends a
 * delivery of the same size to each of R queues, a 1 KiB receipt and a 1 KiB audit message; and consumers draining
 * every queue in transactions of {@value AgencyConsumers#BATCH}: in-VM Core clients in this JVM, or (with
 * {@code agenciesOverAmqp}) the deliveries and receipts over AMQP 1.0 with TLS and client certificates on the hub's
 * own participant acceptor, as the agencies take them from the hub. Besides the process's CPU it measures
 * its broker threads' CPU, counted by thread name exactly as the hub's cost table counts the hub's "broker threads".
 */
final class BrokerCeiling implements AutoCloseable {

  private static final String INTAKE = "intake";
  private static final byte[] SMALL = new byte[1024];
  private static final int IN_VM_ID = 4711;

  private final ActiveMQServer server;
  private final ActiveMQConnectionFactory factory;
  private final List<Connection> connections = new ArrayList<>();
  private final int recipients;
  private final byte[] payload;
  private final Workdir workdir;
  private final List<String> agencies;
  private final String ngo;
  private final int amqpPort;
  private double cpuMsPerPackage;
  private double brokerThreadsMsPerPackage;

  /**
   * @param workdir the bench's PKI: the hub's key on the AMQP acceptor, the agencies' (one per delivery queue) and an
   *     NGO's (receipts) on its AMQP clients
   */
  BrokerCeiling(Path dir, int recipients, int payloadBytes, Workdir workdir, List<String> agencies, String ngo)
      throws Exception {
    this.recipients = recipients;
    this.workdir = workdir;
    this.agencies = agencies;
    this.ngo = ngo;
    this.amqpPort = Bench.freePort();
    this.payload = new byte[payloadBytes];
    Path journal = Files.createDirectories(dir.resolve("journal"));
    ConfigurationImpl config = new ConfigurationImpl();
    config.setName("bench-ceiling");
    config.setPersistenceEnabled(true);
    config.setSecurityEnabled(false);
    config.setJMXManagementEnabled(false);
    config.setJournalDirectory(journal.toString());
    config.setBindingsDirectory(dir.resolve("bindings").toString());
    config.setPagingDirectory(dir.resolve("paging").toString());
    config.setLargeMessagesDirectory(dir.resolve("large-messages").toString());
    config.setNodeManagerLockDirectory(dir.toString());
    config.setJournalType(AIOSequentialFileFactory.isSupported(journal.toFile()) ? JournalType.ASYNCIO : JournalType.NIO);
    config.setGlobalMaxSize(64L * 1024 * 1024);
    config.addAcceptorConfiguration(new TransportConfiguration(InVMAcceptorFactory.class.getName(),
        Map.of(TransportConstants.SERVER_ID_PROP_NAME, IN_VM_ID), "in-vm"));
    // the hub's own acceptor for participants (protocols, TLS, client certificates, transport); security is off here
    config.addAcceptorConfiguration(BrokerRules.participantAcceptor("participants", "localhost", amqpPort,
        workdir.pki().resolve("hub.p12"), workdir.trustStore(), DemoPki.PASSWORD));
    config.addAddressSetting("#", new AddressSettings().setMaxSizeBytes(16L * 1024 * 1024)
        .setDeadLetterAddress(SimpleString.of("dlq")).setExpiryAddress(SimpleString.of("expiry"))
        .setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE));
    for (String queue : queues()) {
      config.addQueueConfiguration(QueueConfiguration.of(queue).setRoutingType(RoutingType.ANYCAST).setDurable(true));
    }
    server = ActiveMQServers.newActiveMQServer(config, false);
    server.start();
    factory = new ActiveMQConnectionFactory("vm://" + IN_VM_ID);
  }

  /**
   * CPU per package in the timed part: this whole process (broker, senders, hub-side transactions, drains), which runs
   * nothing else meanwhile.
   */
  double cpuMsPerPackage() {
    return cpuMsPerPackage;
  }

  /** CPU per package in the timed part of this process's broker threads, named as the hub's cost table names them. */
  double brokerThreadsMsPerPackage() {
    return brokerThreadsMsPerPackage;
  }

  String journalType() {
    return server.getConfiguration().getJournalType().name();
  }

  private List<String> queues() {
    List<String> names = new ArrayList<>(List.of(INTAKE, "receipts", "audit"));
    for (int r = 0; r < recipients; r++) {
      names.add("deliver." + r);
    }
    return names;
  }

  /**
   * Packages per second over {@code seconds}, with {@code producers} submitters and {@code consumers} hub consumers;
   * the deliveries and receipts drained in-VM or, with {@code agenciesOverAmqp}, over AMQP 1.0 and TLS.
   */
  double measure(int producers, int consumers, double warmupSeconds, double seconds, boolean agenciesOverAmqp)
      throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong done = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    for (int p = 0; p < producers; p++) {
      threads.add(loop("bench-broker-submit-" + p, stop, factory, session -> submitter(session)));
    }
    for (int c = 0; c < consumers; c++) {
      threads.add(loop("bench-broker-hub-" + c, stop, factory, session -> hub(session, done)));
    }
    threads.add(loop("bench-broker-drain-audit", stop, factory, session -> drain(session, "audit")));
    threads.add(loop("bench-broker-drain-receipts", stop, agenciesOverAmqp ? amqp(ngo) : factory,
        session -> drain(session, "receipts")));
    for (int r = 0; r < recipients; r++) {
      String queue = "deliver." + r;
      ConnectionFactory agency = agenciesOverAmqp ? amqp(agencies.get(r % agencies.size())) : factory;
      threads.add(loop("bench-broker-drain-" + queue, stop, agency, session -> drain(session, queue)));
    }
    threads.forEach(Thread::start);
    Thread.sleep((long) (warmupSeconds * 1000));
    long before = done.get();
    double cpuBefore = Machine.ownCpuSeconds();
    Map<Long, Long> brokerBefore = brokerThreadCpu();
    Thread.sleep((long) (seconds * 1000));
    long after = done.get();
    double cpu = Machine.ownCpuSeconds() - cpuBefore;
    double brokerThreads = 0;
    for (Map.Entry<Long, Long> thread : brokerThreadCpu().entrySet()) {
      brokerThreads += (thread.getValue() - brokerBefore.getOrDefault(thread.getKey(), 0L)) / 1e9;
    }
    cpuMsPerPackage = after == before ? 0 : cpu * 1000 / (after - before);
    brokerThreadsMsPerPackage = after == before ? 0 : brokerThreads * 1000 / (after - before);
    stop.set(true);
    for (Thread thread : threads) {
      thread.join(10_000);
    }
    return (after - before) / seconds;
  }

  private interface Step {
    void run(Session session) throws JMSException;
  }

  private Thread loop(String name, AtomicBoolean stop, ConnectionFactory from,
      java.util.function.Function<Session, Step> body) throws JMSException {
    Connection connection = from.createConnection();
    connections.add(connection);
    connection.start();
    boolean transacted = !name.startsWith("bench-broker-submit");
    Session session = connection.createSession(transacted, transacted ? Session.SESSION_TRANSACTED : Session.AUTO_ACKNOWLEDGE);
    Step step = body.apply(session);
    Thread thread = new Thread(() -> {
      try {
        while (!stop.get()) {
          step.run(session);
        }
      } catch (JMSException e) {
        if (!stop.get()) {
          System.err.println("bench: broker ceiling thread " + name + " stopped: " + e);
        }
      }
    }, name);
    thread.setDaemon(true);
    return thread;
  }

  private Step submitter(Session session) {
    try {
      MessageProducer producer = session.createProducer(session.createQueue(INTAKE));
      producer.setDeliveryMode(DeliveryMode.PERSISTENT);
      return s -> producer.send(bytes(s, payload));
    } catch (JMSException e) {
      throw new IllegalStateException(e);
    }
  }

  private Step hub(Session session, AtomicLong done) {
    try {
      MessageConsumer intake = session.createConsumer(session.createQueue(INTAKE));
      MessageProducer out = session.createProducer(null);
      out.setDeliveryMode(DeliveryMode.PERSISTENT);
      List<Queue> deliveries = new ArrayList<>();
      for (int r = 0; r < recipients; r++) {
        deliveries.add(session.createQueue("deliver." + r));
      }
      Queue receipts = session.createQueue("receipts");
      Queue audit = session.createQueue("audit");
      return s -> {
        Message in = intake.receive(100);
        if (in == null) {
          return;
        }
        for (Queue q : deliveries) {
          out.send(q, bytes(s, payload));
        }
        out.send(receipts, bytes(s, SMALL));
        out.send(audit, bytes(s, SMALL));
        s.commit();
        done.incrementAndGet();
      };
    } catch (JMSException e) {
      throw new IllegalStateException(e);
    }
  }

  private Step drain(Session session, String queue) {
    try {
      MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
      return s -> {
        int n = 0;
        while (n < AgencyConsumers.BATCH && consumer.receive(50) != null) {
          n++;
        }
        if (n > 0) {
          s.commit();
        }
      };
    } catch (JMSException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An agency's client: AMQP 1.0 over TLS with its certificate (SASL EXTERNAL), as {@link AgencyConsumers} connects. */
  private ConnectionFactory amqp(String participant) {
    return new JmsConnectionFactory(
        AgencyConsumers.url("localhost", amqpPort, workdir.keyStore(participant), workdir.trustStore()));
  }

  /** CPU nanoseconds so far of each live thread the hub's cost table would count as a broker thread, by thread id. */
  private static Map<Long, Long> brokerThreadCpu() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<Long, Long> cpu = new HashMap<>();
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && HubCosts.group(info.getThreadName()).equals(HubCosts.BROKER)) {
        long nanos = threads.getThreadCpuTime(info.getThreadId());
        if (nanos >= 0) {
          cpu.put(info.getThreadId(), nanos);
        }
      }
    }
    return cpu;
  }

  private static BytesMessage bytes(Session session, byte[] body) throws JMSException {
    BytesMessage m = session.createBytesMessage();
    m.writeBytes(body);
    return m;
  }

  @Override
  public void close() throws Exception {
    for (Connection c : connections) {
      try {
        c.close();
      } catch (JMSException e) {
        // stopping anyway
      }
    }
    factory.close();
    server.stop();
  }
}
