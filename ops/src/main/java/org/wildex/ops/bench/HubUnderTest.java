package org.wildex.ops.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.wildex.ops.HubJvmOptions;
import org.wildex.ops.cli.WildexCommand;

/**
 * {@code wildex serve} (or, for a run with hub nodes, {@code wildex broker}) in its own JVM, as an operator runs it: the
 * harness measures it from outside. Its output goes to {@code hub.log}; its garbage collector logs to {@code gc.log},
 * from which the heap figures come; its CPU time comes from {@code /proc/<pid>/stat}.
 */
final class HubUnderTest implements AutoCloseable {

  /** "GC(12) Pause Young (Normal) (G1 Evacuation Pause) 150M->40M(256M) 3.1ms": used heap before and after. */
  private static final Pattern GC_PAUSE = Pattern.compile("Pause.* (\\d+)M->(\\d+)M\\((\\d+)M\\)");
  private static final long CLOCK_TICKS_PER_SECOND = 100;

  private final Process process;
  private final Path gcLog;
  private final int managementPort;

  private HubUnderTest(Process process, Path gcLog, int managementPort) {
    this.process = process;
    this.gcLog = gcLog;
    this.managementPort = managementPort;
  }

  /** Starts the hub with the given heap and JVM options and waits until it says it is running. */
  static HubUnderTest start(Path workdir, int httpsPort, int brokerPort, int managementPort, int consumers, String heap,
      List<String> jvmOptions) throws Exception {
    return launch(workdir, "hub", List.of("serve", "--workdir", workdir.toString(), "--https-port", "" + httpsPort,
        "--broker-port", "" + brokerPort, "--consumers", "" + consumers, "--management-port", "" + managementPort), heap,
        jvmOptions, Map.of(), "wildex hub running", managementPort);
  }

  /**
   * Runs {@code wildex ARGUMENTS} in its own JVM (output to {@code <name>.log}, GC log {@code gc-<name>.log}, or
   * {@code gc.log} for the one hub of the default run) and waits until it prints a line starting with {@code ready}.
   */
  static HubUnderTest launch(Path workdir, String name, List<String> arguments, String heap, List<String> jvmOptions,
      Map<String, String> environment, String ready, int managementPort) throws Exception {
    Path log = workdir.resolve(name + ".log");
    Path gcLog = workdir.resolve(name.equals("hub") ? "gc.log" : "gc-" + name + ".log");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xms" + heap, "-Xmx" + heap,
        "-Xlog:gc:file=" + gcLog));
    command.addAll(HubJvmOptions.load());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), WildexCommand.class.getName()));
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process = builder.start();
    CountDownLatch started = new CountDownLatch(1);
    Thread pump = new Thread(() -> pump(process, log, ready, started), "bench-" + name + "-output");
    pump.setDaemon(true);
    pump.start();
    if (!started.await(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
      throw new IllegalStateException("`wildex " + arguments.get(0) + "` (" + name + ") did not start within 120 s; the end of "
          + log + ":\n" + tail(log));
    }
    return new HubUnderTest(process, gcLog, managementPort);
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  private static void pump(Process process, Path log, String ready, CountDownLatch started) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        out.write(line);
        out.write(System.lineSeparator());
        if (line.startsWith(ready)) {
          out.flush();
          started.countDown();
        }
      }
    } catch (IOException e) {
      // the hub went away; start() or the run notices
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Where the JVM's CPU and allocations went so far (per-stage figures when it serves metrics on a known port). */
  HubCosts costs() {
    return HubCosts.read(process.pid(), managementPort, allocatedBytes());
  }

  /**
   * Bytes the hub allocated up to its last collection, from the GC log: at each pause, the heap in use before it minus
   * the heap in use after the pause before. Humongous objects count (G1 puts them straight into old regions, so the
   * JVM's young-generation counter that Micrometer publishes as {@code jvm_gc_memory_allocated_bytes} misses them).
   */
  double allocatedBytes() {
    long mib = 0;
    long after = 0;
    try {
      for (String line : Files.readAllLines(gcLog)) {
        Matcher m = GC_PAUSE.matcher(line);
        if (m.find()) {
          mib += Math.max(0, Long.parseLong(m.group(1)) - after);
          after = Long.parseLong(m.group(2));
        }
      }
    } catch (IOException e) {
      return 0;
    }
    return mib * 1024.0 * 1024.0;
  }

  /** CPU seconds (user + system) the hub's JVM has used so far, or -1 where /proc is not available. */
  double cpuSeconds() {
    try {
      String stat = Files.readString(Path.of("/proc", "" + process.pid(), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // after "pid (comm) ": state is field 0, utime field 11, stime field 12
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * Heap figures from the GC log so far. Only evacuation pauses (young, mixed, full) count for "after": G1's Remark and
   * Cleanup pauses free no old regions that still hold objects, so the heap they print is not a live set.
   */
  HeapUse heap() {
    long afterEvacuation = 0;
    long afterOld = -1;
    long before = 0;
    try {
      for (String line : Files.readAllLines(gcLog)) {
        Matcher m = GC_PAUSE.matcher(line);
        if (m.find()) {
          before = Math.max(before, Long.parseLong(m.group(1)));
          if (line.contains("Pause Young") || line.contains("Pause Mixed") || line.contains("Pause Full")) {
            afterEvacuation = Math.max(afterEvacuation, Long.parseLong(m.group(2)));
          }
          if (line.contains("Pause Mixed") || line.contains("Pause Full")) {
            afterOld = Math.max(afterOld, Long.parseLong(m.group(2)));
          }
        }
      }
    } catch (IOException e) {
      return new HeapUse(-1, -1, -1);
    }
    return new HeapUse(afterOld >= 0 ? afterOld : afterEvacuation, afterEvacuation, before);
  }

  /**
   * Heap in MiB. {@code liveMb}: the largest heap in use right after a collection that evacuated old regions (a mixed or
   * full pause), or, when none was needed, after a young pause: an upper bound of the live set (old garbage not yet
   * collected counts too). {@code afterAnyMb}: the largest after any evacuation pause. {@code peakMb}: the largest
   * before a pause.
   */
  record HeapUse(long liveMb, long afterAnyMb, long peakMb) {}

  /** SIGTERM and wait: the hub drains and stops cleanly (its shutdown hook). */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }
}
