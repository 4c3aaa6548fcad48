package org.wildex.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildex.contracts.ReasonCode;
import picocli.CommandLine;

/**
 * docs/cli.md is the one place for exit codes, {@code --json} and what to do about rejections: it lists every command,
 * marks exactly the commands that have {@code --json}, names every reason code, and the code exits as it says.
 */
class CliContractTest {

  static final Path CLI_MD = Path.of("..", "docs", "cli.md");
  static String doc;

  @TempDir Path dir;

  @BeforeAll
  static void read() throws Exception {
    doc = Files.readString(CLI_MD);
  }

  /** Every runnable command by its path ("audit verify"), with whether it has --json. */
  static Map<String, Boolean> commands() {
    Map<String, Boolean> all = new TreeMap<>();
    walk(WildexCommand.commandLine(), "", all);
    return all;
  }

  private static void walk(CommandLine cmd, String prefix, Map<String, Boolean> all) {
    for (Map.Entry<String, CommandLine> sub : cmd.getSubcommands().entrySet()) {
      if (sub.getKey().equals("help")) {
        continue;
      }
      String path = (prefix + " " + sub.getKey()).strip();
      boolean leaf = sub.getValue().getSubcommands().keySet().stream().allMatch("help"::equals);
      if (leaf) {
        all.put(path, sub.getValue().getCommandSpec().findOption("--json") != null);
      }
      walk(sub.getValue(), path, all);
    }
  }

  /** The rows of docs/cli.md's command table: path to whether it is marked (*JSON*). */
  static Map<String, Boolean> documented() {
    Map<String, Boolean> rows = new TreeMap<>();
    Matcher m = Pattern.compile("(?m)^\\| `wildex ([a-z -]+)` \\| ([^|]*) \\|$").matcher(doc.substring(doc.indexOf("## Commands")));
    while (m.find()) {
      rows.put(m.group(1), m.group(2).contains("*JSON*"));
    }
    return rows;
  }

  @Test
  void every_command_is_listed_and_exactly_those_with_json_are_marked_json() {
    Map<String, Boolean> commands = commands();
    assertThat(commands).containsKeys("fetch", "audit verify", "pki rotate-ca", "dlq list");
    assertThat(documented()).isEqualTo(commands);
  }

  @Test
  void every_command_that_reads_or_reports_has_json() {
    List<String> reading = List.of("fetch", "open", "policy explain", "policy check", "pki list", "audit trail", "audit verify",
        "audit export", "audit verify-bundle", "dlq list");
    Map<String, Boolean> commands = commands();
    for (String c : reading) {
      assertThat(commands.get(c)).as(c + " --json").isTrue();
      assertThat(doc).as(c + " in the --json table").contains("| `wildex " + c + "` |");
    }
  }

  @Test
  void the_exit_codes_are_the_documented_ones() {
    List<String> codes = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^\\| `(\\d)` \\| ").matcher(doc);
    while (m.find()) {
      codes.add(m.group(1));
    }
    assertThat(codes).containsExactly("0", "1", "2", "3");
    assertThat(List.of(WildexCommand.EXIT_OK, WildexCommand.EXIT_FAILED, WildexCommand.EXIT_USAGE, WildexCommand.EXIT_REJECTED))
        .containsExactly(0, 1, 2, 3);
    String usage = String.join("\n", new CommandLine(new WildexCommand()).getCommandSpec().usageMessage().footer());
    assertThat(usage).contains("0  done").contains("1  failed").contains("2  wrong usage").contains("3  the hub rejected")
        .contains("docs/cli.md");
  }

  @Test
  void wrong_usage_exits_2_with_the_usage_and_a_failure_exits_1_with_what_happened() {
    SealOpenTest.Result missing = SealOpenTest.wildex("submit", "x.p7m");
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("Missing required option: '--as=<as>'").contains("Usage: wildex submit");
    assertThat(missing.out()).isEmpty();
    assertThat(SealOpenTest.wildex("audit", "verify", "--no-such-option").exit()).isEqualTo(2);
    assertThat(SealOpenTest.wildex("pki", "renew-hub", "--key", "k.pem").exit()).as("--key without --cert").isEqualTo(2);
    assertThat(SealOpenTest.wildex("pki", "renew").exit()).as("neither ids nor --all").isEqualTo(2);

    SealOpenTest.Result failed = SealOpenTest.wildex("fetch", "--workdir", dir.resolve("nowhere").toString(), "--as", "eia");
    assertThat(failed.exit()).isEqualTo(1);
    assertThat(failed.err()).startsWith("wildex: ").contains("directory.yaml");
    assertThat(failed.out()).isEmpty();
  }

  @Test
  void policy_check_json_reports_a_broken_policy_as_json_and_exits_1() throws Exception {
    Path broken = dir.resolve("policy.yaml");
    Files.writeString(broken, "version: 1\nrules: [\n");
    SealOpenTest.Result r = SealOpenTest.wildex("policy", "check", broken.toString(), "--json");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).isEmpty();
    JsonObject answer = Json.createReader(new StringReader(r.out())).readObject();
    assertThat(answer.getBoolean("ok")).isFalse();
    assertThat(answer.getString("reason")).isEqualTo("POLICY_INVALID");
    assertThat(answer.getString("problem")).isNotBlank();

    Files.writeString(broken, new String(org.wildex.contracts.policy.Policy.defaultText().getBytes()));
    SealOpenTest.Result ok = SealOpenTest.wildex("policy", "check", broken.toString(), "--json");
    assertThat(ok.exit()).as(ok.err()).isZero();
    JsonObject good = Json.createReader(new StringReader(ok.out())).readObject();
    assertThat(good.getBoolean("ok")).isTrue();
    assertThat(good.getInt("routingRules")).isPositive();
  }

  @Test
  void every_reason_code_has_its_row_in_the_rejection_table() {
    String table = doc.substring(doc.indexOf("| reason | what to do |"), doc.indexOf("`WILDEX_DEBUG=1`"));
    for (ReasonCode code : ReasonCode.values()) {
      assertThat(table).as(code.name()).contains("`" + code.name() + "`");
    }
  }
}
