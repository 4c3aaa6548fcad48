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

/** {@code wildex serve} as a separate JVM from the built distribution, so a test can kill it like a power cut. */
public final class HubProcess implements AutoCloseable {

  static final Path JAR = Path.of("target", "wildex.jar");

  private final Process process;
  private final Path log;

  private HubProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts the hub and waits until it prints that it is running (its output goes to {@code log}). */
  public static HubProcess start(Path workdir, int httpsPort, int brokerPort, Path log) throws Exception {
    return start(workdir, httpsPort, brokerPort, log, List.of(), Map.of());
  }

  /** As above, with more {@code wildex serve} options and environment variables (e.g. WILDEX_DB_USER). */
  public static HubProcess start(Path workdir, int httpsPort, int brokerPort, Path log, List<String> options,
      Map<String, String> environment) throws Exception {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: integration tests run after `mvn package`");
    }
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar", JAR.toString(),
        "serve", "--workdir", workdir.toString(), "--https-port", "" + httpsPort, "--broker-port", "" + brokerPort,
        "--management-port", "0"));
    command.addAll(options);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process = builder.start();
    CountDownLatch ready = new CountDownLatch(1);
    Thread pump = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          Files.writeString(log, line + System.lineSeparator(), StandardCharsets.UTF_8,
              java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
          if (line.startsWith("wildex hub running")) {
            ready.countDown();
          }
        }
      } catch (IOException e) {
        // the process went away; the test sees it through waitFor/exit codes
      }
    }, "hub-output");
    pump.setDaemon(true);
    pump.start();
    for (int waited = 0; !ready.await(1, TimeUnit.SECONDS); waited++) {
      if (!process.isAlive() || waited >= 120) {
        boolean alive = process.isAlive();
        process.destroyForcibly();
        pump.join(2_000); // the last lines it printed
        throw new IllegalStateException((alive ? "hub did not start within 120 s" : "hub exited while starting")
            + "; the end of " + log + ":\n" + tail(log, 25));
      }
    }
    return new HubProcess(process, log);
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
