package org.wildex.routes.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.MetricsConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.io.aio.AIOSequentialFileFactory;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMAcceptorFactory;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.spi.core.remoting.Acceptor;
import org.apache.activemq.artemis.core.server.ActiveMQServers;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.metrics.ActiveMQMetricsPlugin;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerBasePlugin;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wildex.routes.TlsPolicy;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The hub's embedded Artemis broker: persistent journal, in-VM acceptor for the hub, one TLS acceptor for participants
 * that speaks Core, AMQP 1.0 and STOMP (Artemis tells them apart by their first bytes) and knows a participant only by
 * its client certificate.
 */
public final class EmbeddedBroker implements HubBroker {

  /** Role of the hub's own in-VM user: may do everything on every address. */
  public static final String HUB_ROLE = "hub";
  /** Durable address of submitted ciphertext. */
  public static final String INTAKE = "wildex.intake";
  /** Durable address of rejected ciphertext, kept unchanged. */
  public static final String QUARANTINE = "wildex.quarantine";
  /** Durable address of audit events on their way to the audit store. */
  public static final String AUDIT = "wildex.audit";
  /** Dead-letter address for messages that failed {@link #MAX_DELIVERY_ATTEMPTS} times. */
  public static final String DLQ = "wildex.dlq";
  /** Prefix of an agency's delivery address. */
  public static final String DELIVER_PREFIX = "wildex.deliver.";
  /** Role of a peer region's hub (federation): may send to {@link #FEDERATION_IN}, nothing else. */
  public static final String PEER_ROLE = "wildex-peer-hub";
  /** Durable address where peer regions' hubs put their hand-overs (federation). */
  public static final String FEDERATION_IN = "wildex.federation.in";
  /** Prefix of the durable address of hand-overs waiting for a peer region: {@code wildex.federation.out.<region>}. */
  public static final String FEDERATION_OUT_PREFIX = "wildex.federation.out.";
  /** Durable address of recalls accepted at the HTTPS door, until the hub has carried them out. */
  public static final String RECALL = "wildex.recall";

  /** Release requests and decisions the doors accepted, sealed, for {@code wildex.lifecycle.release}. */
  public static final String RELEASE = "wildex.release";
  /** Hub-only address where a recall moves the deliveries it withdraws, until it has recorded them (then removed). */
  public static final String WITHDRAWN = "wildex.withdrawn";
  /** Prefix of an NGO's receipt address. */
  public static final String RECEIPTS_PREFIX = "wildex.receipts.";

  static final long DEFAULT_MIN_DISK_FREE_BYTES = 32L * 1024 * 1024;
  /** Dead-letter after this many failed deliveries (see {@link BrokerRules}). */
  static final int MAX_DELIVERY_ATTEMPTS = BrokerRules.MAX_DELIVERY_ATTEMPTS;
  static final int DISK_SCAN_PERIOD_MS = BrokerRules.DISK_SCAN_PERIOD_MS;

  /** Protocols of the participants' TLS acceptor, all on one port (see {@link BrokerRules}). */
  static final String NETWORK_PROTOCOLS = BrokerRules.NETWORK_PROTOCOLS;
  /** The prefix that says "anycast queue" to the broker (see {@link BrokerRules}). */
  static final String ANYCAST_PREFIX = BrokerRules.ANYCAST_PREFIX;

  private static final String NETWORK_ACCEPTOR = "network";
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
  private static final AtomicInteger IN_VM_IDS = new AtomicInteger();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final BrokerSettings settings;
  private final int inVmId = IN_VM_IDS.getAndIncrement();
  private final String hubUser = "wildex-hub";
  private volatile String hubPassword;
  private ActiveMQServer server;
  /** Set by the broker when its journal hits a critical I/O error (see {@link #journalFailed()}). */
  private volatile boolean journalFailed;
  private final List<ActiveMQServerBasePlugin> plugins = new ArrayList<>();

  private Predicate<X509Certificate> revoked = cert -> false;
  private ActiveMQMetricsPlugin metrics;
  private long minDiskFreeBytes = DEFAULT_MIN_DISK_FREE_BYTES;

  public EmbeddedBroker(BrokerSettings settings) {
    this.settings = settings;
  }

  /**
   * Refuses certificates the predicate calls revoked, checked at every new connection, and closes open connections
   * whose certificate it calls revoked later ({@link RevokedConnections}); call before start.
   */
  public synchronized EmbeddedBroker withRevocationCheck(Predicate<X509Certificate> revoked) {
    this.revoked = Objects.requireNonNull(revoked);
    return this;
  }

  /**
   * Blocks producers while the journal's file system has less than this free (Artemis {@code min-disk-free}, checked
   * every {@link #DISK_SCAN_PERIOD_MS} ms) instead of the default "90 % used", which means nothing on a large disk and
   * too much on a small one; call before start.
   */
  public synchronized EmbeddedBroker withMinDiskFree(long bytes) {
    this.minDiskFreeBytes = bytes;
    return this;
  }

  /**
   * Registers the broker's meters (message count and more per queue, per address, broker-wide) on the plugin's
   * Micrometer registry when it starts; call before start.
   */
  public synchronized EmbeddedBroker withMetrics(ActiveMQMetricsPlugin metrics) {
    this.metrics = metrics;
    return this;
  }

  /** Registers a broker plugin (e.g. the audit plugin) to be active from the first message on; call before start. */
  public synchronized EmbeddedBroker withPlugin(ActiveMQServerBasePlugin plugin) {
    if (server != null) {
      throw new IllegalStateException("register plugins before the broker starts");
    }
    plugins.add(plugin);
    return this;
  }

  /** Starts the broker (blocking until it is active); each start draws a new hub password. */
  @Override
  public synchronized void start() throws Exception {
    if (server != null) {
      throw new IllegalStateException("broker already started");
    }
    hubPassword = randomSecret();
    ParticipantCertificates participants = ParticipantCertificates.load(settings.directory());
    ParticipantSecurityManager security = new ParticipantSecurityManager(participants, revoked, hubUser, hubPassword);
    ActiveMQServer created = ActiveMQServers.newActiveMQServer(configuration(), null, security);
    journalFailed = false;
    // Artemis calls its listeners from the thread that met the error, before it stops itself
    created.registerIOCriticalErrorListener((cause, message, file) -> journalFailed = true);
    RevokedConnections.watch(created, revoked);
    LoginDeadline.watch(created, participants::isHub);
    try {
      // a standalone primary activates inside start(); a failure (e.g. the port is taken) is only logged
      // (AMQ224000) and leaves the server inactive, so check instead of trusting start() to throw
      created.start();
      Acceptor network = created.getRemotingService().getAcceptor(NETWORK_ACCEPTOR);
      if (!created.isActive() || network == null || !network.isStarted()) {
        throw new IllegalStateException("broker failed to start; is the network acceptor port " + settings.port()
            + " in use? (see AMQ224000 in the log)");
      }
    } catch (Exception e) {
      created.stop();
      throw e;
    }
    server = created;
    LOG.info("broker started: in-VM {}, network {}, journal {}, TLS {}", inVmUrl(), networkUrl(),
        created.getConfiguration().getJournalType(), TlsPolicy.provider());
  }

  /** Stops the broker; messages stay in the journal. Idempotent. */
  @Override
  public synchronized void stop() throws Exception {
    if (server != null) {
      try {
        server.stop();
      } finally {
        server = null;
        LOG.info("broker stopped");
      }
    }
  }

  @Override
  public boolean journalFailed() {
    return journalFailed;
  }

  @Override
  public synchronized boolean isStarted() {
    return server != null && server.isActive();
  }

  /** URL of the in-VM acceptor for the hub's own JMS connections, e.g. {@code vm://0}. */
  public String inVmUrl() {
    return "vm://" + inVmId;
  }

  /** The hub's own connections: in-VM, with the hub user and this start's password. */
  @Override
  public ActiveMQConnectionFactory hubConnections() {
    return new ActiveMQConnectionFactory(inVmUrl(), hubUser, hubPassword());
  }

  /** URL of the TLS network acceptor, e.g. {@code tcp://127.0.0.1:61617}. */
  @Override
  public String networkUrl() {
    return "tcp://" + settings.host() + ":" + settings.port();
  }

  /** Username of the hub's in-VM user (only accepted on the in-VM acceptor). */
  public String hubUser() {
    return hubUser;
  }

  /** Password of the hub's in-VM user, random per {@link #start()}; never log it. */
  public String hubPassword() {
    if (hubPassword == null) {
      throw new IllegalStateException("broker not started");
    }
    return hubPassword;
  }

  /** The underlying Artemis server, for management queries in tests and health checks; null when stopped. */
  @Override
  public synchronized ActiveMQServer server() {
    return server;
  }

  private Configuration configuration() throws Exception {
    Path root = settings.brokerDir();
    Path journal = createDirectories(root.resolve("journal"));
    ConfigurationImpl config = new ConfigurationImpl();
    config.setName("wildex-hub");
    config.setJournalDirectory(journal.toString());
    config.setBindingsDirectory(createDirectories(root.resolve("bindings")).toString());
    config.setPagingDirectory(createDirectories(root.resolve("paging")).toString());
    config.setLargeMessagesDirectory(createDirectories(root.resolve("large-messages")).toString());
    config.setNodeManagerLockDirectory(root.toString());
    // ASYNCIO needs the system libaio (Debian: libaio1) and a file system that supports O_DIRECT (not tmpfs);
    // Artemis would fall back to NIO on its own, but we decide explicitly so the log says what is used.
    config.setJournalType(AIOSequentialFileFactory.isSupported(journal.toFile()) ? JournalType.ASYNCIO : JournalType.NIO);
    BrokerRules.apply(config, settings.directory(), minDiskFreeBytes, false);
    // the management cluster user bypasses all checks; its default password is public, so replace both
    config.setClusterUser("wildex-cluster-" + randomSecret());
    config.setClusterPassword(randomSecret());

    config.addAcceptorConfiguration(new TransportConfiguration(
        InVMAcceptorFactory.class.getName(), Map.of(org.apache.activemq.artemis.core.remoting.impl.invm.TransportConstants.SERVER_ID_PROP_NAME, inVmId), "in-vm"));
    config.addAcceptorConfiguration(BrokerRules.participantAcceptor(NETWORK_ACCEPTOR, settings.host(), settings.port(),
        settings.keyStoreP12(), settings.trustStoreP12(), settings.storePassword()));
    Federation.bridges(config, settings);
    plugins.forEach(config::registerBrokerPlugin);
    if (metrics != null) {
      // the hub's registry has the JVM meters already: the broker adds its own only
      config.setMetricsConfiguration(new MetricsConfiguration().setPlugin(metrics)
          .setJvmMemory(false).setJvmGc(false).setJvmThread(false));
    }
    return config;
  }

  /** Every address the broker pre-creates, each with a same-named durable anycast queue. */
  List<String> addresses() {
    return BrokerRules.addresses(settings.directory());
  }

  /** Hub may do everything everywhere; a participant may only consume and browse its own two addresses. */
  Map<String, Set<Role>> securityRoles() {
    return BrokerRules.securityRoles(settings.directory());
  }

  private static Path createDirectories(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create broker directory " + dir, e);
    }
  }

  private static String randomSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
