package org.wildex.ops.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.wildex.routes.Hub;
import org.wildex.routes.HubSettings;
import org.wildex.routes.audit.AuditSettings;
import org.wildex.routes.management.ManagementSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code wildex serve}: runs the hub until stopped (Ctrl-C or SIGTERM stop it cleanly). */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Runs the hub (HTTPS intake, broker, routes) until stopped.")
public final class ServeCommand implements Callable<Integer> {

  @Mixin WorkdirOptions options;

  @Option(names = "--host", defaultValue = "localhost", description = "interface to listen on (default: ${DEFAULT-VALUE})")
  String host;

  @Option(names = "--https-port", defaultValue = "" + HubSettings.DEFAULT_HTTPS_PORT, description = "HTTPS intake port (default: ${DEFAULT-VALUE})")
  int httpsPort;

  @Option(names = "--broker-port", defaultValue = "" + HubSettings.DEFAULT_BROKER_PORT, description = "broker port, AMQP 1.0, Core and STOMP over TLS (default: ${DEFAULT-VALUE})")
  int brokerPort;

  @Option(names = "--management-port", defaultValue = "" + ManagementSettings.DEFAULT_PORT,
      description = "plain-HTTP port for GET /metrics (Prometheus), /health/live and /health/ready (default: ${DEFAULT-VALUE})")
  int managementPort;

  @Option(names = "--management-host", defaultValue = "localhost",
      description = "interface of the management port; keep it on loopback or a private network (default: ${DEFAULT-VALUE})")
  String managementHost;

  @Option(names = "--data-dir", description = "broker journal folder (default: WORKDIR/data)")
  Path dataDir;

  @Option(names = "--consumers", defaultValue = "4", description = "concurrent consumers of the intake address (default: ${DEFAULT-VALUE})")
  int consumers;

  @Option(names = "--min-free-disk-mb", defaultValue = "" + HubSettings.DEFAULT_MIN_FREE_DISK_BYTES / (1024 * 1024),
      description = "intake answers 503 while the data folder has less free space than this, in MiB, or is read-only;"
          + " the broker blocks its producers at half of it (default: ${DEFAULT-VALUE})")
  long minFreeDiskMb;

  @Option(names = "--db-url", description = "JDBC URL of the audit store, e.g. jdbc:postgresql://db:5432/wildex (default: an H2"
      + " file under DATA-DIR/audit); user and password from WILDEX_DB_USER / WILDEX_DB_PASSWORD")
  String dbUrl;

  @Option(names = "--broker-url",
      description = "an external Artemis (nodes run by `wildex broker`) instead of the embedded broker, e.g."
          + " '(tcp://10.0.0.1:61617?name=primary,tcp://10.0.0.2:61617?name=backup)?ha=true&reconnectAttempts=-1';"
          + " the hub connects with its own certificate (TLS is added). Needs --db-url: hub nodes on one broker share one"
          + " audit store. --broker-port is then unused")
  String brokerUrl;

  @Spec CommandSpec spec;

  @Option(names = "--checkpoint-every", defaultValue = "" + AuditSettings.DEFAULT_CHECKPOINT_EVERY,
      description = "sign a checkpoint of the audit trail every N entries (default: ${DEFAULT-VALUE})")
  int checkpointEvery;

  @Option(names = "--checkpoint-seconds", defaultValue = "60",
      description = "... or every T seconds when the trail moved (default: ${DEFAULT-VALUE})")
  long checkpointSeconds;

  @Override
  public Integer call() throws Exception {
    if (brokerUrl != null && dbUrl == null) {
      throw new ParameterException(spec.commandLine(), "--broker-url needs --db-url: hub nodes that share a broker must share"
          + " one audit store and idempotency record (PostgreSQL), or the trail would fork");
    }
    HubSettings defaults = HubSettings.defaults(options.workdir().root());
    HubSettings settings =
        new HubSettings(
            defaults.workdir(),
            dataDir != null ? dataDir : defaults.dataDir(),
            host,
            httpsPort,
            brokerPort,
            System.getenv().getOrDefault("WILDEX_STORE_PASSWORD", defaults.storePassword()),
            consumers,
            defaults.maxBodyBytes());
    AuditSettings audit = settings.audit().withCheckpoints(checkpointEvery, Duration.ofSeconds(checkpointSeconds));
    if (dbUrl != null) {
      audit = audit.withUrl(dbUrl, System.getenv("WILDEX_DB_USER"), System.getenv("WILDEX_DB_PASSWORD"));
    }
    settings = settings.withAudit(audit).withMinFreeDisk(minFreeDiskMb * 1024 * 1024).withBrokerUrl(brokerUrl);
    Hub hub = Hub.start(settings, new ManagementSettings(managementHost, managementPort));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    hub.close();
                  } catch (Exception e) {
                    System.err.println("wildex: error while stopping: " + e.getMessage());
                  } finally {
                    stopped.countDown();
                  }
                },
                "wildex-shutdown"));
    System.out.println("wildex hub running");
    System.out.println("  HTTPS intake: " + hub.httpsUrl() + "/api/v1/packages");
    System.out.println("  broker:       " + hub.brokerUrl() + (brokerUrl == null ? " (AMQP 1.0, Core and STOMP, TLS, client certificates)"
        : " (external; this node connects with the hub's certificate)"));
    System.out.println("  audit trail:  " + hub.httpsUrl() + "/api/v1/audit/packages/{id} (auditors), `wildex audit` (store: "
        + (dbUrl != null ? dbUrl.replaceAll("(?i)(password=)[^&;]*", "$1***") : settings.dataDir().resolve("audit")) + ")");
    System.out.println("  metrics:      " + hub.managementUrl() + "/metrics (Prometheus), health: " + hub.managementUrl()
        + "/health/live, " + hub.managementUrl() + "/health/ready");
    System.out.flush();
    stopped.await();
    return 0;
  }
}
