package org.wildex.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildex.ops.reliability.ScaleOut;
import org.wildex.routes.audit.PostgresTestDatabase;

/**
 * A short run of the load harness so it keeps working: every package reaches every recipient exactly once and the last
 * line is a RESULT line that parses. No figure is asserted (the machine decides those).
 */
class BenchIT {

  private static final Pattern RESULT = Pattern.compile(
      "^RESULT pps=([0-9.]+) p50_ms=([0-9.]+) p99_ms=([0-9.]+) crypto_ceiling_pps=([0-9.]+) broker_ceiling_pps=([0-9.]+)"
          + " ratio_crypto=([0-9.]+) heap_mb=(-?[0-9]+) hub_cpu_ms=([0-9.]+) cost_ratio=([0-9.]+)$");
  private static final Pattern COST =
      Pattern.compile("^COST hub_cpu_ms=([0-9.]+) crypto_cpu_ms=([0-9.]+) cost_ratio=([0-9.]+) alloc_kb=([0-9]+)$");
  /** A stage row of the cost table: its route id, then CPU ms and KiB allocated per package. */
  private static final Pattern STAGE = Pattern.compile("^\\s+(wildex\\.[a-z.]+) \\(.*\\)\\s+([0-9.]+) ms\\s+([0-9]+) KiB$");

  @TempDir Path dir;

  @Test
  void every_package_reaches_every_recipient_and_the_last_line_is_the_result() throws Exception {
    Run run = run(new BenchOptions(100, 10, 4 * 1024, 4, 4, 0, 0, 4, 1, 10, "256m", List.of(), dir.resolve("bench")));
    BenchResult result = run.result();
    String report = run.report();
    assertThat(result.complete()).as(report).isTrue();
    assertThat(result.packagesCompleted()).isEqualTo(100);
    assertThat(result.deliveries()).isEqualTo(400);
    List<String> lines = report.lines().toList();
    Matcher last = RESULT.matcher(lines.get(lines.size() - 1));
    assertThat(last.matches()).as(lines.get(lines.size() - 1)).isTrue();
    assertThat(Double.parseDouble(last.group(1))).isPositive();
    assertThat(Double.parseDouble(last.group(4))).isPositive();
    assertThat(Double.parseDouble(last.group(5))).isPositive();

    // the line before RESULT: the hub's CPU per package beside the crypto's, and what it allocates
    Matcher cost = COST.matcher(lines.get(lines.size() - 2));
    assertThat(cost.matches()).as(lines.get(lines.size() - 2)).isTrue();
    assertThat(Double.parseDouble(cost.group(1))).isEqualTo(Double.parseDouble(last.group(8)));
    assertThat(Double.parseDouble(cost.group(1))).as("hub CPU ms per package").isGreaterThan(Double.parseDouble(cost.group(2)));
    assertThat(Long.parseLong(cost.group(4))).as("KiB allocated per package").isPositive();
    // the crypto-and-broker bound is printed as a reference, and the measured ratio beside it
    assertThat(report).contains("a reference, not a cap").containsPattern(
        "cost ratio: the hub's " + cost.group(1) + " ms CPU per package is " + cost.group(3) + " x the crypto's "
            + cost.group(2) + " ms and [0-9.]+ x crypto and broker together \\([0-9.]+ ms\\)");
    // the broker ceiling measured again with the agencies over AMQP + TLS: its broker threads, beside the hub's row
    Matcher egress = Pattern.compile("(?m)^broker ceiling, deliveries and receipts drained over AMQP 1.0 \\+ TLS .*: [0-9]+"
        + " packages/s; broker threads ([0-9.]+) ms CPU per package").matcher(report);
    assertThat(egress.find()).as(report).isTrue();
    assertThat(Double.parseDouble(egress.group(1))).as("the broker threads' CPU with AMQP + TLS egress").isPositive();
    assertThat(report).containsPattern("broker threads: the hub's [0-9.]+ ms CPU per package against the broker ceiling's "
        + egress.group(1) + " ms");
    // the table above it names every process stage, each with the CPU and allocation the hub measured in it
    java.util.Map<String, Double> stages = new java.util.HashMap<>();
    for (String line : lines) {
      Matcher m = STAGE.matcher(line);
      if (m.matches()) {
        stages.put(m.group(1), Double.parseDouble(m.group(2)));
      }
    }
    assertThat(stages).as(report).containsKeys("wildex.intake.http", "wildex.process.open", "wildex.process.validate",
        "wildex.process.recipients", "wildex.process.redact", "wildex.deliver.fanout", "wildex.receipts.send");
    assertThat(stages.get("wildex.process.open")).as("open: decrypt and verify cost CPU").isPositive();
    assertThat(stages.get("wildex.deliver.fanout")).as("fan-out: sign and encrypt cost CPU").isPositive();
  }

  /** The scale-out mode: two hub nodes on one external broker and PostgreSQL (-Dwildex.cluster=true, as the scale-out ITs). */
  @Test
  void two_hub_nodes_on_an_external_broker_deliver_every_package_once() throws Exception {
    ScaleOut.assumeEnabled();
    Run run = run(new BenchOptions(40, 10, 4 * 1024, 4, 4, 0, 0, 4, 1, 10, "256m", List.of(), dir.resolve("nodes"))
        .withHubNodes(2, Path.of("deploy", "single", "broker.xml").toAbsolutePath(),
            PostgresTestDatabase.url(PostgresTestDatabase.HOST, PostgresTestDatabase.PORT, null)));
    BenchResult result = run.result();
    String report = run.report();
    assertThat(result.complete()).as(report).isTrue();
    assertThat(result.packagesCompleted()).isEqualTo(40);
    assertThat(result.deliveries()).as("each of 40 packages once at each of its 4 recipients").isEqualTo(160);
    assertThat(report).contains("delivered: 40 packages complete at all 4 recipients; 160 deliveries consumed over AMQP,"
        + " 0 duplicate, 0 unexpected; 40 receipts");
    List<String> lines = report.lines().toList();
    assertThat(lines.get(lines.size() - 3)).startsWith("topology: 2 hub nodes ").contains("external broker");
    assertThat(COST.matcher(lines.get(lines.size() - 2)).matches()).as(lines.get(lines.size() - 2)).isTrue();
    assertThat(RESULT.matcher(lines.get(lines.size() - 1)).matches()).as(lines.get(lines.size() - 1)).isTrue();
    assertThat(report).containsPattern("cpu: hub nodes [0-9.]+ cores \\(hub1 [0-9.]+, hub2 [0-9.]+\\), broker [0-9.]+ cores");
  }

  private record Run(BenchResult result, String report) {}

  /** Runs the bench with {@code options}; returns its result and what it printed (also printed here). */
  private static Run run(BenchOptions options) throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    BenchResult result;
    try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      result = new Bench(options, out).run();
    }
    String report = printed.toString(StandardCharsets.UTF_8);
    System.out.print(report);
    return new Run(result, report);
  }

  @Test
  void a_backlog_on_the_paused_intake_survives_a_restart() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    BenchOptions options = new BenchOptions(0, 0, 4 * 1024, 4, 4, 0, 0, 4, 1, 0, "256m", List.of(), dir.resolve("backlog"));

    boolean kept;
    try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      kept = new Backlog(options, 60, out).run();
    }

    String report = printed.toString(StandardCharsets.UTF_8);
    System.out.print(report);
    List<String> lines = report.lines().toList();
    assertThat(lines.get(lines.size() - 1))
        .startsWith("BACKLOG packages=60 accepted=60 depth=60 depth_after_restart=60 ")
        .endsWith(" kept=true");
    assertThat(kept).isTrue();
  }
}
