package org.wildex.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress bar of bulk {@code submit} and {@code fetch}: its text, when it draws, and that it ends its line. */
class ProgressTest {

  private static final long SECOND = 1_000_000_000L;

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final AtomicLong now = new AtomicLong(5 * SECOND);

  private String drawn() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void renders_count_of_total_bar_percentage_rate_and_elapsed() {
    assertThat(Progress.render("submit", 12, 30, 3 * SECOND))
        .isEqualTo("submit  [=========>              ]  12/30  40%  4.0/s  0:03");
    assertThat(Progress.render("submit", 30, 30, 75 * SECOND))
        .isEqualTo("submit  [========================]  30/30  100%  0.4/s  1:15");
    assertThat(Progress.render("submit", 0, 8, 0)).isEqualTo("submit  [>                       ]  0/8  0%  -/s  0:00");
  }

  @Test
  void renders_the_count_alone_when_the_total_is_unknown_and_hours_when_long() {
    assertThat(Progress.render("fetch wildex.deliver.ncb-la", 128, -1, 2 * SECOND))
        .isEqualTo("fetch wildex.deliver.ncb-la  128  64.0/s  0:02");
    assertThat(Progress.render("fetch q", 7, -1, 3725 * SECOND)).endsWith("1:02:05");
  }

  @Test
  void redraws_in_place_at_most_every_100_ms_and_ends_with_a_newline() {
    Progress bar = new Progress(err, "submit", 3, now::get);
    now.addAndGet(SECOND);
    bar.step();
    now.addAndGet(10_000_000L); // 10 ms later: not redrawn
    bar.step();
    assertThat(drawn()).isEqualTo("\rsubmit  [========>               ]  1/3  33%  1.0/s  0:01");
    now.addAndGet(SECOND);
    bar.step();
    bar.close();
    assertThat(drawn().split("\r")).hasSize(4); // first draw, third step, close
    assertThat(drawn()).endsWith("3/3  100%  1.5/s  0:02" + System.lineSeparator());
  }

  @Test
  void a_hint_clears_the_bar_and_the_bar_comes_back_below_it() {
    Progress bar = new Progress(err, "fetch q", -1, now::get);
    bar.step();
    bar.step();
    bar.note("wildex: receipt t1: REJECTED NOT_CMS: seal the package first");
    assertThat(drawn()).contains("\r" + " ".repeat("fetch q  2  -/s  0:00".length()) + "\rwildex: receipt t1: REJECTED")
        .endsWith(System.lineSeparator() + "\rfetch q  2  -/s  0:00");
  }

  @Test
  void draws_nothing_for_a_single_item() {
    Progress one = new Progress(err, "submit", 1, now::get);
    one.step();
    one.close();
    Progress unknown = new Progress(err, "fetch q", -1, now::get);
    unknown.step();
    unknown.close();
    assertThat(drawn()).isEmpty();
  }

  @Test
  void json_and_quiet_never_show_a_bar_and_progress_forces_one() {
    PrintStream saved = System.err;
    try {
      System.setErr(err);
      for (boolean[] flags : new boolean[][] {{true, true, false}, {true, false, true}}) {
        try (Progress bar = Progress.start(flags[0], flags[1], flags[2], "submit", 2)) {
          bar.step();
          bar.step();
        }
      }
      assertThat(drawn()).as("--json or --quiet, even with --progress").isEmpty();
      try (Progress bar = Progress.start(true, false, false, "submit", 2)) {
        bar.step();
      }
      assertThat(drawn()).contains("1/2").endsWith(System.lineSeparator());
    } finally {
      System.setErr(saved);
    }
  }
}
