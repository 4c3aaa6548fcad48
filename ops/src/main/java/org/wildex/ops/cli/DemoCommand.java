package org.wildex.ops.cli;

import java.util.concurrent.Callable;
import org.wildex.ops.demo.DemoRun;
import org.wildex.routes.HubSettings;
import org.wildex.routes.management.ManagementSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code wildex demo}: the whole exchange in one command. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Makes a demo PKI and directory, starts the hub, seals and submits sample packages as NGOs,",
      "fetches and opens every agency's deliveries over the broker, prints who received what, stops."
    })
public final class DemoCommand implements Callable<Integer> {

  @Mixin WorkdirOptions options;

  @Option(names = "--https-port", defaultValue = "" + HubSettings.DEFAULT_HTTPS_PORT, description = "HTTPS intake port (default: ${DEFAULT-VALUE})")
  int httpsPort;

  @Option(names = "--broker-port", defaultValue = "" + HubSettings.DEFAULT_BROKER_PORT, description = "broker port, AMQP 1.0, Core and STOMP over TLS (default: ${DEFAULT-VALUE})")
  int brokerPort;

  @Option(names = "--management-port", defaultValue = "" + ManagementSettings.DEFAULT_PORT,
      description = "plain-HTTP port on localhost for GET /metrics and /health/* while the demo runs (default: ${DEFAULT-VALUE})")
  int managementPort;

  @Override
  public Integer call() throws Exception {
    new DemoRun(options.workdir(), httpsPort, brokerPort, managementPort, System.out).run();
    System.out.println("demo done: files under " + options.workdir().root().toAbsolutePath());
    return 0;
  }
}
