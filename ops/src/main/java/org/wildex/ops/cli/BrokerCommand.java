package org.wildex.ops.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.activemq.artemis.core.server.ActivateCallback;
import org.wildex.contracts.directory.Directory;
import org.wildex.ops.Workdir;
import org.wildex.routes.HubSettings;
import org.wildex.routes.Participants;
import org.wildex.routes.audit.BrokerAuditPlugin;
import org.wildex.routes.broker.BrokerNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code wildex broker}: one Artemis broker node in its own JVM (a primary or backup of a replicated pair, or a member of
 * a symmetric cluster) that hub nodes reach with {@code wildex serve --broker-url}. Ctrl-C or SIGTERM stop it cleanly.
 */
@Command(name = "broker", mixinStandardHelpOptions = true,
    description = {"Runs one Artemis broker node for hub nodes started with `wildex serve --broker-url`, until stopped.",
        "The node's broker.xml (ops/deploy/) says what is particular to it (name, ports, ha-policy, cluster connection);"
            + " wildex adds the participants' TLS acceptor, access rules, addresses and audit events, as the embedded"
            + " broker has them."})
public final class BrokerCommand implements Callable<Integer> {

  /** What the configuration files may refer to as {@code ${name}}, set before they are read. */
  static final String WORKDIR_PROPERTY = "wildex.workdir";
  static final String PKI_PROPERTY = "wildex.pki";
  static final String DATA_PROPERTY = "wildex.data";

  @Mixin WorkdirOptions options;

  @Option(names = "--config", required = true,
      description = "the node's Artemis broker.xml, e.g. ops/deploy/replication/primary.xml")
  Path config;

  @Option(names = "--data-dir",
      description = "the node's journal folder, ${wildex.data} in the configuration (default: WORKDIR/data/broker-<config file name>)")
  Path dataDir;

  @Option(names = "-D", mapFallbackValue = "", paramLabel = "NAME=VALUE",
      description = "sets a property the configuration refers to as ${NAME} (e.g. -Dwildex.primary.port=61627)")
  Map<String, String> properties = new LinkedHashMap<>();

  @Option(names = "--cluster-secret",
      description = "file with the secret the brokers of one pair or cluster share (default: WILDEX_CLUSTER_SECRET, else"
          + " WORKDIR/pki/cluster.secret)")
  Path clusterSecretFile;

  @Option(names = "--min-free-disk-mb", defaultValue = "" + HubSettings.DEFAULT_MIN_FREE_DISK_BYTES / (2 * 1024 * 1024),
      description = "blocks producers while the journal's disk has less free space than this, in MiB (default: ${DEFAULT-VALUE})")
  long minFreeDiskMb;

  @Option(names = "--check", description = "reads and checks the configuration, prints what it would run, and exits")
  boolean check;

  @Override
  public Integer call() throws Exception {
    Workdir workdir = options.workdir();
    Directory directory = Directory.load(workdir.directoryFile());
    Participants participants = Participants.load(directory);
    String storePassword = System.getenv().getOrDefault("WILDEX_STORE_PASSWORD", "changeit");
    String fileName = config.getFileName().toString().replaceFirst("\\.xml$", "");
    Path data = (dataDir != null ? dataDir : workdir.data().resolve("broker-" + fileName)).toAbsolutePath();
    System.setProperty(WORKDIR_PROPERTY, workdir.root().toAbsolutePath().toString());
    System.setProperty(PKI_PROPERTY, workdir.pki().toAbsolutePath().toString());
    System.setProperty(DATA_PROPERTY, data.toString());
    properties.forEach(System::setProperty);

    BrokerNode node = new BrokerNode(config, directory, workdir.keyStore("hub"), workdir.trustStore(), storePassword,
        clusterSecret(workdir));
    if (check) {
      System.out.println("wildex broker config OK: " + node.describe());
      return 0;
    }
    presentHubCertificateToOtherBrokers(workdir, storePassword);
    node.withPlugin(new BrokerAuditPlugin())
        .withRevocationCheck(participants::isRevoked)
        .withMinDiskFree(minFreeDiskMb * 1024 * 1024)
        .onActivation(new ActivateCallback() {
          @Override
          public void activationComplete() {
            System.out.println("wildex broker active: " + node.name() + " serves " + node.networkUrl());
            System.out.flush();
          }
        });
    node.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        node.close();
      } catch (Exception e) {
        System.err.println("wildex: error while stopping the broker: " + e.getMessage());
      } finally {
        stopped.countDown();
      }
    }, "wildex-broker-shutdown"));
    System.out.println("wildex broker running: " + node.name() + " (" + config + ")");
    System.out.println("  participants and hub nodes: " + node.networkUrl() + " (AMQP 1.0, Core and STOMP, TLS, client certificates)");
    System.out.println("  journal: " + data);
    if (!node.isActive()) {
      System.out.println("  backup: replicates the active node and takes over when it fails");
    }
    watchReplication(node);
    System.out.flush();
    stopped.await();
    return 0;
  }

  /**
   * Connections this node opens to the other brokers (replication, cluster bridges) present the hub's certificate. Set
   * as JVM properties, not as connector parameters: Artemis sends its connectors to clients in the cluster topology, and
   * the store password must not travel with them.
   */
  private static void presentHubCertificateToOtherBrokers(Workdir workdir, String storePassword) {
    System.setProperty("org.apache.activemq.ssl.keyStore", workdir.keyStore("hub").toAbsolutePath().toString());
    System.setProperty("org.apache.activemq.ssl.keyStorePassword", storePassword);
    System.setProperty("org.apache.activemq.ssl.keyStoreType", "PKCS12");
    System.setProperty("org.apache.activemq.ssl.trustStore", workdir.trustStore().toAbsolutePath().toString());
    System.setProperty("org.apache.activemq.ssl.trustStorePassword", storePassword);
    System.setProperty("org.apache.activemq.ssl.trustStoreType", "PKCS12");
  }

  /** The shared cluster secret: WILDEX_CLUSTER_SECRET, else the file; null when neither is there (standalone node). */
  private String clusterSecret(Workdir workdir) throws Exception {
    String env = System.getenv("WILDEX_CLUSTER_SECRET");
    if (env != null && !env.isBlank()) {
      return env.trim();
    }
    Path file = clusterSecretFile != null ? clusterSecretFile : workdir.pki().resolve("cluster.secret");
    if (clusterSecretFile != null && !Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no cluster secret at " + file);
    }
    return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8).trim() : null;
  }

  /**
   * Prints when a backup holds a complete copy of the active node's journal (only then can it take over), and again
   * after a failback made it a backup once more. Becoming active is printed by the activation callback.
   */
  private static void watchReplication(BrokerNode node) {
    Thread watcher = new Thread(() -> {
      boolean wasInSync = false;
      try {
        while (true) {
          boolean inSync = !node.isActive() && node.isReplicaSync();
          if (inSync && !wasInSync) {
            System.out.println("wildex broker backup in sync: " + node.name() + " holds a copy of the active node's journal");
            System.out.flush();
          }
          wasInSync = inSync;
          Thread.sleep(200);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "wildex-broker-replication-watch");
    watcher.setDaemon(true);
    watcher.start();
  }
}
