package org.wildex.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.contracts.redaction.PackageLeaves;
import org.wildex.ops.Workdir;
import org.wildex.ops.demo.DemoSetup;

/** {@code wildex policy explain} and {@code wildex policy check} on the demo workdir. */
class PolicyCommandTest {

  @TempDir static Path dir;
  static Path ivory;

  @BeforeAll
  static void setUp() throws Exception {
    DemoSetup.create(new Workdir(dir));
    ivory = dir.resolve("ivory.json");
    Files.writeString(ivory, new String(PolicyCommandTest.class.getResourceAsStream("/demo/ivory-shipment.json").readAllBytes(),
            StandardCharsets.UTF_8).replace("${id}", UUID.randomUUID().toString()).replace("${createdAt}", Instant.now().toString()));
  }

  private static SealOpenTest.Result explain(String recipient, String... more) {
    String[] base = {"policy", "explain", "--workdir", dir.toString(), "--package", ivory.toString(), "--recipient", recipient};
    String[] args = new String[base.length + more.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return SealOpenTest.wildex(args);
  }

  @Test
  void explains_every_path_with_its_decision_and_rule_and_never_a_value() throws Exception {
    SealOpenTest.Result r = explain("blo-mohan-boten");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("policy     wildex-default-2026.1")
        .contains("relation OWN, not named, may read up to GREEN")
        .contains("routed by route.interdict")
        .contains("delivery   level GREEN")
        .containsPattern("/movements/0/departed\\s+GREEN\\s+generalise→month\\s+blo.generalise")
        // above its clearance: the rule's token, decided by the guarantee (never releasable)
        .containsPattern("/subjects/0/name\\s+AMBER\\s+pseudonymise\\s+builtin.above-clearance")
        .containsPattern("/subjects/0/role\\s+AMBER\\s+withhold\\s+builtin.above-clearance")
        .doesNotContain("Zhang").doesNotContain("E12345678").doesNotContain("Golden Lotus");
    int leaves = PackageLeaves.of(PackageCodec.parse(Files.readAllBytes(ivory))).size();
    assertThat(r.out().lines().filter(l -> l.startsWith("/"))).hasSize(leaves);
  }

  @Test
  void explains_as_json() {
    SealOpenTest.Result r = explain("customs-la", "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    PolicyCommand.Explanation e = PackageCodec.fromJson(r.out().strip().getBytes(StandardCharsets.UTF_8), PolicyCommand.Explanation.class);
    assertThat(e.recipient()).isEqualTo("customs-la");
    assertThat(e.routed()).isTrue();
    assertThat(e.delivered()).isTrue();
    assertThat(e.policyVersion()).isEqualTo("wildex-default-2026.1");
    assertThat(e.decisions()).filteredOn(d -> d.path().equals("/subjects/1/identifiers/0/value"))
        .singleElement().satisfies(d -> {
          assertThat(d.decision()).isEqualTo("pseudonymise");
          assertThat(d.rule()).isEqualTo("customs.pseudonymise-identifiers");
        });
  }

  @Test
  void a_participant_that_is_not_routed_gets_every_path_withheld_by_the_routing_rule() {
    SealOpenTest.Result r = explain("ncb-th");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("NOT routed by route.interdict").contains("not a country the package touches")
        .contains("delivery   none: not a recipient");
    assertThat(r.out().lines().filter(l -> l.startsWith("/"))).allSatisfy(l -> assertThat(l).endsWith("route.interdict"));
  }

  @Test
  void check_loads_a_policy_and_refuses_a_broken_one() throws Exception {
    SealOpenTest.Result ok = SealOpenTest.wildex("policy", "check", "--workdir", dir.toString());
    assertThat(ok.exit()).isZero();
    assertThat(ok.out()).contains("wildex-default-2026.1").contains("OK");
    Path broken = dir.resolve("broken.yaml");
    Files.writeString(broken, Files.readString(dir.resolve("policy.yaml")).replace("action: withhold", "action: hide"));
    SealOpenTest.Result bad = SealOpenTest.wildex("policy", "check", "--workdir", dir.toString(), broken.toString());
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.err()).contains("broken.yaml is invalid").contains("'hide'");
  }

  @Test
  void an_unknown_recipient_or_invalid_package_is_a_clear_error() throws Exception {
    assertThat(explain("nobody").err()).contains("'nobody' is not in");
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{}");
    SealOpenTest.Result r = SealOpenTest.wildex("policy", "explain", "--workdir", dir.toString(), "--package", bad.toString(),
        "--recipient", "ncb-cn");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("not a valid package v1");
  }
}
