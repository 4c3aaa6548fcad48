package org.wildex.contracts.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.wildex.contracts.Examples;
import org.wildex.contracts.TestDirectory;
import org.wildex.contracts.TestSharing;
import org.wildex.contracts.Tlp;
import org.wildex.contracts.delivery.Delivery;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.pkg.Identifier;
import org.wildex.contracts.pkg.IntelligencePackage;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.contracts.pkg.Subject;
import org.wildex.contracts.policy.Action;
import org.wildex.contracts.policy.Builtins;

/** The default policy on the example packages and the test directory; every expectation worked out by hand from docs/policy.md. */
class RedactorTest {

  private static final IntelligencePackage IVORY = PackageCodec.parse(Examples.bytes("ivory-shipment.json"));
  private static final IntelligencePackage TIGER = PackageCodec.parse(Examples.bytes("tiger-network.json"));
  private static final IntelligencePackage PANGOLIN = PackageCodec.parse(Examples.bytes("pangolin-online-market.json"));

  private static Participant who(String id) {
    return TestDirectory.participant(id);
  }

  private static RedactedView view(IntelligencePackage p, String recipient) {
    return TestSharing.prepare(p).redact(who(recipient)).orElseThrow();
  }

  private static String json(Object o) {
    return new String(PackageCodec.toJson(o), StandardCharsets.UTF_8);
  }

  private static IntelligencePackage with(IntelligencePackage p, List<String> recipients, List<String> exclusions) {
    return new IntelligencePackage(p.id(), p.createdAt(), p.originator(), p.title(), p.summary(), p.tlp(), p.grading(),
        p.handling(), p.subjects(), p.commodities(), p.movements(), p.seizures(), p.marketObservations(), p.sources(),
        p.requestedAction(), recipients, exclusions, p.markings(), null, null, null);
  }

  private static final String[] IVORY_SECRETS = {
    "EX0448127", "139 0000 4417", "5500 1123", "PVT-KE-2019-77314", "LA-0000-VT", "SRC-7", "Nairobi cargo terminal"
  };

  @Test
  void an_ncb_of_its_own_country_reads_everything_its_clearance_allows() {
    RedactedView v = view(IVORY, "la-ncb"); // NCB, AMBER+STRICT, Laos is own (a Lao national)
    assertThat(v.level()).isEqualTo(Tlp.AMBER_STRICT);
    assertThat(v.manifest().withheld())
        .containsExactly(
            new WithheldField("/movements/1/carrierRefs", Tlp.RED, Builtins.ABOVE_CLEARANCE),
            new WithheldField("/sources", Tlp.AMBER, Builtins.SOURCES));
    assertThat(v.manifest().transformed()).isEmpty();
    assertThat(v.manifest().policyVersion()).isEqualTo("wildex-default-2026.1");
    assertThat(v.view().subjects().get(0).identifiers()).extracting(Identifier::value).containsExactly("EX0448127", "+86 139 0000 4417");
    assertThat(v.view().markings()).containsExactly(Map.entry("/subjects/0/identifiers", Tlp.AMBER_STRICT));
    assertThat(v.view().movements().get(1).carrierRefs()).isEmpty();
    assertThat(json(v.view())).doesNotContain("LA-0000-VT", "SRC-7", "Nairobi cargo terminal");
  }

  @Test
  void red_goes_only_to_a_named_recipient_even_with_red_clearance() {
    RedactedView unnamed = view(IVORY, "cn-ncb"); // clearance RED, not named
    assertThat(unnamed.manifest().withheld()).contains(new WithheldField("/movements/1/carrierRefs", Tlp.RED, Builtins.RED_NAMED_ONLY));
    assertThat(unnamed.level()).isEqualTo(Tlp.AMBER_STRICT);

    RedactedView named = view(with(IVORY, List.of("cn-ncb"), List.of()), "cn-ncb");
    assertThat(named.level()).isEqualTo(Tlp.RED);
    assertThat(named.view().movements().get(1).carrierRefs()).containsExactly("truck plate LA-0000-VT");
    assertThat(named.view().markings()).isEqualTo(IVORY.markings());
  }

  @Test
  void customs_get_tokens_for_identifiers_and_cannot_read_those_above_their_clearance() {
    RedactedView v = view(IVORY, "la-customs"); // CUSTOMS, AMBER
    assertThat(v.level()).isEqualTo(Tlp.AMBER);
    assertThat(v.manifest().transformed())
        .extracting(TransformedField::path, TransformedField::action, TransformedField::to, TransformedField::rule)
        .containsExactly(
            // above AMBER: the guarantee lets the rule's token through, and names itself (no release can reveal them)
            tuple("/subjects/0/identifiers/0/value", "pseudonymise", "token", Builtins.ABOVE_CLEARANCE),
            tuple("/subjects/0/identifiers/1/value", "pseudonymise", "token", Builtins.ABOVE_CLEARANCE),
            tuple("/subjects/1/identifiers/0/value", "pseudonymise", "token", "customs.pseudonymise-identifiers"),
            tuple("/subjects/2/identifiers/0/value", "pseudonymise", "token", "customs.pseudonymise-identifiers"));
    assertThat(v.manifest().withheld())
        .extracting(WithheldField::path, WithheldField::level, WithheldField::rule)
        .containsExactly(
            tuple("/movements/1/carrierRefs", Tlp.RED, Builtins.ABOVE_CLEARANCE),
            tuple("/sources", Tlp.AMBER, Builtins.SOURCES),
            tuple("/subjects/0/identifiers/0/country", Tlp.AMBER_STRICT, Builtins.ABOVE_CLEARANCE),
            tuple("/subjects/0/identifiers/0/type", Tlp.AMBER_STRICT, Builtins.ABOVE_CLEARANCE),
            tuple("/subjects/0/identifiers/1/type", Tlp.AMBER_STRICT, Builtins.ABOVE_CLEARANCE));

    List<Subject> s = v.view().subjects();
    assertThat(s.get(0).name()).isEqualTo("Chen Haoyu");
    assertThat(s.get(0).identifiers())
        .containsExactly(
            new Identifier(null, TestSharing.token("passport", "ex0448127"), null),
            new Identifier(null, TestSharing.token("phone", "+8613900004417"), null));
    assertThat(s.get(1).identifiers()).containsExactly(new Identifier(Identifier.Type.PHONE, TestSharing.token("phone", "+8562055001123"), null));
    assertThat(s.get(2).identifiers())
        .containsExactly(new Identifier(Identifier.Type.COMPANY_REGISTRATION, TestSharing.token("company_registration", "pvtke201977314"), "KE"));
    assertThat(v.view().markings()).as("a marking above the ceiling is not carried").isEmpty();
    assertThat(json(v)).doesNotContain(IVORY_SECRETS);
  }

  @Test
  void cites_authorities_see_people_as_tokens_and_no_carriers() {
    RedactedView v = view(IVORY, "cn-cites"); // CITES_MA, AMBER
    assertThat(v.view().subjects()).extracting(Subject::name).allSatisfy(n -> assertThat(n).startsWith("ps1:"));
    assertThat(v.view().subjects().get(0).name()).isEqualTo(TestSharing.token("name", "chen haoyu"));
    assertThat(v.view().movements()).allSatisfy(m -> assertThat(m.carrierRefs()).isEmpty());
    assertThat(v.manifest().withheld())
        .contains(
            new WithheldField("/movements/0/carrierRefs", Tlp.AMBER, "cites.withhold-carriers"),
            new WithheldField("/movements/1/carrierRefs", Tlp.RED, Builtins.ABOVE_CLEARANCE));
    assertThat(v.view().commodities().get(0).quantity()).isEqualByComparingTo("410");
    assertThat(json(v)).doesNotContain(IVORY_SECRETS).doesNotContain("Chen Haoyu", "Somsack", "Kilindini");
  }

  @Test
  void a_recipient_below_the_package_level_gets_nothing_and_the_explanation_says_why() {
    Redactor.Prepared p = TestSharing.prepare(IVORY);
    assertThat(p.redact(who("la-cites"))).isEmpty(); // GREEN < AMBER
    Redactor.Explanation e = p.explain(who("la-cites"));
    assertThat(e.delivered()).isFalse();
    assertThat(e.ceiling()).isEqualTo(Tlp.GREEN);
    assertThat(e.leaves()).hasSize(p.leaves().size());
    assertThat(e.leaves()).filteredOn(l -> !l.path().startsWith("/sources") && !l.path().startsWith("/markings"))
        .allSatisfy(l -> assertThat(l.decision()).extracting("action", "rule").containsExactly(Action.WITHHOLD, Builtins.ABOVE_CLEARANCE));
  }

  @Test
  void border_liaison_offices_get_months_bands_and_tokens() {
    RedactedView v = view(IVORY, "blo-mohan-boten"); // BLO, AMBER
    assertThat(v.view().movements().get(0).departed()).isEqualTo("2024-03");
    assertThat(v.view().movements().get(0).arrived()).isEqualTo("2024-03");
    assertThat(v.view().movements().get(1).departed()).isEqualTo("2024-03");
    assertThat(v.view().commodities().get(0).quantity()).isNull();
    assertThat(v.view().commodities().get(0).quantityBand()).isEqualTo("100-1000");
    assertThat(v.view().movements().get(0).carrierRefs()).containsExactly(TestSharing.token("carrier_ref", "awb00041238876"));
    assertThat(v.view().subjects()).extracting(Subject::name).allSatisfy(n -> assertThat(n).startsWith("ps1:"));
    assertThat(v.manifest().transformed())
        .filteredOn(t -> t.action().equals("generalise"))
        .extracting(TransformedField::path, TransformedField::at, TransformedField::to, TransformedField::rule)
        .containsExactly(
            tuple("/commodities/0/quantity", "/commodities/0/quantityBand", "band", "blo.generalise"),
            tuple("/movements/0/arrived", "/movements/0/arrived", "month", "blo.generalise"),
            tuple("/movements/0/departed", "/movements/0/departed", "month", "blo.generalise"),
            tuple("/movements/1/departed", "/movements/1/departed", "month", "blo.generalise"));
    assertThat(v.view().handling()).as("the envelope always travels").isEqualTo(IVORY.handling());
    assertThat(json(v)).doesNotContain("2024-03-02", "\"quantity\":410").doesNotContain(IVORY_SECRETS);
  }

  @Test
  void agencies_of_a_transit_country_see_people_as_tokens() {
    IntelligencePackage p = IVORY;
    IntelligencePackage transit = new IntelligencePackage(p.id(), p.createdAt(), p.originator(), p.title(), p.summary(),
        p.tlp(), p.grading(), p.handling(), List.of(p.subjects().get(0), p.subjects().get(2)), p.commodities(),
        p.movements(), p.seizures(), p.marketObservations(), p.sources(), p.requestedAction(), null, null,
        Map.of("/subjects/0/identifiers", Tlp.AMBER_STRICT), null, null, null);
    RedactedView laNcb = view(transit, "la-ncb"); // Laos is only on the route now
    assertThat(laNcb.view().subjects()).extracting(Subject::name).allSatisfy(n -> assertThat(n).startsWith("ps1:"));
    assertThat(laNcb.manifest().transformed()).extracting(TransformedField::rule).containsOnly("transit.pseudonymise-people");
    assertThat(view(transit, "cn-ncb").view().subjects().get(0).name()).as("China is own").isEqualTo("Chen Haoyu");
  }

  @Test
  void a_withheld_subject_goes_whole_and_later_subjects_move_up() {
    RedactedView v = view(TIGER, "la-customs"); // AMBER; /subjects/1 is AMBER+STRICT with a RED identifier
    assertThat(v.view().subjects()).extracting(Subject::ref).containsExactly("ORG1", "P2");
    assertThat(v.manifest().withheld()).contains(new WithheldField("/subjects/1", Tlp.RED, Builtins.ABOVE_CLEARANCE));
    assertThat(v.manifest().sourcesWithheld()).isEqualTo(2);
    assertThat(v.view().subjects().get(0).identifiers().get(0).value()).isEqualTo(TestSharing.token("company_registration", "labkx0931"));
    assertThat(json(v.view())).doesNotContain("Nguyen Dinh Khoa", "7731", "UC-3", "LA-BKX-0931");
    // the proof names the moved subject's leaves at their new place
    assertThat(v.manifest().proof().leaves()).filteredOn(l -> "/subjects/2/ref".equals(l.path()))
        .singleElement().satisfies(l -> assertThat(l.at()).isEqualTo("/subjects/1/ref"));
  }

  @Test
  void a_strict_recipient_keeps_the_strict_subject_but_not_its_red_identifier() {
    RedactedView v = view(TIGER, "la-ncb"); // AMBER+STRICT
    assertThat(v.view().subjects()).hasSize(3);
    assertThat(v.view().subjects().get(1).identifiers()).isEmpty();
    assertThat(v.manifest().withheld()).contains(new WithheldField("/subjects/1/identifiers", Tlp.RED, Builtins.ABOVE_CLEARANCE));
    assertThat(v.view().markings()).containsExactly(Map.entry("/subjects/1", Tlp.AMBER_STRICT));
    assertThat(v.level()).isEqualTo(Tlp.AMBER_STRICT);
  }

  @Test
  void a_named_ngo_gets_tokens_months_and_nothing_red() {
    RedactedView v = view(TIGER, "wcs"); // NGO, AMBER, named in the tiger package
    assertThat(v.level()).isEqualTo(Tlp.AMBER);
    assertThat(v.view().subjects()).hasSize(3);
    assertThat(v.view().subjects().get(1).name()).as("a token even above its clearance").isEqualTo(TestSharing.token("name", "nguyen dinh khoa"));
    assertThat(v.view().subjects().get(1).role()).isNull();
    assertThat(v.view().movements().get(0).departed()).isEqualTo("2024-05");
    assertThat(v.view().movements().get(0).carrierRefs()).allSatisfy(c -> assertThat(c).startsWith("ps1:"));
    assertThat(json(v)).doesNotContain("Nguyen Dinh Khoa", "7731", "Bounmy", "UC-3");
  }

  @Test
  void an_ngo_that_is_not_named_gets_nothing_above_green() {
    Redactor.Explanation e = TestSharing.prepare(IVORY).explain(who("ifaw"));
    assertThat(e.ceiling()).isEqualTo(Tlp.GREEN);
    assertThat(e.delivered()).isFalse();
    assertThat(e.leaves().get(0).decision().rule()).isEqualTo(Builtins.NGO_GREEN_UNLESS_NAMED);
  }

  @Test
  void amber_strict_goes_only_to_agencies_of_named_countries_and_named_recipients() {
    // INTERPOL Environmental Security: IGO, AMBER+STRICT clearance, France, which the package does not name
    Redactor.Explanation unnamed = TestSharing.prepare(IVORY).explain(who("interpol-envsec"));
    assertThat(unnamed.ceiling()).isEqualTo(Tlp.AMBER);
    assertThat(unnamed.leaves()).filteredOn(l -> l.path().equals("/subjects/0/identifiers/0/type"))
        .singleElement().satisfies(l -> assertThat(l.decision().rule()).isEqualTo(Builtins.AMBER_STRICT_NAMED_COUNTRIES));

    RedactedView named = view(with(IVORY, List.of("interpol-envsec"), List.of()), "interpol-envsec");
    assertThat(named.view().subjects().get(0).identifiers()).extracting(Identifier::type)
        .containsExactly(Identifier.Type.PASSPORT, Identifier.Type.PHONE);
    assertThat(named.view().subjects().get(0).identifiers()).extracting(Identifier::value).allSatisfy(x -> assertThat(x).startsWith("ps1:"));
    assertThat(named.manifest().transformed()).extracting(TransformedField::rule).contains("foreign.pseudonymise-people");
  }

  @Test
  void exclusions_never_leave_the_hub() {
    RedactedView v = view(with(IVORY, List.of(), List.of("cn-customs")), "cn-ncb");
    assertThat(v.view().exclusions()).isEmpty();
    assertThat(v.manifest().withheld()).contains(new WithheldField("/exclusions", Tlp.AMBER, Builtins.EXCLUSIONS));
    assertThat(json(v)).doesNotContain("cn-customs");
  }

  @Test
  void the_pangolin_seller_phone_is_red_and_the_url_amber() {
    RedactedView cites = view(PANGOLIN, "cn-cites"); // AMBER
    assertThat(cites.view().subjects().get(0).identifiers()).isEmpty();
    assertThat(cites.view().marketObservations().get(0).url()).isEqualTo("https://im.example.cn/group/88231/post/5521");
    assertThat(cites.level()).isEqualTo(Tlp.AMBER);
    assertThat(cites.manifest().withheld()).extracting(WithheldField::path).containsExactly("/sources", "/subjects/0/identifiers");
  }

  @Test
  void views_and_manifests_are_deterministic() {
    Redactor.Prepared a = TestSharing.prepare(IVORY);
    Redactor.Prepared b = TestSharing.prepare(PackageCodec.parse(Examples.bytes("ivory-shipment.json")));
    for (String r : List.of("la-ncb", "la-customs", "cn-cites", "blo-mohan-boten")) {
      assertThat(json(a.redact(who(r)).orElseThrow())).isEqualTo(json(b.redact(who(r)).orElseThrow()));
    }
  }

  @Test
  void every_view_verifies_against_the_root_and_all_share_it() {
    Redactor.Prepared p = TestSharing.prepare(IVORY);
    String root = null;
    for (String r : List.of("la-ncb", "la-customs", "cn-cites", "cn-ncb", "blo-mohan-boten", "ke-customs")) {
      byte[] delivery = PackageCodec.toJson(delivery(p.redact(who(r)).orElseThrow(), r));
      ProofCheck.Result result = ProofCheck.verify(delivery, TestSharing.HASHER);
      assertThat(result.problems()).as(r).isEmpty();
      assertThat(result.revealed() + result.hidden()).isEqualTo(p.leaves().size());
      root = root == null ? result.root() : root;
      assertThat(result.root()).as("two recipients' views come from the same original").isEqualTo(root);
    }
  }

  @Test
  void a_revealed_value_altered_or_added_after_redaction_fails_the_proof() {
    RedactedView v = view(IVORY, "la-customs");
    String good = json(delivery(v, "la-customs"));
    assertThat(ProofCheck.verify(bytes(good), TestSharing.HASHER).ok()).isTrue();

    ProofCheck.Result altered = ProofCheck.verify(bytes(good.replace("Chen Haoyu", "Chen Haoyi")), TestSharing.HASHER);
    assertThat(altered.ok()).isFalse();
    assertThat(altered.problems()).anyMatch(m -> m.contains("Merkle root mismatch"));

    ProofCheck.Result added = ProofCheck.verify(bytes(good.replace("\"role\":\"buyer and financier, Mengla\"",
        "\"role\":\"buyer and financier, Mengla\",\"city\":\"Mengla\"")), TestSharing.HASHER);
    assertThat(added.problems()).anyMatch(m -> m.contains("/subjects/0/city"));

    ProofCheck.Result removed = ProofCheck.verify(bytes(good.replace("\"name\":\"Chen Haoyu\",", "")), TestSharing.HASHER);
    assertThat(removed.problems()).anyMatch(m -> m.contains("revealed leaf /subjects/0/name is missing"));
  }

  @Test
  void a_value_put_back_where_a_generalisation_dropped_it_fails_the_proof() {
    IntelligencePackage rhino = PackageCodec.parse(Examples.bytes("seizure-controlled-delivery.json"));
    RedactedView v = view(rhino, "blo-hekou-laocai"); // BLO: the seizure address generalises to its place
    assertThat(v.view().seizures().get(0).address()).isNull();
    assertThat(v.manifest().transformed()).filteredOn(t -> t.path().equals("/seizures/0/address"))
        .singleElement().satisfies(t -> {
          assertThat(t.to()).isEqualTo("city");
          assertThat(t.at()).as("dropped: nothing in the view").isNull();
        });
    String good = json(delivery(v, "blo-hekou-laocai"));
    assertThat(ProofCheck.verify(bytes(good), TestSharing.HASHER).problems()).isEmpty();
    String forged = good.replace("\"place\":\"Hai Phong\"", "\"place\":\"Hai Phong\",\"address\":\"berth 9\"");
    assertThat(forged).isNotEqualTo(good);
    assertThat(ProofCheck.verify(bytes(forged), TestSharing.HASHER).problems()).anyMatch(m -> m.contains("/seizures/0/address"));
  }

  @Test
  void the_manifest_names_paths_and_rules_never_content() {
    String manifest = json(view(IVORY, "la-customs").manifest());
    assertThat(manifest).doesNotContain(IVORY_SECRETS).doesNotContain("Chen", "Nairobi");
    assertThat(manifest).contains("/subjects/0/identifiers/0/value", "customs.pseudonymise-identifiers", "wildex-default-2026.1");
  }

  @Test
  void the_original_package_is_left_untouched() {
    IntelligencePackage before = PackageCodec.parse(Examples.bytes("ivory-shipment.json"));
    view(IVORY, "blo-mohan-boten");
    assertThat(IVORY).isEqualTo(before);
  }

  private static Delivery delivery(RedactedView v, String recipient) {
    return new Delivery(UUID.nameUUIDFromBytes(recipient.getBytes(StandardCharsets.UTF_8)), v.view().id(), "eia", recipient,
        v.level(), Instant.parse("2024-03-05T00:00:00Z"), "route.interdict", v.manifest(), v.view());
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
