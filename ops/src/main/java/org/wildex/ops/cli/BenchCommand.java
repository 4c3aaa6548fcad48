package org.wildex.ops.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.wildex.ops.bench.Backlog;
import org.wildex.ops.bench.Bench;
import org.wildex.ops.bench.BenchOptions;
import org.wildex.ops.bench.BenchResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code wildex bench}: the load harness (ops/bench/README.md); its last line is the machine-readable RESULT. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {
      "Measures the hub end to end on this machine: seals packages ahead, measures the crypto-only and broker-only",
      "ceilings, starts `wildex serve` in its own JVM on a fresh demo set-up, submits over HTTPS (mTLS) and consumes",
      "every delivery as the agencies over AMQP. Last line: RESULT pps=.. p50_ms=.. p99_ms=.. crypto_ceiling_pps=..",
      "broker_ceiling_pps=.. ratio_crypto=.. heap_mb=.. Exit 1 if any package did not reach every recipient once.",
      "With --hub-nodes N: N hub nodes on one external broker and PostgreSQL instead (docs/scale-out.md, Capacity)."
    })
public final class BenchCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--packages", defaultValue = "20000", description = "packages in the timed part (default: ${DEFAULT-VALUE})")
  int packages;

  @Option(names = "--warmup", defaultValue = "1000", description = "packages before the timed part, not counted; at --rate when given (default: ${DEFAULT-VALUE})")
  int warmup;

  @Option(names = "--size", defaultValue = "16k", description = "package JSON size: 4k, 16k, 64k, ... (default: ${DEFAULT-VALUE})")
  String size;

  @Option(names = "--recipients", defaultValue = "4", description = "agencies each package goes to, 1-15 (default: ${DEFAULT-VALUE})")
  int recipients;

  @Option(names = "--concurrency", defaultValue = "16", description = "HTTPS clients submitting at once (default: ${DEFAULT-VALUE})")
  int concurrency;

  @Option(names = "--rate", defaultValue = "0", description = "pace submissions at this many packages/s; latency counts"
      + " from each package's scheduled time (default: 0 = as fast as the hub answers)")
  double rate;

  @Option(names = "--duration", defaultValue = "0", description = "stop submitting after this many seconds (default: 0 = after all packages)")
  long duration;

  @Option(names = "--consumers", defaultValue = "8", description = "the hub's concurrent intake consumers (default: ${DEFAULT-VALUE})")
  int consumers;

  @Option(names = "--ceiling-seconds", defaultValue = "10", description = "measuring time of each ceiling (default: ${DEFAULT-VALUE})")
  double ceilingSeconds;

  @Option(names = "--sample-every", defaultValue = "100", description = "open and verify every n-th delivery (default: ${DEFAULT-VALUE})")
  int sampleEvery;

  @Option(names = "--hub-heap", defaultValue = "512m", description = "the hub JVM's -Xms/-Xmx (default: ${DEFAULT-VALUE})")
  String hubHeap;

  @Option(names = "--hub-jvm-opts", defaultValue = "", description = "more hub JVM options, space-separated, e.g."
      + " -XX:StartFlightRecording=filename=hub.jfr,settings=profile")
  String hubJvmOpts;

  @Option(names = "--backlog", defaultValue = "0", description = "instead of the throughput run: submit this many packages"
      + " with the hub's intake paused, report its heap and queue depth, restart it and check the depth held"
      + " (ops/bench/README.md; default: 0 = throughput run)")
  int backlog;

  @Option(names = "--hub-nodes", defaultValue = "0", description = "run N hub nodes (wildex serve --broker-url --db-url, each its"
      + " own JVM) on one external broker (wildex broker --config BROKER-CONFIG) with the audit store in a fresh PostgreSQL"
      + " schema, submissions spread over the nodes (default: 0 = one hub with its embedded broker and H2)")
  int hubNodes;

  @Option(names = "--broker-config", defaultValue = "ops/deploy/single/broker.xml",
      description = "with --hub-nodes: the external broker's configuration (default: ${DEFAULT-VALUE})")
  Path brokerConfig;

  @Option(names = "--db-url", defaultValue = "jdbc:postgresql://127.0.0.1:5432/test", description = "with --hub-nodes: the"
      + " PostgreSQL database a fresh schema is created in (and dropped after), as WILDEX_DB_USER (default postgres)"
      + " (default: ${DEFAULT-VALUE})")
  String dbUrl;

  @Option(names = "--workdir", description = "folder for the demo PKI, the hub's data and logs (default: a new temporary folder)")
  Path workdir;

  @Override
  public Integer call() throws Exception {
    List<String> jvm = hubJvmOpts.isBlank() ? List.of() : Arrays.asList(hubJvmOpts.trim().split("\\s+"));
    BenchOptions options = new BenchOptions(packages, warmup, BenchOptions.parseSize(size), recipients, concurrency, rate,
        duration, consumers, ceilingSeconds, sampleEvery, hubHeap, jvm, workdir);
    if (hubNodes > 0) {
      if (backlog > 0) {
        throw new ParameterException(spec.commandLine(), "--backlog runs the default topology only, not with --hub-nodes");
      }
      if (!Files.isRegularFile(brokerConfig)) {
        throw new ParameterException(spec.commandLine(), "--broker-config " + brokerConfig + " is not a file (run from the"
            + " repository root, or give the path to ops/deploy/single/broker.xml)");
      }
      options = options.withHubNodes(hubNodes, brokerConfig.toAbsolutePath(), dbUrl);
    } else if (hubNodes < 0) {
      throw new ParameterException(spec.commandLine(), "--hub-nodes must be 0 or more");
    }
    if (backlog > 0) {
      return new Backlog(options, backlog, System.out).run() ? 0 : WildexCommand.EXIT_FAILED;
    }
    BenchResult result = new Bench(options, System.out).run();
    return result.complete() ? 0 : WildexCommand.EXIT_FAILED;
  }
}
