package org.wildex.crypto;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code openssl} binary for interop tests; a missing binary fails the test, never skips it. */
public final class Openssl {
  /** Result of one run: exit code, stdout bytes, stderr text. */
  public record Result(int exitCode, byte[] stdout, String stderr) {
    public String out() {
      return new String(stdout, StandardCharsets.UTF_8);
    }
  }

  private Openssl() {}

  /** Runs {@code openssl args...} with optional stdin bytes. */
  public static Result run(Path workDir, byte[] stdin, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(binary());
    cmd.addAll(List.of(args));
    try {
      Path err = Files.createTempFile(workDir, "openssl", ".err");
      Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectError(err.toFile()).start();
      Thread writer = new Thread(() -> {
        try (var in = p.getOutputStream()) {
          if (stdin != null) {
            in.write(stdin);
          }
        } catch (IOException ignored) {
          // process closed stdin early; its exit code tells the story
        }
      });
      writer.start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("openssl timed out: " + cmd);
      }
      writer.join();
      String errText = Files.readString(err);
      Files.delete(err);
      return new Result(p.exitValue(), out, errText);
    } catch (IOException e) {
      throw new AssertionError("cannot run openssl (" + cmd + "): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running openssl", e);
    }
  }

  /** Runs openssl and fails the test with its stderr unless it exits 0. */
  public static Result ok(Path workDir, byte[] stdin, String... args) {
    Result r = run(workDir, stdin, args);
    if (r.exitCode() != 0) {
      fail("openssl " + String.join(" ", args) + " exited " + r.exitCode() + ":\n" + r.stderr());
    }
    return r;
  }

  /** Path of the openssl binary, failing with a clear message if it is not installed (the interop tests need it). */
  public static String binary() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "openssl");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw new AssertionError("the 'openssl' binary (OpenSSL 3.x) is required for the interop tests but was not found on PATH "
        + "(install it, e.g. 'apt-get install openssl'); these tests fail rather than skip on purpose");
  }
}
