package org.wildex.ops.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a hub JVM's CPU and allocations go, read from outside at one moment: every thread's CPU time from
 * {@code /proc/<pid>/task/<tid>/stat}, grouped by what the thread does (its name), and the hub's own per-stage counters
 * ({@code wildex_stage_cpu_seconds_total}, {@code wildex_stage_allocated_bytes_total}: the thread CPU and bytes allocated
 * inside each route, measured by the hub with the JVM's per-thread counters) from its Prometheus endpoint, and the
 * bytes it allocated in all (from its GC log, {@link HubUnderTest#allocatedBytes()}). Two snapshots, before and after a run,
 * give the cost of the run; {@link CostTable} divides it by the packages.
 */
record HubCosts(double processCpu, Map<String, Double> threadCpu, Map<String, Double> stageCpu,
    Map<String, Double> stageAllocated, double allocated) {

  /** Thread groups, by the name the thread has in /proc (the kernel keeps its first 15 characters). */
  static final String BROKER = "broker threads (journal, remoting, TLS, paging)";
  static final String HTTPS = "HTTPS (Vert.x: TLS, HTTP, the intake route)";
  static final String CONSUMERS = "intake consumers (Camel JMS: the process stages)";
  static final String AUDIT = "audit writer";
  static final String DATABASE = "audit store (H2 background: page serialisation, writer)";
  static final String GC = "GC (collector threads, VM thread)";
  static final String JIT = "JIT compilers";
  static final String OTHER = "other threads";

  private static final long CLOCK_TICKS_PER_SECOND = 100;
  private static final Pattern SAMPLE =
      Pattern.compile("(?m)^(wildex_stage_cpu_seconds_total|wildex_stage_allocated_bytes_total)"
          + "(?:\\{[^}]*stage=\"([^\"]+)\"[^}]*})?\\s+(\\S+)$");

  static String group(String comm) {
    // Artemis names its threads "Thread-N (activemq-...)", which the kernel cuts to 15 characters: from Thread-10 on,
    // "Thread-10 (acti", "Thread-100 (act"; a thread the JVM names by default ("Thread-N") has no " ("
    if (comm.startsWith("Thread-") && comm.contains(" (") || comm.startsWith("activemq") || comm.startsWith("ActiveMQ")) {
      return BROKER;
    }
    if (comm.startsWith("vert.x") || comm.startsWith("vertx")) {
      return HTTPS;
    }
    if (comm.startsWith("Camel (")) {
      return CONSUMERS;
    }
    if (comm.startsWith("wildex.audit") || comm.startsWith("wildex-audit")) {
      return AUDIT;
    }
    // H2 names its MVStore writer "MVStore background writer ..." and its page serialisation "H2-serialization"
    if (comm.startsWith("MVStore") || comm.startsWith("H2 ") || comm.startsWith("H2-")) {
      return DATABASE;
    }
    if (comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.equals("VM Thread")) {
      return GC;
    }
    if (comm.contains("CompilerThre") || comm.equals("Sweeper thread")) {
      return JIT;
    }
    return OTHER;
  }

  /** Reads the hub's threads and its metrics now; empty maps where /proc or the endpoint cannot be read. */
  static HubCosts read(long pid, int managementPort, double allocated) {
    Map<String, Double> threads = new TreeMap<>();
    double total = 0;
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", "" + pid, "task"))) {
      for (Path task : tasks) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          double seconds = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS_PER_SECOND;
          threads.merge(group(comm), seconds, Double::sum);
        } catch (IOException | RuntimeException gone) {
          // the thread ended between listing and reading: its time is in the process total below
        }
      }
      String stat = Files.readString(Path.of("/proc", "" + pid, "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      total = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      threads.clear();
    }
    Map<String, Double> stageCpu = new TreeMap<>();
    Map<String, Double> stageAllocated = new TreeMap<>();
    if (managementPort > 0) {
      try {
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + "/metrics")).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = SAMPLE.matcher(metrics.body());
        while (m.find()) {
          double value = Double.parseDouble(m.group(3));
          switch (m.group(1)) {
            case "wildex_stage_cpu_seconds_total" -> stageCpu.merge(m.group(2), value, Double::sum);
            default -> stageAllocated.merge(m.group(2), value, Double::sum);
          }
        }
      } catch (IOException e) {
        // no metrics: the table shows the thread groups only
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return new HubCosts(total, threads, stageCpu, stageAllocated, allocated);
  }

  /** Two hub JVMs' snapshots together (a run with several hub nodes). */
  HubCosts plus(HubCosts other) {
    return new HubCosts(processCpu + other.processCpu, plus(threadCpu, other.threadCpu), plus(stageCpu, other.stageCpu),
        plus(stageAllocated, other.stageAllocated), allocated + other.allocated);
  }

  private static Map<String, Double> plus(Map<String, Double> a, Map<String, Double> b) {
    Map<String, Double> out = new LinkedHashMap<>(a);
    b.forEach((k, v) -> out.merge(k, v, Double::sum));
    return out;
  }

  /** What was spent between {@code before} and this snapshot. */
  HubCosts minus(HubCosts before) {
    return new HubCosts(processCpu - before.processCpu, minus(threadCpu, before.threadCpu), minus(stageCpu, before.stageCpu),
        minus(stageAllocated, before.stageAllocated), allocated - before.allocated);
  }

  private static Map<String, Double> minus(Map<String, Double> after, Map<String, Double> before) {
    Map<String, Double> out = new LinkedHashMap<>();
    after.forEach((k, v) -> out.put(k, v - before.getOrDefault(k, 0.0)));
    return out;
  }
}
