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
import org.wildex.contracts.pkg.PackageCodec;

class RecipientSelectorTest {

  private final Directory directory = TestDirectory.load();

  private static IntelligencePackage example(String name) {
    return PackageCodec.parse(Examples.bytes(name));
  }

  private static IntelligencePackage ivoryWith(List<String> recipients, List<String> exclusions, String originator) {
    IntelligencePackage p = example("ivory-shipment.json");
    return new IntelligencePackage(
        p.id(), p.createdAt(), new org.wildex.contracts.pkg.Originator(originator, "ref"), p.title(), p.summary(),
        p.tlp(), p.grading(), p.subjects(), p.commodities(), p.movements(), p.seizures(), p.marketObservations(),
        p.sources(), p.requestedAction(), recipients, exclusions, p.markings());
  }

  private List<String> ids(IntelligencePackage p) {
    return RecipientSelector.select(p, directory).stream().map(Participant::id).toList();
  }

  @Test
  void ivory_route_by_air_then_road_reaches_agencies_of_every_country_and_the_blo_on_the_road_leg() {
    List<String> ids = ids(example("ivory-shipment.json"));
    assertThat(ids)
        .contains("la-ncb", "la-customs", "la-cites", "cn-ncb", "cn-customs", "cn-cites", "blo-mohan-boten")
        .contains("ke-ncb", "ke-customs", "ke-cites")
        .doesNotContain("blo-hekou-laocai", "blo-namphao-cautreo", "vn-ncb", "vn-customs", "th-ncb")
        .doesNotContain("eia", "ifaw", "wcs", "audit", "us-fws", "interpol-envsec")
        .isSorted()
        .doesNotHaveDuplicates();
  }

  @Test
  void countries_touched_come_from_subjects_routes_seizures_and_markets() {
    assertThat(RecipientSelector.countriesTouched(example("ivory-shipment.json"))).containsExactly("CN", "KE", "LA");
    assertThat(RecipientSelector.countriesTouched(example("tiger-network.json"))).containsExactly("LA", "VN");
    assertThat(RecipientSelector.countriesTouched(example("pangolin-online-market.json"))).containsExactly("CN");
  }

  @Test
  void tiger_network_reaches_the_lao_vietnamese_blo_and_the_named_ngo() {
    assertThat(ids(example("tiger-network.json")))
        .containsExactly("blo-namphao-cautreo", "la-cites", "la-customs", "la-ncb", "vn-customs", "vn-ncb", "wcs");
  }

  @Test
  void exclusions_remove_recipients_even_when_named() {
    assertThat(ids(ivoryWith(List.of("us-fws"), List.of("cn-customs", "us-fws", "not-in-directory"), "eia")))
        .doesNotContain("cn-customs", "us-fws")
        .contains("cn-ncb");
  }

  @Test
  void named_recipients_of_any_kind_but_auditor_are_added() {
    assertThat(ids(ivoryWith(List.of("us-fws", "interpol-envsec", "wcs"), List.of(), "eia")))
        .contains("us-fws", "interpol-envsec", "wcs");
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
}
