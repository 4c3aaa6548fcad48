package org.wildex.routes.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.MetricsConfiguration;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.io.aio.AIOSequentialFileFactory;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMAcceptorFactory;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptorFactory;
import org.apache.activemq.artemis.core.remoting.impl.netty.TransportConstants;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.spi.core.remoting.Acceptor;
import org.apache.activemq.artemis.core.server.ActiveMQServers;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.metrics.ActiveMQMetricsPlugin;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerBasePlugin;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wildex.contracts.directory.Participant;
import org.wildex.routes.TlsPolicy;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.function.Predicate;
import org.wildex.contracts.directory.ParticipantKind;

/**
 * The hub's embedded Artemis broker: persistent journal, in-VM acceptor for the hub, one TLS acceptor for participants
 * that speaks Core, AMQP 1.0 and STOMP (Artemis tells them apart by their first bytes) and knows a participant only by
 * its client certificate.
 */
public final class EmbeddedBroker implements AutoCloseable {

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
  /** Prefix of an NGO's receipt address. */
  public static final String RECEIPTS_PREFIX = "wildex.receipts.";

  static final int MAX_DELIVERY_ATTEMPTS = 5;
  static final long REDELIVERY_DELAY_MS = 500;
  static final double REDELIVERY_MULTIPLIER = 2.0;
  static final long MAX_REDELIVERY_DELAY_MS = 10_000;
  /** Memory all addresses together may hold before paging to disk. */
  static final long GLOBAL_MAX_SIZE_BYTES = 64L * 1024 * 1024;
  /** Memory one address may hold before paging to disk. */
  static final long ADDRESS_MAX_SIZE_BYTES = 16L * 1024 * 1024;
  static final long DEFAULT_MIN_DISK_FREE_BYTES = 32L * 1024 * 1024;
  static final int DISK_SCAN_PERIOD_MS = 1000;

  /** Protocols of the participants' TLS acceptor, all on one port. */
  static final String NETWORK_PROTOCOLS = "CORE,AMQP,STOMP";
  /**
   * Prefix a client may put before a queue name to say "anycast queue" ({@code /queue/wildex.deliver.ncb-la}, as STOMP
   * clients write it); the broker strips it, so the name without it means the same queue under the same permissions.
   */
  static final String ANYCAST_PREFIX = "/queue/";

  private static final String NETWORK_ACCEPTOR = "network";
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
  private static final AtomicInteger IN_VM_IDS = new AtomicInteger();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final BrokerSettings settings;
  private final int inVmId = IN_VM_IDS.getAndIncrement();
  private final String hubUser = "wildex-hub";
  private volatile String hubPassword;
  private ActiveMQServer server;
  private final List<ActiveMQServerBasePlugin> plugins = new ArrayList<>();

  private Predicate<X509Certificate> revoked = cert -> false;
  private ActiveMQMetricsPlugin metrics;
  private long minDiskFreeBytes = DEFAULT_MIN_DISK_FREE_BYTES;

  public EmbeddedBroker(BrokerSettings settings) {
    this.settings = settings;
  }

  /** Refuses certificates the predicate calls revoked, checked at every new connection; call before start. */
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
  public synchronized void start() throws Exception {
    if (server != null) {
      throw new IllegalStateException("broker already started");
    }
    hubPassword = randomSecret();
    ParticipantSecurityManager security = new ParticipantSecurityManager(
        ParticipantCertificates.load(settings.directory()), revoked, hubUser, hubPassword);
    ActiveMQServer created = ActiveMQServers.newActiveMQServer(configuration(), null, security);
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
    LOG.info("broker started: in-VM {}, network {}, journal {}", inVmUrl(), networkUrl(),
        created.getConfiguration().getJournalType());
  }

  /** Stops the broker; messages stay in the journal. Idempotent. */
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
  public void close() throws Exception {
    stop();
  }

  public synchronized boolean isStarted() {
    return server != null && server.isActive();
  }

  /** URL of the in-VM acceptor for the hub's own JMS connections, e.g. {@code vm://0}. */
  public String inVmUrl() {
    return "vm://" + inVmId;
  }

  /** URL of the TLS network acceptor, e.g. {@code tcp://127.0.0.1:61617}. */
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
  public synchronized ActiveMQServer server() {
    return server;
  }

  private Configuration configuration() throws Exception {
    Path root = settings.brokerDir();
    Path journal = createDirectories(root.resolve("journal"));
    ConfigurationImpl config = new ConfigurationImpl();
    config.setName("wildex-hub");
    config.setPersistenceEnabled(true);
    config.setJournalDirectory(journal.toString());
    config.setBindingsDirectory(createDirectories(root.resolve("bindings")).toString());
    config.setPagingDirectory(createDirectories(root.resolve("paging")).toString());
    config.setLargeMessagesDirectory(createDirectories(root.resolve("large-messages")).toString());
    config.setNodeManagerLockDirectory(root.toString());
    // ASYNCIO needs the system libaio (Debian: libaio1) and a file system that supports O_DIRECT (not tmpfs);
    // Artemis would fall back to NIO on its own, but we decide explicitly so the log says what is used.
    config.setJournalType(AIOSequentialFileFactory.isSupported(journal.toFile()) ? JournalType.ASYNCIO : JournalType.NIO);
    config.setPersistDeliveryCountBeforeDelivery(true);
    config.setJMXManagementEnabled(false);
    config.setGlobalMaxSize(GLOBAL_MAX_SIZE_BYTES);
    config.setMaxDiskUsage(100);
    config.setMinDiskFree(minDiskFreeBytes);
    config.setDiskScanPeriod(DISK_SCAN_PERIOD_MS);

    config.setSecurityEnabled(true);
    // decisions must never be cached under a claimed username (STACK.md: authorization cache gotcha)
    config.setAuthenticationCacheSize(0);
    config.setAuthorizationCacheSize(0);
    // the management cluster user bypasses all checks; its default password is public, so replace both
    config.setClusterUser("wildex-cluster-" + randomSecret());
    config.setClusterPassword(randomSecret());

    config.addAcceptorConfiguration(new TransportConfiguration(
        InVMAcceptorFactory.class.getName(), Map.of(org.apache.activemq.artemis.core.remoting.impl.invm.TransportConstants.SERVER_ID_PROP_NAME, inVmId), "in-vm"));
    config.addAcceptorConfiguration(networkAcceptor());

    for (String address : addresses()) {
      config.addAddressConfiguration(new CoreAddressConfiguration()
          .setName(address)
          .addRoutingType(RoutingType.ANYCAST)
          .addQueueConfiguration(QueueConfiguration.of(address).setAddress(address)
              .setRoutingType(RoutingType.ANYCAST).setDurable(true)));
    }
    config.addAddressSetting("#", defaultAddressSettings());
    config.addAddressSetting(DLQ, new AddressSettings().setMaxDeliveryAttempts(-1));
    // audit events wait here while the audit store is down, however long: never dead-letter them
    config.addAddressSetting(AUDIT, defaultAddressSettings().setMaxDeliveryAttempts(-1));
    plugins.forEach(config::registerBrokerPlugin);
    if (metrics != null) {
      // the hub's registry has the JVM meters already: the broker adds its own only
      config.setMetricsConfiguration(new MetricsConfiguration().setPlugin(metrics)
          .setJvmMemory(false).setJvmGc(false).setJvmThread(false));
    }
    securityRoles().forEach(config::putSecurityRoles);
    return config;
  }

  private TransportConfiguration networkAcceptor() {
    Map<String, Object> params = new HashMap<>();
    params.put(TransportConstants.HOST_PROP_NAME, settings.host());
    params.put(TransportConstants.PORT_PROP_NAME, settings.port());
    params.put(TransportConstants.PROTOCOLS_PROP_NAME, NETWORK_PROTOCOLS);
    params.put(TransportConstants.SSL_ENABLED_PROP_NAME, true);
    params.put(TransportConstants.KEYSTORE_TYPE_PROP_NAME, "PKCS12");
    params.put(TransportConstants.KEYSTORE_PATH_PROP_NAME,
        settings.keyStoreP12().toAbsolutePath().toString());
    params.put(TransportConstants.KEYSTORE_PASSWORD_PROP_NAME,
        settings.storePassword());
    params.put(TransportConstants.TRUSTSTORE_TYPE_PROP_NAME, "PKCS12");
    params.put(TransportConstants.TRUSTSTORE_PATH_PROP_NAME,
        settings.trustStoreP12().toAbsolutePath().toString());
    params.put(TransportConstants.TRUSTSTORE_PASSWORD_PROP_NAME,
        settings.storePassword());
    params.put(TransportConstants.ENABLED_PROTOCOLS_PROP_NAME, String.join(",", TlsPolicy.PROTOCOLS));
    params.put(TransportConstants.ENABLED_CIPHER_SUITES_PROP_NAME, String.join(",", TlsPolicy.CIPHER_SUITES));
    // every network client is a participant with a certificate; the hub itself connects in-VM
    params.put(TransportConstants.NEED_CLIENT_AUTH_PROP_NAME, true);
    // AMQP clients authenticate with their TLS certificate (SASL EXTERNAL); no password mechanism is offered. STOMP
    // and Core clients send no credentials: their CONNECT is authenticated by the same certificate (the security
    // manager ignores a passcode and refuses a login naming anyone else)
    Map<String, Object> protocolProps = Map.of("saslMechanisms", "EXTERNAL", "anycastPrefix", ANYCAST_PREFIX);
    return new TransportConfiguration(NettyAcceptorFactory.class.getName(), params, NETWORK_ACCEPTOR, protocolProps);
  }

  /** Every address the broker pre-creates, each with a same-named durable anycast queue. */
  List<String> addresses() {
    Set<String> names = new LinkedHashSet<>(List.of(INTAKE, QUARANTINE, AUDIT, DLQ));
    for (Participant p : settings.directory().participants()) {
      if (p.kind() != ParticipantKind.AUDITOR) {
        names.add(DELIVER_PREFIX + p.id());
      }
      if (p.kind() == ParticipantKind.NGO) {
        names.add(RECEIPTS_PREFIX + p.id());
      }
    }
    return new ArrayList<>(names);
  }

  /** Hub may do everything everywhere; a participant may only consume and browse its own two addresses. */
  Map<String, Set<Role>> securityRoles() {
    Map<String, Set<Role>> roles = new HashMap<>();
    roles.put("#", Set.of(hubRole()));
    for (Participant p : settings.directory().participants()) {
      // an exact match replaces "#" entirely, so the hub role is repeated here
      roles.put(DELIVER_PREFIX + p.id(), Set.of(hubRole(), readOnlyRole(p.id())));
      roles.put(RECEIPTS_PREFIX + p.id(), Set.of(hubRole(), readOnlyRole(p.id())));
    }
    return roles;
  }

  private static Role hubRole() {
    Role role = new Role();
    role.setName(HUB_ROLE);
    role.setSend(true);
    role.setConsume(true);
    role.setBrowse(true);
    role.setCreateAddress(true);
    role.setDeleteAddress(true);
    role.setCreateDurableQueue(true);
    role.setDeleteDurableQueue(true);
    role.setCreateNonDurableQueue(true);
    role.setDeleteNonDurableQueue(true);
    role.setManage(true);
    role.setView(true);
    role.setEdit(true);
    return role;
  }

  private static Role readOnlyRole(String participantId) {
    Role role = new Role();
    role.setName(participantId);
    role.setConsume(true);
    role.setBrowse(true);
    return role;
  }

  private static AddressSettings defaultAddressSettings() {
    return new AddressSettings()
        .setDeadLetterAddress(SimpleString.of(DLQ))
        .setAutoCreateDeadLetterResources(false)
        .setAutoCreateExpiryResources(false)
        .setMaxDeliveryAttempts(MAX_DELIVERY_ATTEMPTS)
        .setRedeliveryDelay(REDELIVERY_DELAY_MS)
        .setRedeliveryMultiplier(REDELIVERY_MULTIPLIER)
        .setMaxRedeliveryDelay(MAX_REDELIVERY_DELAY_MS)
        .setAutoCreateAddresses(false)
        .setAutoCreateQueues(false)
        .setAutoDeleteAddresses(false)
        .setAutoDeleteQueues(false)
        // every hub address is one anycast queue; a client naming it without a routing type (a STOMP SUBSCRIBE to
        // "wildex.deliver.<id>" without "/queue/") means that queue, not a multicast subscription it may not create
        .setDefaultAddressRoutingType(RoutingType.ANYCAST)
        .setDefaultQueueRoutingType(RoutingType.ANYCAST)
        .setMaxSizeBytes(ADDRESS_MAX_SIZE_BYTES)
        .setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE);
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
