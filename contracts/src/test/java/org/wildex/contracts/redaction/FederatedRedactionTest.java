package org.wildex.contracts.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.wildex.contracts.Examples;
import org.wildex.contracts.TestDirectory;
import org.wildex.contracts.TestSharing;
import org.wildex.contracts.delivery.Delivery;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.pkg.IntelligencePackage;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.contracts.policy.Policy;

/**
 * Two regions' policies on one delivery: the origin withholds subjects' roles from NCBs and pseudonymises identifiers
 * for customs (the default), the receiving region withholds quantities from NCBs and identifiers from customs. What
 * arrives after both passes is what neither policy withholds, and it still verifies against the originator's root.
 */
class FederatedRedactionTest {

  private static final IntelligencePackage IVORY = PackageCodec.parse(Examples.bytes("ivory-shipment.json"));

  private static final Redactor ORIGIN = redactor("origin-1", """
        - id: origin.ncb-without-roles
          description: "The origin region keeps roles from NCBs."
          when:
            kinds: [NCB]
            paths: [/subjects/*/role]
          action: withhold
      """);
  private static final Redactor RECEIVING = redactor("receiving-1", """
        - id: receiving.ncb-without-quantities
          description: "The receiving region keeps quantities from NCBs."
          when:
            kinds: [NCB]
            paths: [/commodities/*/quantity]
          action: withhold
        - id: receiving.customs-without-identifiers
          description: "The receiving region keeps identifiers, even as tokens, from customs."
          when:
            kinds: [CUSTOMS]
            paths: [/subjects/*/identifiers/*/value]
          action: withhold
      """);

  @Test
  void a_field_either_policy_withholds_is_gone_and_the_proof_still_verifies() {
    Delivery twice = handedOverAndNarrowed("cn-ncb");
    String json = new String(PackageCodec.toJson(twice), StandardCharsets.UTF_8);
    assertThat(twice.view().subjects()).allSatisfy(s -> assertThat(s.role()).as("withheld by the origin").isNull());
    assertThat(twice.view().commodities()).allSatisfy(c -> assertThat(c.quantity()).as("withheld by the receiver").isNull());
    assertThat(twice.view().subjects().get(0).name()).as("what both share still arrives").isEqualTo("Chen Haoyu");
    assertThat(json).doesNotContain("buyer and financier", "\"quantity\"");
    assertThat(twice.manifest().withheld()).extracting(WithheldField::path)
        .contains("/commodities/0/quantity", "/subjects/0/role", "/subjects/1/role", "/subjects/2/role");
    assertThat(twice.manifest().withheld()).filteredOn(w -> w.path().equals("/commodities/0/quantity"))
        .extracting(WithheldField::rule).containsExactly("receiving.ncb-without-quantities");
    assertThat(twice.manifest().policyVersion()).isEqualTo("origin-1+receiving-1");

    ProofCheck.Result check = ProofCheck.verify(PackageCodec.toJson(twice), TestSharing.HASHER);
    assertThat(check.problems()).isEmpty();
    assertThat(check.revealed() + check.hidden()).isEqualTo(PackageLeaves.of(IVORY).size());
    assertThat(check.root()).isEqualTo(TestSharing.commit(PackageLeaves.of(IVORY)).root());
  }

  @Test
  void a_value_the_origin_transformed_and_the_receiver_withholds_is_gone_from_view_and_manifest_transforms() {
    Delivery once = handedOver("la-customs");
    assertThat(once.manifest().transformed()).as("the origin pseudonymised identifiers").isNotEmpty();
    Delivery twice = narrowed(once, "la-customs");
    assertThat(twice.view().subjects()).flatExtracting(s -> s.identifiers()).allSatisfy(i -> assertThat(i.value()).isNull());
    assertThat(twice.manifest().transformed()).noneMatch(t -> t.path().contains("/identifiers/"));
    assertThat(twice.manifest().withheld()).extracting(WithheldField::path).contains("/subjects/0/identifiers/0/value");
    assertThat(ProofCheck.verify(PackageCodec.toJson(twice), TestSharing.HASHER).problems()).isEmpty();
  }

  @Test
  void the_narrowed_view_is_exactly_what_both_policies_reveal() {
    for (String r : List.of("cn-ncb", "la-customs", "cn-cites", "blo-mohan-boten")) {
      Delivery once = handedOver(r);
      Delivery twice = narrowed(once, r);
      List<String> revealedOnce = revealed(once);
      List<String> revealedTwice = revealed(twice);
      assertThat(revealedOnce).as(r).containsAll(revealedTwice);
      // the receiving policy on its own, on the original: it reveals everything the narrowed view reveals
      Redactor.Prepared alone = RECEIVING.prepare(PackageLeaves.of(IVORY), TestSharing.commit(PackageLeaves.of(IVORY)));
      List<String> receivingAlone = alone.redact(who(r)).map(v -> v.manifest().proof().leaves().stream()
          .filter(ProofLeaf::revealed).map(ProofLeaf::path).toList()).orElse(List.of());
      assertThat(receivingAlone).as(r).containsAll(revealedTwice);
      assertThat(ProofCheck.verify(PackageCodec.toJson(twice), TestSharing.HASHER).problems()).as(r).isEmpty();
    }
  }

  @Test
  void a_value_altered_between_the_hubs_fails_the_proof() {
    Delivery once = handedOver("cn-ncb");
    byte[] tampered = new String(PackageCodec.toJson(once), StandardCharsets.UTF_8)
        .replace("Chen Haoyu", "Chen Haoyi").getBytes(StandardCharsets.UTF_8);
    Delivery twice = narrowed(PackageCodec.fromJson(tampered, Delivery.class), "cn-ncb");
    assertThat(ProofCheck.verify(PackageCodec.toJson(twice), TestSharing.HASHER).problems())
        .anyMatch(p -> p.contains("Merkle root mismatch"));
  }

  @Test
  void a_delivery_without_proof_cannot_be_narrowed() {
    Delivery once = handedOver("cn-ncb");
    RedactionManifest m = once.manifest();
    Delivery bare = new Delivery(once.deliveryId(), once.packageId(), once.originator(), once.recipient(), once.level(),
        once.routedAt(), once.routedBy(), new RedactionManifest(m.policyVersion(), m.withheld(), m.transformed(),
            m.sourcesWithheld(), null), once.view());
    assertThatThrownBy(() -> FederatedRedaction.narrow(bare, RECEIVING, who("cn-ncb"), TestSharing.HASHER))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Delivery handedOverAndNarrowed(String recipient) {
    return narrowed(handedOver(recipient), recipient);
  }

  /** The origin's delivery as the receiving hub reads it: through its JSON. */
  private static Delivery handedOver(String recipient) {
    PackageLeaves leaves = PackageLeaves.of(IVORY);
    RedactedView v = ORIGIN.prepare(leaves, TestSharing.commit(leaves)).redact(who(recipient)).orElseThrow();
    Delivery d = new Delivery(UUID.nameUUIDFromBytes(recipient.getBytes(StandardCharsets.UTF_8)), IVORY.id(), "eia",
        recipient, v.level(), Instant.parse("2024-03-05T00:00:00Z"), "route.interdict", v.manifest(), v.view());
    return PackageCodec.fromJson(PackageCodec.toJson(d), Delivery.class);
  }

  private static Delivery narrowed(Delivery once, String recipient) {
    RedactedView v = FederatedRedaction.narrow(once, RECEIVING, who(recipient), TestSharing.HASHER).orElseThrow();
    Delivery d = new Delivery(once.deliveryId(), once.packageId(), once.originator(), once.recipient(), v.level(),
        once.routedAt(), once.routedBy(), v.manifest(), v.view());
    return PackageCodec.fromJson(PackageCodec.toJson(d), Delivery.class);
  }

  private static List<String> revealed(Delivery d) {
    return d.manifest().proof().leaves().stream().filter(ProofLeaf::revealed).map(ProofLeaf::path).toList();
  }

  private static Participant who(String id) {
    return TestDirectory.participant(id);
  }

  private static Redactor redactor(String version, String rules) {
    String text = Policy.defaultText()
        .replaceFirst("(?m)^version: .*$", "version: \"" + version + "\"")
        .replaceFirst("(?m)^rules:\n", "rules:\n" + rules);
    return new Redactor(Policy.parse(text, version), TestSharing.PSEUDONYMS);
  }
}
