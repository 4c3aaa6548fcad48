package org.wildex.ops.bench;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The hub's cost per package, by stage, from the difference of two {@link HubCosts} snapshots taken around the timed
 * part of a run: CPU milliseconds per package of each thread group, and inside the intake consumers and the HTTPS
 * threads, of each route (stage) as the hub measured it; bytes allocated per package; then the {@code COST} line that
 * puts the hub's CPU per package beside the crypto's own CPU per package from the same run.
 */
final class CostTable {

  /** The stages in the order a package meets them, with what each does. */
  private static final Map<String, String> STAGES = new LinkedHashMap<>();

  static {
    STAGES.put("wildex.intake.http", "intake route: identify, checks, durable send to wildex.intake");
    STAGES.put("wildex.process.open", "open: decrypt + verify, audit recorders and publish");
    STAGES.put("wildex.process.validate", "validate: parse + schema + commitment");
    STAGES.put("wildex.process.deduplicate", "deduplicate: idempotency claim");
    STAGES.put("wildex.process.recipients", "recipients");
    STAGES.put("wildex.process.redact", "redact, delivery JSON");
    STAGES.put("wildex.deliver.fanout", "fan-out: sign + encrypt per recipient, send");
    STAGES.put("wildex.receipts.send", "receipt: sign + encrypt, send");
  }

  private static final List<String> GROUPS = List.of(HubCosts.HTTPS, HubCosts.CONSUMERS, HubCosts.AUDIT, HubCosts.DATABASE,
      HubCosts.BROKER, HubCosts.GC, HubCosts.JIT, HubCosts.OTHER);

  private final HubCosts run;
  private final int packages;

  CostTable(HubCosts before, HubCosts after, int packages) {
    this.run = after.minus(before);
    this.packages = packages;
  }

  /** The hub's CPU milliseconds per package (the whole JVM, every thread). */
  double hubCpuMs() {
    return perPackageMs(run.processCpu());
  }

  /** CPU milliseconds per package of one thread group ({@link HubCosts#BROKER} and the others). */
  double groupMs(String group) {
    return perPackageMs(run.threadCpu().getOrDefault(group, 0.0));
  }

  /** KiB the hub JVM allocated per package (from the JVM's count of allocations between collections). */
  double allocatedKib() {
    return packages == 0 ? 0 : run.allocated() / 1024 / packages;
  }

  /** The table; {@link #line} is printed after it, just before {@code RESULT}. */
  void print(PrintStream out) {
    out.printf(Locale.ROOT, "cost per package in the hub JVM (%d packages; CPU ms from /proc per thread, stages measured by the"
        + " hub with per-thread CPU and allocation counters):%n", packages);
    double attributed = 0;
    for (String group : GROUPS) {
      double seconds = run.threadCpu().getOrDefault(group, 0.0);
      attributed += seconds;
      row(out, "  ", group, perPackageMs(seconds), -1);
      double inRoutes = 0;
      for (Map.Entry<String, String> stage : STAGES.entrySet()) {
        boolean here = stage.getKey().equals("wildex.intake.http") ? group.equals(HubCosts.HTTPS) : group.equals(HubCosts.CONSUMERS);
        if (here && run.stageCpu().containsKey(stage.getKey())) {
          double cpu = run.stageCpu().get(stage.getKey());
          inRoutes += cpu;
          row(out, "    ", stage.getKey() + " (" + stage.getValue() + ")", perPackageMs(cpu),
              run.stageAllocated().getOrDefault(stage.getKey(), 0.0) / 1024 / Math.max(packages, 1));
        }
      }
      if (group.equals(HubCosts.CONSUMERS) && !run.stageCpu().isEmpty()) {
        row(out, "    ", "outside the routes (JMS receive, transaction commit, listener container)",
            perPackageMs(seconds - inRoutes), -1);
      }
    }
    row(out, "  ", "threads that ended during the run", perPackageMs(run.processCpu() - attributed), -1);
    row(out, "  ", "total", hubCpuMs(), allocatedKib());
  }

  /** {@code COST hub_cpu_ms=.. crypto_cpu_ms=.. cost_ratio=.. alloc_kb=..}. */
  String line(double cryptoCpuMs) {
    return String.format(Locale.ROOT, "COST hub_cpu_ms=%.2f crypto_cpu_ms=%.2f cost_ratio=%.2f alloc_kb=%.0f", hubCpuMs(),
        cryptoCpuMs, costRatio(cryptoCpuMs), allocatedKib());
  }

  double costRatio(double cryptoCpuMs) {
    return cryptoCpuMs > 0 ? hubCpuMs() / cryptoCpuMs : 0;
  }

  private double perPackageMs(double seconds) {
    return packages == 0 ? 0 : seconds * 1000 / packages;
  }

  private static void row(PrintStream out, String indent, String what, double ms, double kib) {
    String name = indent + what;
    if (kib >= 0) {
      out.printf(Locale.ROOT, "%-100s %8.2f ms %10.0f KiB%n", name, ms, kib);
    } else {
      out.printf(Locale.ROOT, "%-100s %8.2f ms%n", name, ms);
    }
  }
}
