package org.wildex.ops.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * One benchmark run's settings.
 *
 * @param packages packages in the timed part
 * @param warmup packages submitted (and fully delivered) before the timed part, not counted
 * @param sizeBytes plaintext size of each package's JSON
 * @param recipients agencies each package is routed to
 * @param concurrency HTTPS clients submitting at once
 * @param rate packages per second to pace submissions at (0: as fast as the hub answers)
 * @param durationSeconds stop submitting after this long (0: when all packages went out)
 * @param consumers the hub's concurrent consumers of {@code wildex.intake}
 * @param ceilingSeconds how long each ceiling is measured (after a third as long of warm-up)
 * @param sampleEvery open and verify every n-th delivery (0: none)
 * @param hubHeap the hub JVM's heap ({@code -Xms} and {@code -Xmx})
 * @param hubJvmOptions more options for the hub JVM (e.g. a flight recording)
 * @param workdir where the demo PKI, the hub's data and logs go (a fresh temporary folder when null)
 * @param hubNodes 0: one hub with its embedded broker and H2 (the default run); N &gt; 0: N hub nodes on one external
 *     broker ({@code wildex broker --config brokerConfig}) with the audit store in a fresh schema of {@code dbUrl}
 * @param brokerConfig the external broker's configuration (with hub nodes only)
 * @param dbUrl the PostgreSQL database the hub nodes' schema is created in (with hub nodes only)
 */
public record BenchOptions(int packages, int warmup, int sizeBytes, int recipients, int concurrency, double rate,
    long durationSeconds, int consumers, double ceilingSeconds, int sampleEvery, String hubHeap, List<String> hubJvmOptions,
    Path workdir, int hubNodes, Path brokerConfig, String dbUrl) {

  /** The default topology: one hub with its embedded broker and H2. */
  public BenchOptions(int packages, int warmup, int sizeBytes, int recipients, int concurrency, double rate,
      long durationSeconds, int consumers, double ceilingSeconds, int sampleEvery, String hubHeap, List<String> hubJvmOptions,
      Path workdir) {
    this(packages, warmup, sizeBytes, recipients, concurrency, rate, durationSeconds, consumers, ceilingSeconds, sampleEvery,
        hubHeap, hubJvmOptions, workdir, 0, null, null);
  }

  /** Returns these options with {@code nodes} hub nodes on the external broker {@code brokerConfig} and PostgreSQL {@code dbUrl}. */
  public BenchOptions withHubNodes(int nodes, Path brokerConfig, String dbUrl) {
    return new BenchOptions(packages, warmup, sizeBytes, recipients, concurrency, rate, durationSeconds, consumers,
        ceilingSeconds, sampleEvery, hubHeap, hubJvmOptions, workdir, nodes, brokerConfig, dbUrl);
  }

  /** Parses {@code 4k}, {@code 16k}, {@code 64k}, {@code 1m} or a number of bytes. */
  public static int parseSize(String text) {
    String t = text.trim().toLowerCase();
    int unit = t.endsWith("k") ? 1024 : t.endsWith("m") ? 1024 * 1024 : 1;
    String digits = unit == 1 ? t : t.substring(0, t.length() - 1);
    int size = Integer.parseInt(digits) * unit;
    if (size < 2048 || size > 4 * 1024 * 1024) {
      throw new IllegalArgumentException("--size must be between 2k and 4m, not " + text);
    }
    return size;
  }
}
