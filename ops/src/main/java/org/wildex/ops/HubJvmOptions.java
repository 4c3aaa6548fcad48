package org.wildex.ops;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The hub's JVM options, {@code org/wildex/ops/hub-jvm.options} (one per line, {@code #} comments): the {@code ./wildex}
 * launcher reads the same file from the source tree, {@code wildex bench} puts them on the hub JVM it starts.
 */
public final class HubJvmOptions {

  private static final String RESOURCE = "hub-jvm.options";

  private HubJvmOptions() {}

  /** The options, in file order. */
  public static List<String> load() {
    try (InputStream in = HubJvmOptions.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the wildex jar");
      }
      return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
          .map(line -> line.replaceFirst("#.*", "").strip())
          .filter(line -> !line.isEmpty())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
