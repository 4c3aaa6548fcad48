package org.wildex.ops.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code wildex serve} (or another {@code wildex} command that runs until stopped, such as {@code wildex broker}) as a
 * separate JVM from the built distribution, so a test can kill it like a power cut.
 */
public final class HubProcess implements AutoCloseable {

  static final Path JAR = Path.of("target", "wildex.jar");

  /**
   * The JIT of the test JVMs: C1 only. These runs check what is delivered, not how fast, and are short (a few thousand
   * packages on two cores), where C2 spends more CPU compiling than it saves: the 2,000-package kill -9 run took 102 s
   * with C1 only against 141 s with the default tiered JIT, back to back on the idle machine. The benchmark
   * ({@code wildex bench}) keeps the default.
   */
  static final String JIT = "-XX:TieredStopAtLevel=1";

  private final Process process;
  private final Path log;
  /** The command's own status lines (stdout lines starting with "wildex "), in order. */
  private final List<String> status;

  private HubProcess(Process process, Path log, List<String> status) {
    this.process = process;
    this.log = log;
    this.status = status;
  }

  /** Starts the hub and waits until it prints that it is running (its output goes to {@code log}). */
  public static HubProcess start(Path workdir, int httpsPort, int brokerPort, Path log) throws Exception {
    return start(workdir, httpsPort, brokerPort, log, List.of(), Map.of());
  }

  /** As above, with more {@code wildex serve} options and environment variables (e.g. WILDEX_DB_USER). */
  public static HubProcess start(Path workdir, int httpsPort, int brokerPort, Path log, List<String> options,
      Map<String, String> environment) throws Exception {
    List<String> arguments = new ArrayList<>(List.of(
        "serve", "--workdir", workdir.toString(), "--https-port", "" + httpsPort, "--broker-port", "" + brokerPort,
        "--management-port", "0"));
    arguments.addAll(options);
    return launch(arguments, "-Xmx512m", log, environment, "wildex hub running");
  }

  /**
   * Runs {@code wildex ARGUMENTS} in its own JVM with heap {@code heap} and waits until it prints a line starting with
   * {@code ready} (its output goes to {@code log}).
   */
  static HubProcess launch(List<String> arguments, String heap, Path log, Map<String, String> environment, String ready)
      throws Exception {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: integration tests run after `mvn package`");
    }
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), heap, JIT, "-jar", JAR.toString()));
    command.addAll(arguments);
    List<String> status = new java.util.concurrent.CopyOnWriteArrayList<>();
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process = builder.start();
    CountDownLatch started = new CountDownLatch(1);
    Thread pump = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          Files.writeString(log, line + System.lineSeparator(), StandardCharsets.UTF_8,
              java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
          if (line.startsWith("wildex ")) {
            status.add(line);
          }
          if (line.startsWith(ready)) {
            started.countDown();
          }
        }
      } catch (IOException e) {
        // the process went away; the test sees it through waitFor/exit codes
      }
    }, "hub-output");
    pump.setDaemon(true);
    pump.start();
    for (int waited = 0; !started.await(1, TimeUnit.SECONDS); waited++) {
      if (!process.isAlive() || waited >= 120) {
        boolean alive = process.isAlive();
        process.destroyForcibly();
        pump.join(2_000); // the last lines it printed
        throw new IllegalStateException("`wildex " + arguments.get(0) + "` " + (alive ? "did not start within 120 s"
            : "exited while starting") + "; the end of " + log + ":\n" + tail(log, 25));
      }
    }
    return new HubProcess(process, log, status);
  }

  /** Waits until the process printed a status line starting with {@code prefix}; fails after {@code seconds}. */
  void awaitStatus(String prefix, int seconds) throws InterruptedException {
    for (int waited = 0; status.stream().noneMatch(l -> l.startsWith(prefix)); waited++) {
      if (!process.isAlive() || waited >= seconds * 10) {
        throw new IllegalStateException("no \"" + prefix + "\" from " + log + (process.isAlive() ? " within " + seconds
            + " s" : " (the process exited)") + "; its end:\n" + tail(log, 25));
      }
      Thread.sleep(100);
    }
  }

  private static String tail(Path log, int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** SIGKILL: no shutdown hook, no flush, like pulling the plug. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM: the hub's shutdown hook stops intake, routes and broker in order. Returns the exit code. */
  public int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("hub did not stop within 60 s after SIGTERM; see " + log);
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
