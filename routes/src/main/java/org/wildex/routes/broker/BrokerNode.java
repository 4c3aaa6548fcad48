package org.wildex.routes.broker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.HAPolicyConfiguration;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.apache.activemq.artemis.core.io.aio.AIOSequentialFileFactory;
import org.apache.activemq.artemis.core.remoting.impl.netty.TransportConstants;
import org.apache.activemq.artemis.core.server.ActivateCallback;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.ActiveMQServers;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerBasePlugin;
import org.apache.activemq.artemis.utils.ConfigurationHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wildex.contracts.directory.Directory;

/**
 * One Artemis broker in its own JVM ({@code wildex broker}), from a standard Artemis {@code broker.xml} that holds what
 * is particular to the node (name, journal folders, {@code ha-policy}, connectors, cluster connection) plus what makes
 * it a wildex broker, added here exactly as {@link EmbeddedBroker} adds it: the participants' TLS acceptor, the
 * security manager that knows participants by certificate, the addresses and roles, redelivery and dead-lettering, and
 * the plugins (audit events such as {@code DELIVERED}).
 *
 * <p>The configuration must declare an acceptor named {@value #ACCEPTOR}; its host and port are kept and everything
 * else about it is set here (TLS with the hub's key, client certificate required, Core, AMQP 1.0 and STOMP, SASL EXTERNAL). Any
 * other acceptor must also be TLS with client certificates. Brokers of a pair or a cluster authenticate to each other
 * with the cluster user {@value #CLUSTER_USER} and a shared secret given here (never in the XML), over connections that
 * present the hub's certificate.
 */
public final class BrokerNode implements AutoCloseable {

  /** Name of the acceptor participants, hub nodes and other brokers connect to. */
  public static final String ACCEPTOR = "wildex";
  /** The user brokers of a pair or cluster authenticate to each other with (the password is the cluster secret). */
  public static final String CLUSTER_USER = "wildex-cluster";

  private static final Logger LOG = LoggerFactory.getLogger(BrokerNode.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path configFile;
  private final Directory directory;
  private final Path keyStoreP12;
  private final Path trustStoreP12;
  private final String storePassword;
  private final String clusterSecret;
  private final List<ActiveMQServerBasePlugin> plugins = new ArrayList<>();
  private final List<ActivateCallback> callbacks = new ArrayList<>();
  private Predicate<X509Certificate> revoked = cert -> false;
  private long minDiskFreeBytes = EmbeddedBroker.DEFAULT_MIN_DISK_FREE_BYTES;
  private ActiveMQServer server;
  private volatile String networkUrl;
  private volatile String name;

  /**
   * @param configFile the node's {@code broker.xml} ({@code ${property}} references are replaced from system properties)
   * @param directory participants allowed to connect, with their certificates (and the hub's certificate)
   * @param keyStoreP12 the key store the node presents ({@code hub.p12}: the brokers act for the hub)
   * @param trustStoreP12 the CA every client and every other broker must chain to
   * @param storePassword password of both stores
   * @param clusterSecret the secret brokers of one pair or cluster share; null for a standalone node
   */
  public BrokerNode(Path configFile, Directory directory, Path keyStoreP12, Path trustStoreP12, String storePassword,
      String clusterSecret) {
    this.configFile = Objects.requireNonNull(configFile, "configFile");
    this.directory = Objects.requireNonNull(directory, "directory");
    this.keyStoreP12 = Objects.requireNonNull(keyStoreP12, "keyStoreP12");
    this.trustStoreP12 = Objects.requireNonNull(trustStoreP12, "trustStoreP12");
    this.storePassword = Objects.requireNonNull(storePassword, "storePassword");
    this.clusterSecret = clusterSecret;
  }

  /**
   * Refuses certificates the predicate calls revoked, at every new connection, and closes open connections whose
   * certificate it calls revoked later ({@link RevokedConnections}); call before start.
   */
  public synchronized BrokerNode withRevocationCheck(Predicate<X509Certificate> revoked) {
    this.revoked = Objects.requireNonNull(revoked);
    return this;
  }

  /** Blocks producers while the journal's file system has less than this free; call before start. */
  public synchronized BrokerNode withMinDiskFree(long bytes) {
    this.minDiskFreeBytes = bytes;
    return this;
  }

  /** Registers a broker plugin (e.g. the audit plugin); call before start. */
  public synchronized BrokerNode withPlugin(ActiveMQServerBasePlugin plugin) {
    plugins.add(Objects.requireNonNull(plugin));
    return this;
  }

  /** Told when this node becomes the active one (at start, or when a backup takes over); call before start. */
  public synchronized BrokerNode onActivation(ActivateCallback callback) {
    callbacks.add(Objects.requireNonNull(callback));
    return this;
  }

  /**
   * Reads the configuration, applies the wildex rules and starts the node. A primary or standalone node is active when
   * this returns (or it throws); a backup returns at once and replicates until its primary fails, and so does a primary
   * that finds its backup serving in its place (it becomes that backup's backup until it fails back).
   */
  public synchronized void start() throws Exception {
    if (server != null) {
      throw new IllegalStateException("broker node already started");
    }
    FileConfiguration config = configuration(true);
    ParticipantCertificates participants = ParticipantCertificates.load(directory);
    ParticipantSecurityManager security =
        new ParticipantSecurityManager(participants, revoked, "wildex-hub", randomSecret());
    ActiveMQServer created = ActiveMQServers.newActiveMQServer(config, null, security);
    callbacks.forEach(created::registerActivateCallback);
    RevokedConnections.watch(created, revoked);
    LoginDeadline.watch(created, participants::isHub);
    try {
      created.start();
      // a backup replicates until its primary fails; a primary restarted while its backup serves (check-for-active-server)
      // turns itself into that backup's backup: both are up without being active
      boolean backup = created.getHAPolicy() != null && created.getHAPolicy().isBackup();
      if (!backup && !created.isActive()) {
        throw new IllegalStateException("broker " + config.getName() + " failed to start; is a port of " + configFile
            + " in use? (see AMQ224000 in the log)");
      }
    } catch (Exception e) {
      created.stop();
      throw e;
    }
    server = created;
    LOG.info("event=BROKER_NODE_STARTED name={} config={} ha={} clustered={} journal={}", config.getName(), configFile,
        config.getHAPolicyConfiguration().getType(), !config.getClusterConfigurations().isEmpty(), config.getJournalType());
  }

  /**
   * Reads and checks the configuration without starting anything: the node's name, where it listens, its HA policy and
   * cluster connections, as one line. Fails as {@link #start} would on a configuration it refuses.
   */
  public String describe() throws Exception {
    FileConfiguration config = configuration(false);
    StringBuilder line = new StringBuilder("name=").append(config.getName())
        .append(" acceptor=").append(networkUrl).append(" (TLS, client certificates)")
        .append(" ha=").append(config.getHAPolicyConfiguration().getType());
    config.getClusterConfigurations().forEach(c -> line.append(" cluster-connection=").append(c.getName())
        .append(" via ").append(c.getConnectorName()).append(" to ").append(c.getStaticConnectors()));
    line.append(" journal=").append(config.getJournalLocation());
    return line.toString();
  }

  /** The configuration as Artemis reads it, with the wildex rules applied; {@code create}: make the journal folder. */
  FileConfiguration configuration(boolean create) throws Exception {
    if (!Files.isRegularFile(configFile)) {
      throw new IllegalArgumentException("no broker configuration at " + configFile);
    }
    FileConfiguration config = new FileConfiguration();
    FileDeploymentManager deployment = new FileDeploymentManager(configFile.toUri().toString());
    deployment.addDeployable(config);
    deployment.readConfiguration();

    TransportConfiguration declared = config.getAcceptorConfigurations().stream()
        .filter(a -> ACCEPTOR.equals(a.getName())).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(configFile + " declares no acceptor named '" + ACCEPTOR
            + "' (where participants, hub nodes and the other brokers connect)"));
    String host = ConfigurationHelper.getStringProperty(TransportConstants.HOST_PROP_NAME, "localhost", declared.getParams());
    int port = ConfigurationHelper.getIntProperty(TransportConstants.PORT_PROP_NAME, 61616, declared.getParams());
    config.getAcceptorConfigurations().remove(declared);
    for (TransportConfiguration other : config.getAcceptorConfigurations()) {
      Map<String, Object> p = other.getParams();
      if (!ConfigurationHelper.getBooleanProperty(TransportConstants.SSL_ENABLED_PROP_NAME, false, p)
          || !ConfigurationHelper.getBooleanProperty(TransportConstants.NEED_CLIENT_AUTH_PROP_NAME, false, p)) {
        throw new IllegalArgumentException("acceptor '" + other.getName() + "' in " + configFile
            + " must use TLS with client certificates (sslEnabled=true;needClientAuth=true), as the '" + ACCEPTOR
            + "' acceptor does");
      }
    }
    config.addAcceptorConfiguration(
        BrokerRules.participantAcceptor(ACCEPTOR, host, port, keyStoreP12, trustStoreP12, storePassword));
    networkUrl = "tcp://" + host + ":" + port;
    name = config.getName();

    Path journal = Path.of(config.getJournalLocation().getAbsolutePath());
    if (create) {
      Files.createDirectories(journal);
    }
    // ASYNCIO needs the system libaio and a file system with O_DIRECT (not tmpfs): decide here so the log says which
    if (config.getJournalType() == JournalType.ASYNCIO
        && !(Files.isDirectory(journal) && AIOSequentialFileFactory.isSupported(journal.toFile()))) {
      config.setJournalType(JournalType.NIO);
    }
    boolean clustered = !config.getClusterConfigurations().isEmpty();
    BrokerRules.apply(config, directory, minDiskFreeBytes, clustered);

    boolean paired = config.getHAPolicyConfiguration().getType() != HAPolicyConfiguration.TYPE.PRIMARY_ONLY;
    if ((clustered || paired) && (clusterSecret == null || clusterSecret.isBlank())) {
      throw new IllegalArgumentException(configFile + " joins a pair or a cluster: give the brokers their shared cluster"
          + " secret (WILDEX_CLUSTER_SECRET or --cluster-secret FILE)");
    }
    // the cluster user bypasses every check: never its public default password
    config.setClusterUser(CLUSTER_USER);
    config.setClusterPassword(clustered || paired ? clusterSecret : randomSecret());
    plugins.forEach(config::registerBrokerPlugin);
    return config;
  }

  /** Whether this node serves clients now (a backup: only once it took over). */
  public synchronized boolean isActive() {
    return server != null && server.isActive();
  }

  /** For a backup: whether it holds a complete copy of its primary's journal (only then can it take over). */
  public synchronized boolean isReplicaSync() {
    return server != null && server.isReplicaSync();
  }

  /** Where participants, hub nodes and the other brokers connect, e.g. {@code tcp://127.0.0.1:61617} (TLS). */
  public String networkUrl() {
    return networkUrl;
  }

  /** The node's name from its configuration. */
  public String name() {
    return name;
  }

  /** The running server, for tests; null when stopped. */
  public synchronized ActiveMQServer server() {
    return server;
  }

  /** Stops the node; messages stay in its journal. Idempotent. */
  @Override
  public synchronized void close() throws Exception {
    if (server != null) {
      try {
        server.stop();
      } finally {
        server = null;
        LOG.info("event=BROKER_NODE_STOPPED");
      }
    }
  }

  private static String randomSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
