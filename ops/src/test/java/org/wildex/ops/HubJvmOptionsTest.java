package org.wildex.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
    List<String> command = javaWithTheOptions();
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
    assertThat(output).as("huge pages from the file")
        .containsPattern("UseTransparentHugePages\\s+= true\\s.*command line");
  }

  @Test
  void a_page_size_warning_goes_to_stderr_never_to_stdout() throws Exception {
    // What the JVM says where the kernel has transparent huge pages off, provoked on any machine without hugetlbfs
    // pages reserved (the usual case; this machine's /proc/meminfo: HugePages_Total 0): explicit large pages instead.
    assumeTrue(Files.readAllLines(Path.of("/proc/meminfo")).contains("HugePages_Total:       0"),
        "hugetlbfs pages are reserved here, so -XX:+UseLargePages would not warn");
    List<String> command = javaWithTheOptions();
    command.addAll(List.of("-XX:-UseTransparentHugePages", "-XX:+UseLargePages", "-version"));
    Process java = new ProcessBuilder(command).start();
    String stdout = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String stderr = new String(java.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(java.waitFor()).isZero();
    assertThat(stderr).contains("[warning][pagesize]");
    assertThat(stdout).isEmpty();
  }

  /** This JVM's {@code java} with the file's options, as a mutable list the test adds its own to. */
  private static List<String> javaWithTheOptions() {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(HubJvmOptions.load());
    return command;
  }
}
