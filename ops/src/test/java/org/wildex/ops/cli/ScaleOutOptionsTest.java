package org.wildex.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildex.ops.Workdir;
import org.wildex.ops.demo.DemoSetup;
import picocli.CommandLine;

/** `wildex serve --broker-url` and `wildex broker`: what is refused before anything starts, and the shipped files. */
class ScaleOutOptionsTest {

  @Test
  void an_external_broker_without_a_shared_audit_store_is_wrong_usage() {
    StringWriter err = new StringWriter();
    CommandLine cli = WildexCommand.commandLine();
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute("serve", "--workdir", "does-not-exist", "--broker-url", "tcp://127.0.0.1:61617");
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("--broker-url needs --db-url");
  }

  @Test
  void broker_needs_its_configuration_file() {
    StringWriter err = new StringWriter();
    CommandLine cli = WildexCommand.commandLine();
    cli.setErr(new PrintWriter(err));
    assertThat(cli.execute("broker", "--workdir", "does-not-exist")).isEqualTo(2);
    assertThat(err.toString()).contains("--config");
  }

  @Test
  void every_shipped_broker_configuration_passes_the_check(@TempDir Path dir) throws Exception {
    Workdir workdir = new Workdir(dir.resolve("wildex"));
    DemoSetup.create(workdir);
    Files.writeString(workdir.pki().resolve("cluster.secret"), "a-shared-secret-for-the-test");
    for (String config : new String[] {"replication/primary", "replication/backup", "cluster/node1", "cluster/node2"}) {
      String printed = check(workdir, config);
      String node = config.substring(config.indexOf('/') + 1);
      assertThat(printed).contains("wildex broker config OK: name=" + node).contains("acceptor=tcp://127.0.0.1:616")
          .contains("cluster-connection=");
    }
  }

  @Test
  void a_node_of_a_pair_without_the_cluster_secret_is_refused(@TempDir Path dir) throws Exception {
    Workdir workdir = new Workdir(dir.resolve("wildex"));
    DemoSetup.create(workdir);
    StringWriter err = new StringWriter();
    CommandLine cli = WildexCommand.commandLine();
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute("broker", "--workdir", workdir.root().toString(),
        "--config", Path.of("deploy", "replication", "primary.xml").toString(), "--check");
    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("cluster secret");
  }

  @Test
  void the_standalone_node_passes_the_check_without_a_cluster_secret(@TempDir Path dir) throws Exception {
    Workdir workdir = new Workdir(dir.resolve("wildex"));
    DemoSetup.create(workdir);
    assertThat(check(workdir, "single/broker")).contains("wildex broker config OK: name=single").contains("acceptor=tcp://127.0.0.1:61607")
        .doesNotContain("cluster-connection=");
  }

  /** {@code wildex broker --config deploy/CONFIG.xml --check}: must exit 0; returns what it printed. */
  private static String check(Workdir workdir, String config) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    int exit;
    try {
      exit = WildexCommand.commandLine().execute("broker", "--workdir", workdir.root().toString(),
          "--config", Path.of("deploy", config + ".xml").toString(), "--check");
    } finally {
      System.setOut(stdout);
    }
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(config + ": " + printed).isZero();
    return printed;
  }
}
