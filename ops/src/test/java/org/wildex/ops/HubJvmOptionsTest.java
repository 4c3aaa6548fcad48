package org.wildex.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HubJvmOptionsTest {

  @Test
  void the_options_are_read_without_comments_or_blank_lines() {
    List<String> options = HubJvmOptions.load();
    assertThat(options).isNotEmpty().allSatisfy(o -> assertThat(o).startsWith("-").doesNotContain("#").isEqualTo(o.strip()));
  }

  @Test
  void this_jvm_accepts_every_option_and_applies_the_compile_commands() throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(HubJvmOptions.load());
    command.remove("-XX:CompileCommand=quiet"); // so the JVM prints each compile command it took
    command.add("-XX:+PrintFlagsFinal");
    command.add("-version");
    Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(java.waitFor()).as(output).isZero();
    assertThat(output).contains("CompileThresholdScaling com/sun/crypto/provider/GHASH.*");
    assertThat(output).as("C2's inlining budget from the file").containsPattern("MaxInlineLevel\\s+= 9\\s.*command line")
        .containsPattern("InlineSmallCode\\s+= 1000\\s.*command line");
    assertThat(output).as("the throughput collector from the file").containsPattern("UseParallelGC\\s+= true\\s.*command line")
        .containsPattern("UseG1GC\\s+= false");
  }
}
