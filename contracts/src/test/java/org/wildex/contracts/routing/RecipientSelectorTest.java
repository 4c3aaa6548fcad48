package org.wildex.contracts.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wildex.contracts.Examples;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.TestDirectory;
import org.wildex.contracts.WildexException;
import org.wildex.contracts.directory.Directory;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.pkg.IntelligencePackage;
import org.wildex.contracts.pkg.Movement;
import org.wildex.contracts.pkg.Originator;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.contracts.policy.Builtins;
import org.wildex.contracts.policy.Policy;
import org.wildex.contracts.policy.Relation;

class RecipientSelectorTest {

  private final Directory directory = TestDirectory.load();

  private static IntelligencePackage example(String name) {
    return PackageCodec.parse(Examples.bytes(name));
  }

  private static IntelligencePackage ivoryWith(List<String> recipients, List<String> exclusions, String originator) {
    IntelligencePackage p = example("ivory-shipment.json");
    return new IntelligencePackage(
        p.id(), p.createdAt(), new Originator(originator, "ref"), p.title(), p.summary(), p.tlp(), p.grading(),
        p.handling(), p.subjects(), p.commodities(), p.movements(), p.seizures(), p.marketObservations(), p.sources(),
        p.requestedAction(), recipients, exclusions, p.markings(), null, null, null);
  }

  private static IntelligencePackage ivoryAs(String requestedAction) {
    IntelligencePackage p = example("ivory-shipment.json");
    return new IntelligencePackage(
        p.id(), p.createdAt(), p.originator(), p.title(), p.summary(), p.tlp(), p.grading(), p.handling(), p.subjects(),
        p.commodities(), p.movements(), p.seizures(), p.marketObservations(), p.sources(), requestedAction,
        p.recipients(), p.exclusions(), p.markings(), null, null, null);
  }

  private List<String> ids(IntelligencePackage p) {
    return RecipientSelector.select(p, directory, Policy.defaultPolicy()).stream().map(Participant::id).toList();
  }

  @Test
  void ivory_interdiction_by_air_then_road_reaches_agencies_of_every_country_and_the_blo_on_the_road_leg() {
    assertThat(ids(example("ivory-shipment.json")))
        .containsExactly("blo-mohan-boten", "cn-cites", "cn-customs", "cn-ncb", "ke-cites", "ke-customs", "ke-ncb",
            "la-cites", "la-customs", "la-ncb");
  }

  @Test
  void each_routed_recipient_names_the_rule_that_routed_it() {
    List<Routing> routed = RecipientSelector.route(example("ivory-shipment.json"), directory, Policy.defaultPolicy());
    assertThat(routed).allSatisfy(r -> assertThat(r.rule()).isEqualTo("route.interdict"));
    assertThat(routed).filteredOn(r -> r.participant().id().equals("blo-mohan-boten"))
        .singleElement().satisfies(r -> assertThat(r.reason()).contains("[CN, LA]").contains("leg"));
  }

  @Test
  void countries_touched_come_from_subjects_routes_seizures_and_markets() {
    assertThat(RecipientSelector.countriesTouched(example("ivory-shipment.json"))).containsExactly("CN", "KE", "LA");
    assertThat(RecipientSelector.countriesTouched(example("tiger-network.json"))).containsExactly("LA", "VN");
    assertThat(RecipientSelector.countriesTouched(example("pangolin-online-market.json"))).containsExactly("CN");
    assertThat(RecipientSelector.countriesTouched(example("seizure-controlled-delivery.json"))).containsExactly("MZ", "VN");
  }

  @Test
  void tiger_investigation_reaches_the_lao_vietnamese_blo_and_the_named_ngo() {
    assertThat(ids(example("tiger-network.json")))
        .containsExactly("blo-namphao-cautreo", "la-cites", "la-customs", "la-ncb", "vn-customs", "vn-ncb", "wcs");
  }

  @Test
  void an_online_market_goes_to_the_cites_management_authority_and_the_ncb_only() {
    assertThat(ids(example("pangolin-online-market.json"))).containsExactly("cn-cites", "cn-ncb");
  }

  @Test
  void a_controlled_delivery_goes_to_customs_and_ncb_of_the_two_ends_of_the_route_only() {
    assertThat(ids(example("seizure-controlled-delivery.json"))).containsExactly("vn-customs", "vn-ncb");
    // KE -> LA -> CN: Kenya and China are the ends; Laos is transit, the BLO and CITES are not needed
    assertThat(ids(ivoryAs("CONTROLLED_DELIVERY"))).containsExactly("cn-customs", "cn-ncb", "ke-customs", "ke-ncb");
  }

  @Test
  void information_only_leaves_out_the_border_liaison_office() {
    assertThat(ids(ivoryAs("INFORMATION_ONLY"))).doesNotContain("blo-mohan-boten").contains("cn-cites", "la-customs");
  }

  @Test
  void exclusions_win_over_everything_even_a_name() {
    IntelligencePackage p = ivoryWith(List.of("us-fws"), List.of("cn-customs", "us-fws", "not-in-directory"), "eia");
    assertThat(ids(p)).doesNotContain("cn-customs", "us-fws").contains("cn-ncb");
    Routing excluded = RecipientSelector.explain(p, directory.find("us-fws").orElseThrow(), Policy.defaultPolicy());
    assertThat(excluded.routed()).isFalse();
    assertThat(excluded.rule()).isEqualTo(Builtins.EXCLUSIONS_WIN);
  }

  @Test
  void named_recipients_of_any_kind_but_auditor_are_added() {
    IntelligencePackage p = ivoryWith(List.of("us-fws", "interpol-envsec", "wcs"), List.of(), "eia");
    assertThat(ids(p)).contains("us-fws", "interpol-envsec", "wcs");
    assertThat(RecipientSelector.explain(p, directory.find("wcs").orElseThrow(), Policy.defaultPolicy()).rule())
        .isEqualTo(Builtins.NAMED_RECIPIENT);
  }

  @Test
  void explains_why_a_participant_is_not_routed() {
    IntelligencePackage ivory = example("ivory-shipment.json");
    Routing vn = RecipientSelector.explain(ivory, directory.find("vn-ncb").orElseThrow(), Policy.defaultPolicy());
    assertThat(vn.routed()).isFalse();
    assertThat(vn.rule()).isEqualTo("route.interdict");
    assertThat(vn.reason()).contains("[VN]").contains("not a country the package touches");
    Routing fws = RecipientSelector.explain(ivory, directory.find("us-fws").orElseThrow(), Policy.defaultPolicy());
    assertThat(fws.routed()).isFalse();
    assertThat(fws.reason()).contains("FOREIGN_LE");
  }

  @Test
  void the_originator_never_receives_its_own_package() {
    assertThat(ids(ivoryWith(List.of("eia"), List.of(), "eia"))).doesNotContain("eia");
    assertThat(ids(ivoryWith(List.of(), List.of(), "cn-customs"))).doesNotContain("cn-customs");
  }

  @Test
  void rejects_an_unknown_named_recipient() {
    assertThatThrownBy(() -> ids(ivoryWith(List.of("nobody"), List.of(), "eia")))
        .isInstanceOf(WildexException.class)
        .hasMessageContaining("'nobody'")
        .satisfies(e -> assertThat(((WildexException) e).reason()).isEqualTo(ReasonCode.RECIPIENT_UNKNOWN));
  }

  @Test
  void rejects_an_auditor_as_named_recipient() {
    assertThatThrownBy(() -> ids(ivoryWith(List.of("audit"), List.of(), "eia")))
        .satisfies(e -> assertThat(((WildexException) e).reason()).isEqualTo(ReasonCode.RECIPIENT_UNKNOWN));
  }

  @Test
  void relation_is_own_where_the_case_is_on_route_in_transit_and_elsewhere_otherwise() {
    IntelligencePackage p = ivoryAs("INTERDICT");
    // a transit-only variant: the Lao subject removed, so Laos is only on the route
    IntelligencePackage transit = new IntelligencePackage(
        p.id(), p.createdAt(), p.originator(), p.title(), p.summary(), p.tlp(), p.grading(), p.handling(),
        List.of(p.subjects().get(0), p.subjects().get(2)), p.commodities(), p.movements(), p.seizures(),
        p.marketObservations(), p.sources(), p.requestedAction(), p.recipients(), p.exclusions(), java.util.Map.of(), null, null, null);
    Geography geo = Geography.of(transit);
    assertThat(geo.routeEnds()).containsExactly("CN", "KE");
    assertThat(geo.relationOf(directory.find("cn-customs").orElseThrow())).isEqualTo(Relation.OWN);
    assertThat(geo.relationOf(directory.find("ke-ncb").orElseThrow())).isEqualTo(Relation.OWN);
    assertThat(geo.relationOf(directory.find("la-customs").orElseThrow())).isEqualTo(Relation.ON_ROUTE);
    assertThat(geo.relationOf(directory.find("us-fws").orElseThrow())).isEqualTo(Relation.ELSEWHERE);
    assertThat(geo.isLeg(List.of("LA", "CN"))).isTrue();
    assertThat(geo.isLeg(List.of("KE", "CN"))).isFalse();
    assertThat(Geography.of(example("ivory-shipment.json")).relationOf(directory.find("la-customs").orElseThrow()))
        .as("a Lao national makes Laos own").isEqualTo(Relation.OWN);
    assertThat(p.movements()).extracting(Movement::from).containsExactly("KE", "LA");
  }
}
