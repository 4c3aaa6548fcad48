package org.wildex.contracts.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.wildex.contracts.redaction.FieldCatalog;

/** docs/policy.md agrees with the default policy.yaml and the code: every id, key, action and guarantee. */
class PolicyDocTest {

  private static final Path DOC = Path.of("..", "docs", "policy.md");
  private static final Pattern RULE_ROW = Pattern.compile("^\\|\\s*`([a-z][a-z0-9-]*\\.[a-z0-9.-]+)`\\s*\\|", Pattern.MULTILINE);

  private static String doc() throws Exception {
    return Files.readString(DOC);
  }

  /** Dotted ids in the first column of the doc's tables (the default policy's ids are dotted), minus the built-ins. */
  private static List<String> documentedIds() throws Exception {
    List<String> out = new ArrayList<>();
    Matcher m = RULE_ROW.matcher(doc());
    while (m.find()) {
      if (!m.group(1).startsWith("builtin.")) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  @Test
  void the_doc_lists_exactly_the_default_policys_routing_and_rules_with_its_version() throws Exception {
    Policy p = Policy.defaultPolicy();
    List<String> ids = new ArrayList<>();
    p.routing().forEach(r -> ids.add(r.id()));
    p.rules().forEach(r -> ids.add(r.id()));
    assertThat(documentedIds()).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(doc()).contains(p.version());
  }

  @Test
  void every_built_in_guarantee_key_action_and_relation_is_documented() throws Exception {
    String doc = doc();
    for (String id : Builtins.ALL) {
      assertThat(doc).as("built-in %s", id).contains("`" + id + "`");
    }
    for (Set<String> keys : Policy.formatKeys().values()) {
      for (String key : keys) {
        assertThat(doc).as("policy key %s", key).contains("`" + key + "`");
      }
    }
    for (Action a : Action.values()) {
      assertThat(doc).as("action %s", a).contains("`" + a.word() + "`");
    }
    for (Relation r : Relation.values()) {
      assertThat(doc).as("relation %s", r).contains("`" + r.name() + "`");
    }
    for (FieldCatalog.Generalisation g : FieldCatalog.Generalisation.values()) {
      assertThat(doc).as("generalisation %s", g).contains("`" + g.label() + "`");
    }
    for (RoutingRule.Scope s : RoutingRule.Scope.values()) {
      assertThat(doc).contains("`" + s.name() + "`");
    }
    assertThat(doc).contains("WILDEX_PSEUDONYM_SECRET").contains("pki/pseudonym.key").contains("policy.yaml");
  }

  @Test
  void every_pseudonymisable_and_generalisable_field_is_documented() throws Exception {
    String doc = doc();
    for (FieldCatalog.Field f : FieldCatalog.fields()) {
      if (f.pseudonymisable() || f.generalisable()) {
        assertThat(doc).as("field %s", f.template()).contains("`" + f.template() + "`");
      }
    }
  }
}
