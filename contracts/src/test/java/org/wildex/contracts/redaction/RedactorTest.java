package org.wildex.contracts.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.wildex.contracts.Examples;
import org.wildex.contracts.TestDirectory;
import org.wildex.contracts.Tlp;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.directory.ParticipantKind;
import org.wildex.contracts.pkg.IntelligencePackage;
import org.wildex.contracts.pkg.Originator;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.contracts.pkg.Subject;

class RedactorTest {

  private static final String POLICY = "policy-test-1";
  private static final IntelligencePackage IVORY = PackageCodec.parse(Examples.bytes("ivory-shipment.json"));
  private static final IntelligencePackage TIGER = PackageCodec.parse(Examples.bytes("tiger-network.json"));
  private static final IntelligencePackage PANGOLIN = PackageCodec.parse(Examples.bytes("pangolin-online-market.json"));

  private static Participant cleared(Tlp clearance) {
    return new Participant("r", ParticipantKind.NCB, "recipient", List.of("CN"), clearance, "r.pem");
  }

  private static RedactedView redact(IntelligencePackage p, Tlp clearance) {
    return Redactor.redact(p, cleared(clearance), POLICY).orElseThrow();
  }

  private static String json(Object o) {
    return new String(PackageCodec.toJson(o), StandardCharsets.UTF_8);
  }

  @Test
  void nothing_is_delivered_when_the_package_is_above_the_clearance() {
    assertThat(Redactor.redact(IVORY, TestDirectory.participant("la-cites"), POLICY)).isEmpty(); // GREEN < AMBER
    assertThat(Redactor.redact(PANGOLIN, cleared(Tlp.CLEAR), POLICY)).isEmpty();
  }

  @Test
  void amber_recipient_loses_strict_identifiers_red_carrier_refs_and_sources() {
    RedactedView v = redact(IVORY, Tlp.AMBER);

    assertThat(v.level()).isEqualTo(Tlp.AMBER);
    assertThat(v.manifest().policyVersion()).isEqualTo(POLICY);
    assertThat(v.manifest().sourcesWithheld()).isEqualTo(1);
    assertThat(v.manifest().withheld())
        .containsExactly(
            new WithheldField("/movements/1/carrierRefs", Tlp.RED, Redactor.RULE_ABOVE_CLEARANCE),
            new WithheldField("/sources", Tlp.AMBER, Redactor.RULE_SOURCES),
            new WithheldField("/subjects/0/identifiers", Tlp.AMBER_STRICT, Redactor.RULE_ABOVE_CLEARANCE));

    IntelligencePackage view = v.view();
    assertThat(view.id()).isEqualTo(IVORY.id());
    assertThat(view.sources()).isEmpty();
    assertThat(view.subjects().get(0).identifiers()).isEmpty();
    assertThat(view.subjects().get(0).name()).isEqualTo("Chen Haoyu");
    assertThat(view.subjects().get(1).identifiers()).hasSize(1);
    assertThat(view.movements().get(1).carrierRefs()).isEmpty();
    assertThat(view.movements().get(0).carrierRefs()).containsExactly("AWB 000-41238876");
    assertThat(view.markings()).isEmpty();
    assertThat(json(view)).doesNotContain("EX0448127", "4417", "LA-0000-VT", "Nairobi cargo terminal", "SRC-7");
  }

  @Test
  void strict_recipient_keeps_strict_fields_and_their_marking() {
    RedactedView v = redact(IVORY, Tlp.AMBER_STRICT);
    assertThat(v.level()).isEqualTo(Tlp.AMBER_STRICT);
    assertThat(v.view().subjects().get(0).identifiers()).hasSize(2);
    assertThat(v.view().markings()).containsExactly(Map.entry("/subjects/0/identifiers", Tlp.AMBER_STRICT));
    assertThat(v.manifest().withheld()).extracting(WithheldField::path).containsExactly("/movements/1/carrierRefs", "/sources");
  }

  @Test
  void red_recipient_gets_everything_but_sources() {
    RedactedView v = redact(IVORY, Tlp.RED);
    assertThat(v.level()).isEqualTo(Tlp.RED);
    assertThat(v.view().markings()).isEqualTo(IVORY.markings());
    assertThat(v.view().movements()).isEqualTo(IVORY.movements());
    assertThat(v.view().subjects()).isEqualTo(IVORY.subjects());
    assertThat(v.view().sources()).isEmpty();
    assertThat(v.manifest().withheld()).extracting(WithheldField::rule).containsExactly(Redactor.RULE_SOURCES);
  }

  @Test
  void a_withheld_subject_takes_its_marked_children_and_later_subjects_move_up() {
    RedactedView v = redact(TIGER, Tlp.AMBER);
    assertThat(v.view().subjects()).extracting(Subject::ref).containsExactly("ORG1", "P2");
    assertThat(v.manifest().withheld())
        .extracting(WithheldField::path, WithheldField::level)
        .contains(
            org.assertj.core.groups.Tuple.tuple("/subjects/1", Tlp.AMBER_STRICT),
            org.assertj.core.groups.Tuple.tuple("/subjects/1/identifiers/0", Tlp.RED));
    assertThat(v.manifest().sourcesWithheld()).isEqualTo(2);
    assertThat(json(v.view())).doesNotContain("Nguyen Dinh Khoa", "7731", "Vinh\"", "UC-3");
  }

  @Test
  void a_marking_inherits_the_level_of_a_marked_ancestor() {
    RedactedView v = redact(TIGER, Tlp.AMBER_STRICT);
    // /subjects/1 is AMBER+STRICT and kept; its RED identifier goes
    assertThat(v.view().subjects()).hasSize(3);
    assertThat(v.view().subjects().get(1).identifiers()).isEmpty();
    assertThat(v.view().markings()).containsExactly(Map.entry("/subjects/1", Tlp.AMBER_STRICT));
  }

  @Test
  void kept_markings_follow_their_field_when_earlier_array_elements_are_withheld() {
    List<Subject> subjects =
        List.of(
            new Subject("A", Subject.Type.PERSON, "alpha", null, null, null, null),
            new Subject("B", Subject.Type.PERSON, "bravo", null, null, null, null),
            new Subject("C", Subject.Type.PERSON, "charlie", null, null, null, null));
    IntelligencePackage p =
        new IntelligencePackage(
            UUID.randomUUID(), Instant.parse("2024-01-01T00:00:00Z"), new Originator("eia", "x"), "t", null, Tlp.GREEN,
            null, subjects, null, null, null, null, null, "INVESTIGATE", null, null,
            Map.of("/subjects/0", Tlp.RED, "/subjects/2/name", Tlp.AMBER, "/subjects/1/name", Tlp.RED));

    RedactedView v = redact(p, Tlp.AMBER);

    assertThat(v.view().subjects()).extracting(Subject::ref).containsExactly("B", "C");
    assertThat(v.view().subjects()).extracting(Subject::name).containsExactly(null, "charlie");
    assertThat(v.view().markings()).containsExactly(Map.entry("/subjects/1/name", Tlp.AMBER));
    assertThat(v.level()).isEqualTo(Tlp.AMBER);
  }

  @Test
  void pangolin_seller_phone_is_red_and_the_url_amber() {
    RedactedView green = redact(PANGOLIN, Tlp.GREEN);
    assertThat(green.level()).isEqualTo(Tlp.GREEN);
    assertThat(green.view().subjects().get(0).identifiers()).isEmpty();
    assertThat(green.view().marketObservations().get(0).url()).isNull();
    assertThat(green.view().marketObservations().get(0).platform()).isNotNull();

    RedactedView amber = redact(PANGOLIN, Tlp.AMBER);
    assertThat(amber.level()).isEqualTo(Tlp.AMBER);
    assertThat(amber.view().marketObservations().get(0).url()).isNotNull();
    assertThat(amber.view().subjects().get(0).identifiers()).isEmpty();
    assertThat(amber.manifest().withheld()).extracting(WithheldField::path)
        .containsExactly("/sources", "/subjects/0/identifiers/0");
  }

  @Test
  void the_manifest_names_paths_and_rules_never_content() {
    String manifest = json(redact(IVORY, Tlp.AMBER).manifest());
    assertThat(manifest).doesNotContain("EX0448127", "LA-0000-VT", "informant", "Nairobi");
    assertThat(manifest).contains("/subjects/0/identifiers", Redactor.RULE_ABOVE_CLEARANCE, POLICY);
  }

  @Test
  void the_original_package_is_left_untouched() {
    IntelligencePackage before = PackageCodec.parse(Examples.bytes("ivory-shipment.json"));
    redact(IVORY, Tlp.AMBER);
    assertThat(IVORY).isEqualTo(before);
  }
}
