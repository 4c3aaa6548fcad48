package org.wildex.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.Tlp;
import org.wildex.contracts.delivery.Delivery;
import org.wildex.contracts.directory.Directory;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.directory.ParticipantKind;
import org.wildex.contracts.pkg.Commitment;
import org.wildex.contracts.pkg.IntelligencePackage;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.contracts.policy.Policy;
import org.wildex.contracts.receipt.Receipt;
import org.wildex.contracts.redaction.ProofCheck;
import org.wildex.crypto.cms.Cms;
import org.wildex.crypto.pki.DemoPki;
import org.wildex.crypto.pki.Pem;
import org.wildex.routes.process.PackageCommitter;
import org.wildex.routes.support.FreePorts;

/**
 * Sharing on the real hub: the policy file in the workdir decides (its version in every manifest), pseudonyms link
 * across packages, a package committed by its originator arrives with the originator's signed root, and a commitment
 * that does not match the package, or is signed by someone else, is refused with COMMITMENT_MISMATCH.
 */
class SharingIT {

  @TempDir static Path dir;
  static Hub hub;
  static HubTestClient client;

  @BeforeAll
  static void startHub() throws Exception {
    List<Participant> participants = List.of(
        member("eia", ParticipantKind.NGO, Tlp.AMBER, "GB"),
        member("wcs", ParticipantKind.NGO, Tlp.AMBER, "US"),
        member("ncb-la", ParticipantKind.NCB, Tlp.AMBER_STRICT, "LA"),
        member("customs-la", ParticipantKind.CUSTOMS, Tlp.AMBER, "LA"),
        member("ncb-cn", ParticipantKind.NCB, Tlp.AMBER_STRICT, "CN"));
    List<DemoPki.Subject> subjects = new ArrayList<>();
    participants.forEach(p -> subjects.add(new DemoPki.Subject(p.id(), p.name(), DemoPki.KeyType.EC_P256)));
    DemoPki.create(dir.resolve("pki"), subjects);
    Directory.write(dir.resolve("directory.yaml"), "pki/ca.crt.pem", "pki/hub.crt.pem", participants);
    Files.writeString(dir.resolve("policy.yaml"),
        Policy.defaultText().replace("version: \"wildex-default-2026.1\"", "version: \"sharing-it-7\""));
    hub = Hub.start(HubSettings.defaults(dir).withPorts(FreePorts.next(), FreePorts.next()));
    client = new HubTestClient(hub, dir);
  }

  @AfterAll
  static void stopHub() throws Exception {
    if (hub != null) {
      hub.close();
    }
  }

  @Test
  void the_workdir_policy_decides_and_a_committed_package_carries_the_originators_signed_root() throws Exception {
    assertThat(hub.policy().version()).isEqualTo("sharing-it-7");
    IntelligencePackage committed = PackageCommitter.commit(pkg(UUID.randomUUID(), "LA-01-2019-0457", null), client.keys("eia"));
    assertThat(client.submit("eia", seal("eia", PackageCodec.toJson(committed))).statusCode()).isEqualTo(202);
    assertThat(client.receipt("eia").status()).isEqualTo(Receipt.ACCEPTED);

    byte[] json = opened("customs-la");
    Delivery d = PackageCodec.fromJson(json, Delivery.class);
    assertThat(d.manifest().policyVersion()).isEqualTo("sharing-it-7");
    assertThat(d.routedBy()).isEqualTo("route.interdict");
    assertThat(new String(json, StandardCharsets.UTF_8)).doesNotContain("LA-01-2019-0457").doesNotContain(committed.commitment().seed());
    ProofCheck.Result proof = ProofCheck.verify(json, PackageCommitter.HASHER);
    assertThat(proof.problems()).isEmpty();
    assertThat(proof.root()).isEqualTo(committed.commitment().root());
    assertThat(proof.rootSignedBy()).isEqualTo("eia");
    assertThat(Cms.verifyDetached(Base64.getDecoder().decode(proof.rootSignature()), Commitment.statement(d.packageId(), proof.root())))
        .isEqualTo(Pem.readCertificate(dir.resolve("pki/eia.crt.pem")));
    opened("ncb-la");
    opened("ncb-cn");
  }

  @Test
  void the_same_identifier_written_two_ways_gives_the_same_token_in_two_packages() throws Exception {
    submitPlain(pkg(UUID.randomUUID(), "LA-01-2019-0457", null));
    String first = PackageCodec.fromJson(opened("customs-la"), Delivery.class).view().subjects().get(0).identifiers().get(0).value();
    drain("ncb-la", "ncb-cn");
    submitPlain(pkg(UUID.randomUUID(), "la 01 2019 0457", null));
    String second = PackageCodec.fromJson(opened("customs-la"), Delivery.class).view().subjects().get(0).identifiers().get(0).value();
    drain("ncb-la", "ncb-cn");
    assertThat(first).startsWith("ps1:").isEqualTo(second);
  }

  @Test
  void a_package_changed_after_its_originator_committed_is_refused() throws Exception {
    IntelligencePackage committed = PackageCommitter.commit(pkg(UUID.randomUUID(), "LA-01-2019-0457", null), client.keys("eia"));
    String altered = new String(PackageCodec.toJson(committed), StandardCharsets.UTF_8).replace("Golden Lotus", "Silver Lotus");
    byte[] sealed = seal("eia", altered.getBytes(StandardCharsets.UTF_8));
    assertThat(client.submit("eia", sealed).statusCode()).isEqualTo(202);
    Receipt receipt = client.receipt("eia");
    assertThat(receipt.reason()).isEqualTo(ReasonCode.COMMITMENT_MISMATCH);
    assertThat(receipt.detail()).contains("/commitment/root");
    assertThat(client.takeAsHub("wildex.quarantine", 10_000)).isEqualTo(sealed);
  }

  @Test
  void a_commitment_signature_that_is_not_cms_is_refused_without_exception_names() throws Exception {
    IntelligencePackage committed = PackageCommitter.commit(pkg(UUID.randomUUID(), "LA-01-2019-0457", null), client.keys("eia"));
    Commitment c = committed.commitment();
    IntelligencePackage broken = committed.withCommitment(new Commitment(c.scheme(), c.seed(), c.root(), "MIIBAAAA"));
    assertThat(client.submit("eia", seal("eia", PackageCodec.toJson(broken))).statusCode()).isEqualTo(202);
    Receipt receipt = client.receipt("eia");
    assertThat(receipt.reason()).isEqualTo(ReasonCode.COMMITMENT_MISMATCH);
    assertThat(receipt.detail()).contains("/commitment/signature").doesNotContain("Exception");
    client.takeAsHub("wildex.quarantine", 10_000);
  }

  @Test
  void a_root_signed_by_another_participant_is_refused() throws Exception {
    IntelligencePackage byWcs = PackageCommitter.commit(pkg(UUID.randomUUID(), "LA-01-2019-0457", null), client.keys("wcs"));
    assertThat(client.submit("eia", seal("eia", PackageCodec.toJson(byWcs))).statusCode()).isEqualTo(202);
    Receipt receipt = client.receipt("eia");
    assertThat(receipt.reason()).isEqualTo(ReasonCode.COMMITMENT_MISMATCH);
    assertThat(receipt.detail()).contains("/commitment/signature");
    client.takeAsHub("wildex.quarantine", 10_000);
  }

  @Test
  void an_expired_package_is_refused() throws Exception {
    Receipt receipt = submitPlain(pkg(UUID.randomUUID(), "LA-01-2019-0457", "2020-01-01T00:00:00Z"));
    assertThat(receipt.reason()).isEqualTo(ReasonCode.PACKAGE_EXPIRED);
    client.takeAsHub("wildex.quarantine", 10_000);
  }

  // --- helpers -------------------------------------------------------------------------------------------------

  static Participant member(String id, ParticipantKind kind, Tlp clearance, String country) {
    return new Participant(id, kind, "Org " + id, List.of(country), clearance, "pki/" + id + ".crt.pem");
  }

  static IntelligencePackage pkg(UUID id, String registration, String expires) {
    String handling = expires == null ? "" : "\"handling\": {\"expires\": \"" + expires + "\"},";
    return PackageCodec.parse("""
        {
          "id": "%s", "createdAt": "%s", "originator": {"org": "eia", "reference": "IT-2"}, "title": "Ivory via Boten",
          "tlp": "AMBER", %s
          "subjects": [
            {"ref": "S1", "type": "ORGANISATION", "name": "Golden Lotus Trading", "country": "LA",
             "identifiers": [{"type": "COMPANY_REGISTRATION", "value": "%s", "country": "LA"}]}
          ],
          "movements": [{"from": "LA", "to": "CN", "fromPlace": "Boten", "toPlace": "Mohan", "mode": "ROAD"}],
          "requestedAction": "INTERDICT"
        }
        """.formatted(id, Instant.now(), handling, registration).getBytes(StandardCharsets.UTF_8));
  }

  static Receipt submitPlain(IntelligencePackage p) throws Exception {
    assertThat(client.submit("eia", seal("eia", PackageCodec.toJson(p))).statusCode()).isEqualTo(202);
    Receipt receipt = client.receipt("eia");
    if (p.handling() == null) {
      assertThat(receipt.status()).as(receipt.detail()).isEqualTo(Receipt.ACCEPTED);
    }
    return receipt;
  }

  static byte[] seal(String signer, byte[] json) throws Exception {
    return Cms.seal(json, client.keys(signer), Pem.readCertificate(dir.resolve("pki/hub.crt.pem")));
  }

  static byte[] opened(String agency) throws Exception {
    byte[] sealed = client.take(agency, "wildex.deliver." + agency, 10_000);
    assertThat(sealed).as("delivery to " + agency).isNotNull();
    return Cms.open(sealed, client.keys(agency)).content();
  }

  static void drain(String... agencies) throws Exception {
    for (String a : agencies) {
      opened(a);
    }
  }
}
