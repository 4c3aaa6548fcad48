package org.wildex.routes.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

  @TempDir Path dir;

  @Test
  void takes_work_while_there_is_room_and_the_directory_takes_writes() {
    assertThat(new DataDirectory(dir, 1, () -> false).refusal()).isNull();
    assertThat(dir.resolve(".wildex-write-probe")).exists();
  }

  @Test
  void refuses_below_the_free_space_margin_and_says_how_much_is_free() {
    assertThat(new DataDirectory(dir, Long.MAX_VALUE, () -> false).refusal()).contains("MiB free; intake needs");
  }

  @Test
  void refuses_when_the_directory_cannot_be_written() throws Exception {
    Path notADirectory = Files.writeString(dir.resolve("file"), "x");
    // the probe cannot create a file under a regular file, whoever runs the test (root ignores permissions)
    assertThat(new DataDirectory(notADirectory, 1, () -> false).refusal()).contains("does not take writes");
  }

  @Test
  void refuses_when_the_directory_is_missing() {
    assertThat(new DataDirectory(dir.resolve("gone"), 1, () -> false).refusal()).contains("cannot be inspected");
  }

  @Test
  void once_the_journal_failed_refuses_and_does_not_trust_a_confirmed_write() {
    AtomicBoolean failed = new AtomicBoolean();
    DataDirectory data = new DataDirectory(dir, 1, failed::get);
    assertThat(data.journalFailed()).isNull();
    assertThat(data.refusal()).isNull();

    failed.set(true);
    assertThat(data.journalFailed()).contains("journal").contains("critical I/O error");
    assertThat(data.refusal()).isEqualTo(data.journalFailed());
  }

  @Test
  void after_the_send_a_journal_failure_turns_the_202_into_a_503() throws Exception {
    AtomicBoolean failed = new AtomicBoolean();
    ConfirmDurable confirm = new ConfirmDurable(new DataDirectory(dir, 1, failed::get));
    Exchange exchange = new DefaultExchange(new DefaultCamelContext());
    confirm.process(exchange); // the journal is sound: the 202 follows

    failed.set(true);
    assertThatThrownBy(() -> confirm.process(exchange))
        .isInstanceOf(CheckStorage.StorageUnavailable.class).hasMessageContaining("journal");
  }
}
