package org.wildex.ops.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.wildex.routes.Hub;
import org.wildex.routes.HubSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code wildex serve}: runs the hub until stopped (Ctrl-C or SIGTERM stop it cleanly). */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Runs the hub (HTTPS intake, broker, routes) until stopped.")
public final class ServeCommand implements Callable<Integer> {

  @Mixin WorkdirOptions options;

  @Option(names = "--host", defaultValue = "localhost", description = "interface to listen on (default: ${DEFAULT-VALUE})")
  String host;

  @Option(names = "--https-port", defaultValue = "" + HubSettings.DEFAULT_HTTPS_PORT, description = "HTTPS intake port (default: ${DEFAULT-VALUE})")
  int httpsPort;

  @Option(names = "--broker-port", defaultValue = "" + HubSettings.DEFAULT_BROKER_PORT, description = "broker port, AMQP and Core over TLS (default: ${DEFAULT-VALUE})")
  int brokerPort;

  @Option(names = "--data-dir", description = "broker journal folder (default: WORKDIR/data)")
  Path dataDir;

  @Option(names = "--consumers", defaultValue = "4", description = "concurrent consumers of the intake address (default: ${DEFAULT-VALUE})")
  int consumers;

  @Override
  public Integer call() throws Exception {
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
    Hub hub = Hub.start(settings);
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
    System.out.println("  broker:       " + hub.brokerUrl() + " (AMQP and Core, TLS, client certificates)");
    System.out.flush();
    stopped.await();
    return 0;
  }
}
