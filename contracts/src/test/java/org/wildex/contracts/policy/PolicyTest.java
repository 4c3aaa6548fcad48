package org.wildex.contracts.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.Tlp;
import org.wildex.contracts.WildexException;
import org.wildex.contracts.directory.ParticipantKind;
import org.wildex.contracts.redaction.FieldCatalog;

class PolicyTest {

  private static final String DEFAULT = Policy.defaultText();

  /** A small valid policy: routing for every action, one rule, a catch-all; RULES is replaced by the test's rules. */
  private static final String SKELETON = """
      version: "t-1"
      routing:
        - {id: r.a, requestedAction: INVESTIGATE, kinds: [NCB], countries: TOUCHED}
        - {id: r.b, requestedAction: INTERDICT, kinds: [NCB], countries: TOUCHED}
        - {id: r.c, requestedAction: CONTROLLED_DELIVERY, kinds: [NCB], countries: ROUTE_ENDS}
        - {id: r.d, requestedAction: MONITOR_MARKET, kinds: [NCB], countries: TOUCHED}
        - {id: r.e, requestedAction: INFORMATION_ONLY, kinds: [NCB], countries: TOUCHED}
      rules:
      RULES
        - {id: all, action: include}
      """;

  /** The skeleton with {@code rules} (one YAML flow mapping per line, any indentation) before the catch-all. */
  private static String skeleton(String rules) {
    StringBuilder b = new StringBuilder();
    rules.lines().filter(l -> !l.isBlank()).forEach(l -> b.append("  ").append(l.strip()).append('\n'));
    return SKELETON.replace("RULES\n", b.toString());
  }

  private static Policy with(String rules) {
    return Policy.parse(skeleton(rules), "test.yaml");
  }

  private static AbstractThrowableAssert<?, ?> refusing(String yaml) {
    return assertThatThrownBy(() -> Policy.parse(yaml, "test.yaml"))
        .isInstanceOf(WildexException.class)
        .satisfies(e -> assertThat(((WildexException) e).reason()).isEqualTo(ReasonCode.POLICY_INVALID))
        .hasMessageContaining("test.yaml");
  }

  private static int field(String template) {
    return FieldCatalog.indexOf(template);
  }

  private static RecipientContext customs(Tlp clearance) {
    return new RecipientContext(ParticipantKind.CUSTOMS, Relation.OWN, false, clearance, Tlp.GREEN, "INTERDICT");
  }

  @Test
  void the_default_policy_loads_with_its_version_routing_for_every_action_and_a_catch_all() {
    Policy p = Policy.defaultPolicy();
    assertThat(p.version()).isEqualTo("wildex-default-2026.1");
    assertThat(p.routing()).extracting(RoutingRule::requestedAction)
        .containsExactlyInAnyOrder("INVESTIGATE", "INTERDICT", "CONTROLLED_DELIVERY", "MONITOR_MARKET", "INFORMATION_ONLY");
    assertThat(p.routingFor("CONTROLLED_DELIVERY").countries()).isEqualTo(RoutingRule.Scope.ROUTE_ENDS);
    assertThat(p.routingFor("MONITOR_MARKET").kinds()).containsExactlyInAnyOrder(ParticipantKind.CITES_MA, ParticipantKind.NCB);
    assertThat(p.rules().get(p.rules().size() - 1).catchAll()).isTrue();
  }

  @Test
  void loads_a_file_and_names_it_in_errors(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("policy.yaml");
    Files.writeString(file, DEFAULT);
    assertThat(Policy.load(file).version()).isEqualTo("wildex-default-2026.1");
    Files.writeString(file, DEFAULT.replace("action: include\n", "action: inclde\n"));
    assertThatThrownBy(() -> Policy.load(file)).hasMessageContaining(file.toString()).hasMessageContaining("'inclde'");
  }

  @Test
  void the_first_matching_rule_decides_and_names_itself() {
    Policy p = with("""
          - {id: c.names, when: {kinds: [CUSTOMS], paths: [/subjects/*/name]}, action: pseudonymise}
          - {id: c.subjects, when: {kinds: [CUSTOMS], paths: [/subjects]}, action: withhold}
        """);
    assertThat(p.decide(customs(Tlp.AMBER), field("/subjects/*/name"), Tlp.GREEN))
        .isEqualTo(new Decision(Action.PSEUDONYMISE, "c.names", "token"));
    assertThat(p.decide(customs(Tlp.AMBER), field("/subjects/*/role"), Tlp.GREEN))
        .isEqualTo(new Decision(Action.WITHHOLD, "c.subjects", null));
    assertThat(p.decide(customs(Tlp.AMBER), field("/title"), Tlp.GREEN)).isEqualTo(new Decision(Action.INCLUDE, "all", null));
  }

  @Test
  void pseudonymise_and_generalise_fall_back_to_otherwise_where_they_cannot_apply() {
    Policy p = with("""
          - {id: g.seizures, when: {paths: [/seizures]}, action: generalise, otherwise: include}
          - {id: p.subjects, when: {paths: [/subjects]}, action: pseudonymise}
        """);
    RecipientContext c = customs(Tlp.AMBER);
    assertThat(p.decide(c, field("/seizures/*/date"), Tlp.GREEN)).isEqualTo(new Decision(Action.GENERALISE, "g.seizures", "month"));
    assertThat(p.decide(c, field("/seizures/*/place"), Tlp.GREEN)).isEqualTo(new Decision(Action.GENERALISE, "g.seizures", "country"));
    assertThat(p.decide(c, field("/seizures/*/agency"), Tlp.GREEN)).isEqualTo(new Decision(Action.INCLUDE, "g.seizures", null));
    assertThat(p.decide(c, field("/subjects/*/name"), Tlp.GREEN)).isEqualTo(new Decision(Action.PSEUDONYMISE, "p.subjects", "token"));
    assertThat(p.decide(c, field("/subjects/*/role"), Tlp.GREEN)).isEqualTo(new Decision(Action.WITHHOLD, "p.subjects", null));
  }

  @Test
  void no_rule_opens_what_the_guarantees_close() {
    Policy p = with("");
    int title = field("/title");
    assertThat(p.decide(customs(Tlp.AMBER), field("/sources/*/description"), Tlp.GREEN).rule()).isEqualTo(Builtins.SOURCES);
    assertThat(p.decide(customs(Tlp.AMBER), field("/exclusions/*"), Tlp.GREEN).rule()).isEqualTo(Builtins.EXCLUSIONS);
    assertThat(p.decide(customs(Tlp.AMBER), title, Tlp.AMBER_STRICT).rule()).isEqualTo(Builtins.ABOVE_CLEARANCE);
    assertThat(p.decide(customs(Tlp.RED), title, Tlp.RED).rule()).isEqualTo(Builtins.RED_NAMED_ONLY);
    RecipientContext abroad = new RecipientContext(ParticipantKind.IGO, Relation.ELSEWHERE, false, Tlp.RED, Tlp.GREEN, "INTERDICT");
    assertThat(p.decide(abroad, title, Tlp.AMBER_STRICT).rule()).isEqualTo(Builtins.AMBER_STRICT_NAMED_COUNTRIES);
    RecipientContext ngo = new RecipientContext(ParticipantKind.NGO, Relation.OWN, false, Tlp.RED, Tlp.GREEN, "INTERDICT");
    assertThat(p.decide(ngo, title, Tlp.AMBER).rule()).isEqualTo(Builtins.NGO_GREEN_UNLESS_NAMED);
    RecipientContext namedNgo = new RecipientContext(ParticipantKind.NGO, Relation.OWN, true, Tlp.RED, Tlp.GREEN, "INTERDICT");
    assertThat(p.decide(namedNgo, title, Tlp.RED)).isEqualTo(new Decision(Action.INCLUDE, "all", null));
    RecipientContext auditor = new RecipientContext(ParticipantKind.AUDITOR, Relation.ELSEWHERE, false, Tlp.RED, Tlp.CLEAR, "INTERDICT");
    assertThat(p.decide(auditor, title, Tlp.CLEAR).rule()).isEqualTo(Builtins.AUDITORS);
    assertThat(p.decide(customs(Tlp.AMBER), field("/id"), Tlp.GREEN).rule()).isEqualTo(Builtins.ENVELOPE);
  }

  @Test
  void a_token_may_reach_above_the_clearance_but_never_for_red() {
    Policy p = with("  - {id: tok, when: {paths: [/subjects/*/name]}, action: pseudonymise}\n");
    int name = field("/subjects/*/name");
    assertThat(p.decide(customs(Tlp.GREEN), name, Tlp.AMBER_STRICT)).isEqualTo(new Decision(Action.PSEUDONYMISE, Builtins.ABOVE_CLEARANCE, "token"));
    assertThat(p.decide(customs(Tlp.GREEN), name, Tlp.RED).action()).isEqualTo(Action.WITHHOLD);
  }

  @Test
  void refuses_a_policy_where_a_higher_clearance_would_see_less() {
    refusing(skeleton("    - {id: odd, when: {clearance: [RED], paths: [/title]}, action: withhold}\n"))
        .hasMessageContaining("not monotone: /title")
        .hasMessageContaining("by rule odd");
    refusing(skeleton("""
            - {id: low, when: {clearance: [GREEN], paths: [/subjects/*/name]}, action: pseudonymise}
            - {id: high, when: {clearance: [AMBER], paths: [/subjects/*/name]}, action: generalise}
        """)).hasMessageContaining("not monotone");
    with("  - {id: fine, when: {clearance: [CLEAR, GREEN], paths: [/title]}, action: withhold}\n"); // less for lower: allowed
  }

  @Test
  void refuses_malformed_policies_naming_each_problem() {
    refusing("just text").hasMessageContaining("top level");
    refusing(DEFAULT.replace("version: \"wildex-default-2026.1\"", "version: \"\"")).hasMessageContaining("version");
    refusing(DEFAULT.replace("description: \"Default", "colour: blue\ndescription: \"Default")).hasMessageContaining("colour: unknown key");
    refusing(skeleton("    - {id: all, action: withhold}\n")).hasMessageContaining("'all' is used twice");
    refusing(skeleton("    - {id: builtin.mine, action: withhold}\n")).hasMessageContaining("reserved");
    refusing(skeleton("    - {id: Bad_Id, action: withhold}\n")).hasMessageContaining("dotted lower-case");
    refusing(skeleton("    - {id: x, when: {paths: [/subjects/0/name]}, action: withhold}\n"))
        .hasMessageContaining("no array indices");
    refusing(skeleton("    - {id: x, when: {paths: [/subject/*/name]}, action: withhold}\n"))
        .hasMessageContaining("names no field");
    refusing(skeleton("    - {id: x, when: {paths: [/sources]}, action: include}\n"))
        .hasMessageContaining("built-in guarantees decide");
    refusing(skeleton("    - {id: x, when: {kinds: [POLICE]}, action: include}\n")).hasMessageContaining("'POLICE'");
    refusing(skeleton("    - {id: x, when: {level: [WHITE]}, action: include}\n")).hasMessageContaining("'WHITE'");
    refusing(skeleton("    - {id: x, when: {named: maybe}, action: include}\n")).hasMessageContaining("true or false");
    refusing(skeleton("    - {id: x, action: include, otherwise: withhold}\n")).hasMessageContaining("only for pseudonymise");
    refusing(skeleton("    - {id: x, when: {paths: [/title]}, action: generalise, otherwise: pseudonymise}\n"))
        .hasMessageContaining("include or withhold");
    refusing(skeleton("").replace("  - {id: all, action: include}", "  - {id: all, when: {named: true}, action: include}"))
        .hasMessageContaining("catch-all");
    refusing(skeleton("").replace("  - {id: r.e, requestedAction: INFORMATION_ONLY, kinds: [NCB], countries: TOUCHED}\n", ""))
        .hasMessageContaining("no entry for requestedAction INFORMATION_ONLY");
    refusing(skeleton("").replace("kinds: [NCB], countries: ROUTE_ENDS", "kinds: [NGO], countries: ROUTE_ENDS"))
        .hasMessageContaining("NGO is not an agency kind");
    refusing(skeleton("").replace("countries: ROUTE_ENDS", "countries: EVERYWHERE")).hasMessageContaining("EVERYWHERE");
    refusing(skeleton("").replace("version: \"t-1\"", "version: \"t-1\"\nversion: \"t-2\""))
        .hasMessageContaining("not valid YAML");
  }

  @Test
  void actions_order_by_how_much_they_reveal() {
    assertThat(Action.WITHHOLD.revealsAtMost(Action.PSEUDONYMISE)).isTrue();
    assertThat(Action.PSEUDONYMISE.revealsAtMost(Action.INCLUDE)).isTrue();
    assertThat(Action.GENERALISE.revealsAtMost(Action.INCLUDE)).isTrue();
    assertThat(Action.INCLUDE.revealsAtMost(Action.GENERALISE)).isFalse();
    assertThat(Action.PSEUDONYMISE.revealsAtMost(Action.GENERALISE)).isFalse();
    assertThat(Action.GENERALISE.revealsAtMost(Action.PSEUDONYMISE)).isFalse();
  }
}
