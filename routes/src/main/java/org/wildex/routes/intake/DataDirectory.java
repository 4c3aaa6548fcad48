package org.wildex.routes.intake;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.BooleanSupplier;

/**
 * The hub's data directory (broker journal, paging, embedded audit store) as intake sees it: new work is taken only
 * while the directory takes writes and has at least {@code minFreeBytes} free. Below that the broker itself blocks
 * producers at half the margin (see {@code EmbeddedBroker}), so intake refuses before anything inside the hub stalls,
 * and what was already accepted still has room to be delivered.
 *
 * <p>Writability is proved by writing, at most once per {@link #PROBE_EVERY_NANOS}: a file system the kernel turned
 * read-only after an error (ext4 {@code errors=remount-ro}, "emergency_ro") can still look writable to {@code access()}.
 *
 * <p>Once the broker's journal has failed (a critical I/O error) nothing is taken until the hub restarts, and a write
 * the broker confirmed after the failure is not trusted ({@link #journalFailed()}, checked again after the send).
 */
public final class DataDirectory {

  static final long PROBE_EVERY_NANOS = 1_000_000_000L;
  private static final String PROBE_FILE = ".wildex-write-probe";
  private static final long MIB = 1024 * 1024;

  private final Path dir;
  private final long minFreeBytes;
  /**
   * The directory's file store, looked up once: {@code Files.getFileStore} reads and parses the mount table (about 75
   * µs), where asking a known store for its free space is one {@code statfs} (about 2 µs), on every submission.
   */
  private volatile FileStore store;
  private volatile long probedAt = System.nanoTime() - PROBE_EVERY_NANOS;
  private volatile String probeFailure;
  private final BooleanSupplier brokerJournalFailed;

  public DataDirectory(Path dir, long minFreeBytes, BooleanSupplier brokerJournalFailed) {
    this.dir = dir;
    this.minFreeBytes = minFreeBytes;
    this.brokerJournalFailed = brokerJournalFailed;
  }

  /** Why a write the broker has just confirmed cannot be trusted, or null when it can. */
  public String journalFailed() {
    return brokerJournalFailed.getAsBoolean()
        ? "the broker's journal in " + dir + " failed (critical I/O error); the hub takes nothing until it restarts"
        : null;
  }

  /** Why new work cannot be taken now, or null when it can. */
  public String refusal() {
    String failed = journalFailed();
    if (failed != null) {
      return failed;
    }
    long free;
    try {
      FileStore known = store;
      if (known == null) {
        known = Files.getFileStore(dir);
        store = known;
      }
      free = known.getUsableSpace();
    } catch (IOException e) {
      return "data directory " + dir + " cannot be inspected: " + e.getClass().getSimpleName();
    }
    if (free < minFreeBytes) {
      return "data directory " + dir + " has " + free / MIB + " MiB free; intake needs " + minFreeBytes / MIB + " MiB";
    }
    if (System.nanoTime() - probedAt >= PROBE_EVERY_NANOS) {
      probeFailure = probe();
      probedAt = System.nanoTime();
    }
    return probeFailure;
  }

  private String probe() {
    Path file = dir.resolve(PROBE_FILE);
    try {
      Files.write(file, new byte[] {1}, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.WRITE, StandardOpenOption.DSYNC);
      return null;
    } catch (IOException e) {
      return "data directory " + dir + " does not take writes (" + e.getClass().getSimpleName() + ": "
          + e.getMessage() + ")";
    }
  }
}
