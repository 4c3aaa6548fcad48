package org.wildex.contracts.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wildex.contracts.SchemaWalk;

class FieldCatalogTest {

  @Test
  void the_catalog_names_every_leaf_of_the_schema_and_nothing_else() {
    List<String> schemaLeaves = SchemaWalk.packageV1().leafTemplates.stream()
        .filter(t -> !t.startsWith("/commitment/")) // the originator's commitment is not part of what it commits to
        .toList();
    assertThat(FieldCatalog.fields()).extracting(FieldCatalog.Field::template).containsExactlyInAnyOrderElementsOf(schemaLeaves);
  }

  @Test
  void envelope_sources_exclusions_and_markings_are_what_the_guarantees_say() {
    assertThat(FieldCatalog.fields()).filteredOn(f -> f.role() == FieldCatalog.Role.ENVELOPE)
        .allSatisfy(f -> assertThat(f.template()).matches("/(id|createdAt|supersedes|version|tlp|originator/.+|handling/.+)"));
    assertThat(FieldCatalog.fields()).filteredOn(f -> f.template().startsWith("/sources/"))
        .allSatisfy(f -> assertThat(f.role()).isEqualTo(FieldCatalog.Role.SOURCE));
    assertThat(FieldCatalog.field(FieldCatalog.indexOf("/exclusions/*")).role()).isEqualTo(FieldCatalog.Role.EXCLUSION);
    assertThat(FieldCatalog.field(FieldCatalog.indexOf("/markings/*")).role()).isEqualTo(FieldCatalog.Role.MARKING);
    assertThat(FieldCatalog.fields()).filteredOn(f -> f.pseudonymisable() || f.generalisable())
        .allSatisfy(f -> assertThat(f.role()).isEqualTo(FieldCatalog.Role.CONTENT));
  }

  @Test
  void policy_paths_cover_by_segment_prefix_with_stars() {
    assertThat(FieldCatalog.covers("/subjects", "/subjects/*/identifiers/*/value")).isTrue();
    assertThat(FieldCatalog.covers("/subjects/*/identifiers", "/subjects/*/identifiers/*/value")).isTrue();
    assertThat(FieldCatalog.covers("/*/*/name", "/subjects/*/name")).isTrue();
    assertThat(FieldCatalog.covers("/subjects/*/name", "/subjects/*/nationalities/*")).isFalse();
    assertThat(FieldCatalog.covers("/subject", "/subjects/*/name")).isFalse();
  }
}
