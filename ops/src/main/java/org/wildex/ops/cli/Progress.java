package org.wildex.ops.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on stderr for bulk {@code submit} and {@code fetch}: count of total (or the count alone when
 * the total is unknown), rate and elapsed time, redrawn in place at most every 100 ms and ended with a newline. Shown
 * for several items only (a known total of 2 or more, or from the second item when the total is unknown), and only when
 * stderr is a terminal or {@code --progress} asks for it, never with {@code --json} or {@code --quiet}; stdout is never
 * touched.
 */
final class Progress implements AutoCloseable {

  private static final int WIDTH = 24;
  private static final long REDRAW_NANOS = 100_000_000L;

  private final PrintStream err;
  private final String label;
  private final long total;
  private final LongSupplier clock;
  private final long started;
  private long count;
  private long drawn = Long.MIN_VALUE;
  private int lastLength;

  Progress(PrintStream err, String label, long total, LongSupplier nanoClock) {
    this.err = err;
    this.label = label;
    this.total = total;
    this.clock = nanoClock;
    this.started = nanoClock.getAsLong();
  }

  /**
   * A bar on stderr when it should show (see the class comment), else a bar that draws nothing. {@code total} is -1 when
   * unknown.
   */
  static Progress start(boolean forced, boolean json, boolean quiet, String label, long total) {
    boolean show = !json && !quiet && (forced || stderrIsTerminal());
    return new Progress(show ? System.err : null, label, total, System::nanoTime);
  }

  /** One more item done. */
  void step() {
    count++;
    long now = clock.getAsLong();
    if (err != null && bulk() && (drawn == Long.MIN_VALUE || now - drawn >= REDRAW_NANOS)) {
      draw(now);
    }
  }

  /** A line for stderr (a hint) while the bar may be drawn: clears the bar, prints the line, redraws below it. */
  void note(String line) {
    if (err == null || drawn == Long.MIN_VALUE) {
      System.err.println(line);
      return;
    }
    err.print("\r" + " ".repeat(lastLength) + "\r");
    err.println(line);
    draw(clock.getAsLong());
  }

  long count() {
    return count;
  }

  private boolean bulk() {
    return total >= 2 || (total < 0 && count >= 2);
  }

  /** Draws the final state and ends the line; nothing for a single item. */
  @Override
  public void close() {
    if (err != null && bulk() && count > 0) {
      draw(clock.getAsLong());
      err.println();
      err.flush();
    }
  }

  private void draw(long now) {
    String line = render(label, count, total, now - started);
    // pad over a longer previous line; \r returns to the line's start on a terminal
    err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
    err.flush();
    lastLength = line.length();
    drawn = now;
  }

  /**
   * The bar's text: {@code "submit  [=========>              ]  12/30  40%  3.9/s  0:03"}, or without bar and
   * percentage when {@code total} is unknown (-1): {@code "fetch wildex.deliver.ncb-la  12  3.9/s  0:03"}.
   */
  static String render(String label, long count, long total, long elapsedNanos) {
    double seconds = elapsedNanos / 1e9;
    String rate = seconds <= 0 ? "-" : String.format(Locale.ROOT, "%.1f", count / seconds);
    String elapsed = clock(elapsedNanos / 1_000_000_000L);
    if (total < 0) {
      return label + "  " + count + "  " + rate + "/s  " + elapsed;
    }
    int filled = total == 0 ? WIDTH : (int) Math.min(WIDTH, count * WIDTH / total);
    String bar = "=".repeat(filled) + (filled < WIDTH ? ">" + " ".repeat(WIDTH - filled - 1) : "");
    long percent = total == 0 ? 100 : Math.min(100, count * 100 / total);
    return label + "  [" + bar + "]  " + count + "/" + total + "  " + percent + "%  " + rate + "/s  " + elapsed;
  }

  private static String clock(long seconds) {
    return seconds >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
        : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
  }

  /**
   * Is stderr a terminal? Java 17 cannot ask directly: where {@code /proc} exists (Linux) stderr's file descriptor 2
   * points at a terminal device; elsewhere, {@code System.console()} (stdin and stdout are a terminal) stands in.
   */
  static boolean stderrIsTerminal() {
    Path fd2 = Path.of("/proc/self/fd/2");
    try {
      if (Files.exists(Path.of("/proc/self/fd"))) {
        String target = Files.readSymbolicLink(fd2).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
      }
    } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
    return System.console() != null;
  }
}
