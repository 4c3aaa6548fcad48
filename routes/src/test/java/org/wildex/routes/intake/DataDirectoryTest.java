package org.wildex.routes.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

  @TempDir Path dir;

  @Test
  void takes_work_while_there_is_room_and_the_directory_takes_writes() {
    assertThat(new DataDirectory(dir, 1).refusal()).isNull();
    assertThat(dir.resolve(".wildex-write-probe")).exists();
  }

  @Test
  void refuses_below_the_free_space_margin_and_says_how_much_is_free() {
    assertThat(new DataDirectory(dir, Long.MAX_VALUE).refusal()).contains("MiB free; intake needs");
  }

  @Test
  void refuses_when_the_directory_cannot_be_written() throws Exception {
    Path notADirectory = Files.writeString(dir.resolve("file"), "x");
    // the probe cannot create a file under a regular file, whoever runs the test (root ignores permissions)
    assertThat(new DataDirectory(notADirectory, 1).refusal()).contains("does not take writes");
  }

  @Test
  void refuses_when_the_directory_is_missing() {
    assertThat(new DataDirectory(dir.resolve("gone"), 1).refusal()).contains("cannot be inspected");
  }
}
