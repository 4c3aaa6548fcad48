package org.wildex.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wildex.routes.HubTestClient.member;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.Tlp;
import org.wildex.contracts.delivery.Delivery;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.directory.ParticipantKind;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.contracts.receipt.Receipt;
import org.wildex.crypto.cms.Cms;
import org.wildex.crypto.cms.Cms.Opened;
import org.wildex.crypto.pki.KeyHolder;
import org.wildex.crypto.pki.Pem;

/** The whole hub on real components: HTTPS with client certificates in, the embedded broker out, CMS both ways. */
class HubIT {

  @TempDir static Path dir;
  static Hub hub;
  static HubTestClient client;

  @BeforeAll
  static void startHub() throws Exception {
    List<Participant> participants =
        List.of(
            member("eia", ParticipantKind.NGO, Tlp.AMBER, "GB"),
            member("wcs", ParticipantKind.NGO, Tlp.AMBER, "US"),
            member("ncb-la", ParticipantKind.NCB, Tlp.AMBER_STRICT, "LA"),
            member("customs-la", ParticipantKind.CUSTOMS, Tlp.AMBER, "LA"),
            member("ncb-cn", ParticipantKind.NCB, Tlp.AMBER_STRICT, "CN"),
            member("customs-cn", ParticipantKind.CUSTOMS, Tlp.AMBER, "CN"),
            member("ncb-vn", ParticipantKind.NCB, Tlp.AMBER_STRICT, "VN"),
            member("blo-mohan-boten", ParticipantKind.BLO, Tlp.AMBER, "CN", "LA"));
    HubTestClient.createWorkdir(dir, participants);
    hub = HubTestClient.startHub(dir);
    client = new HubTestClient(hub, dir);
  }

  @AfterAll
  static void stopHub() throws Exception {
    if (hub != null) {
      hub.close();
    }
  }

  @Test
  void delivers_a_package_to_every_agency_on_its_route_redacted_to_each_clearance() throws Exception {
    UUID id = UUID.randomUUID();
    HttpResponse<String> answer = submit("eia", seal("eia", ivoryPackage(id, "eia")));
    assertThat(answer.statusCode()).isEqualTo(202);

    Receipt receipt = receipt("eia");
    assertThat(receipt.status()).isEqualTo("ACCEPTED");
    assertThat(receipt.packageId()).isEqualTo(id);
    assertThat(receipt.deliveries()).extracting(d -> d.recipient())
        .containsExactlyInAnyOrder("blo-mohan-boten", "customs-cn", "customs-la", "ncb-cn", "ncb-la");

    Map<String, Delivery> deliveries = new HashMap<>();
    for (String agency : List.of("blo-mohan-boten", "customs-cn", "customs-la", "ncb-cn", "ncb-la")) {
      byte[] sealed = take(agency, "wildex.deliver." + agency);
      assertThat(sealed).as("delivery to " + agency).isNotNull();
      Opened opened = Cms.open(sealed, keys(agency));
      assertThat(opened.signer()).isEqualTo(Pem.readCertificate(dir.resolve("pki/hub.crt.pem")));
      String json = new String(opened.content(), StandardCharsets.UTF_8);
      assertThat(json).doesNotContain("INFORMANT-JADE").doesNotContain("met at the night market");
      deliveries.put(agency, PackageCodec.fromJson(opened.content(), Delivery.class));
    }
    assertThat(take("ncb-vn", "wildex.deliver.ncb-vn", 500)).as("VN is not on the route").isNull();

    assertThat(deliveries.get("ncb-la").view().subjects().get(0).identifiers()).isNotEmpty();
    // customs correlate on the AMBER+STRICT passport without reading it: a token, its type and country withheld
    assertThat(deliveries.get("customs-la").view().subjects().get(0).identifiers())
        .singleElement().satisfies(i -> assertThat(i.value()).startsWith("ps1:").isNotEqualTo("E00000001"));
    assertThat(deliveries.get("customs-la").manifest().withheld()).extracting(w -> w.path()).contains("/subjects/0/identifiers/0/type");
    assertThat(deliveries.get("customs-la").manifest().transformed()).extracting(t -> t.path())
        .containsExactly("/subjects/0/identifiers/0/value");
    assertThat(new String(PackageCodec.toJson(deliveries.get("customs-la")), StandardCharsets.UTF_8)).doesNotContain("E00000001");
    assertThat(deliveries.values()).allSatisfy(d -> {
      assertThat(d.view().sources()).isNullOrEmpty();
      assertThat(d.manifest().sourcesWithheld()).isEqualTo(1);
      assertThat(d.packageId()).isEqualTo(id);
      assertThat(d.manifest().policyVersion()).isEqualTo(hub.policy().version());
    });
  }

  @Test
  void refuses_a_package_whose_signer_is_not_the_tls_client() throws Exception {
    byte[] sealed = seal("wcs", ivoryPackage(UUID.randomUUID(), "wcs"));
    HttpResponse<String> answer = submit("eia", sealed);
    assertThat(answer.statusCode()).isEqualTo(202);

    Receipt receipt = receipt("eia");
    assertThat(receipt.status()).isEqualTo("REJECTED");
    assertThat(receipt.reason()).isEqualTo(ReasonCode.SIGNER_NOT_CLIENT);
    assertThat(takeAsHub("wildex.quarantine")).isEqualTo(sealed);
    assertThat(take("ncb-la", "wildex.deliver.ncb-la", 500)).isNull();
  }

  @Test
  void rejects_a_contract_violation_with_its_reason_in_the_receipt() throws Exception {
    String broken = ivoryPackage(UUID.randomUUID(), "eia").replace("\"title\": \"Ivory\",", "");
    byte[] sealed = seal("eia", broken);
    assertThat(submit("eia", sealed).statusCode()).isEqualTo(202);

    Receipt receipt = receipt("eia");
    assertThat(receipt.status()).isEqualTo("REJECTED");
    assertThat(receipt.reason()).isEqualTo(ReasonCode.CONTRACT_INVALID);
    assertThat(takeAsHub("wildex.quarantine")).isEqualTo(sealed);
  }

  @Test
  void answers_a_body_that_is_not_cms_with_400_and_keeps_it_in_quarantine() throws Exception {
    byte[] garbage = "{\"not\": \"cms\"}".getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> answer = submit("eia", garbage);
    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.body()).contains("NOT_CMS");
    assertThat(takeAsHub("wildex.quarantine")).isEqualTo(garbage);
  }

  @Test
  void refuses_submissions_from_an_agency_certificate() throws Exception {
    HttpResponse<String> answer = submit("ncb-la", seal("ncb-la", ivoryPackage(UUID.randomUUID(), "ncb-la")));
    assertThat(answer.statusCode()).isEqualTo(403);
    assertThat(answer.body()).contains("CLIENT_NOT_NGO");
    assertThat(takeAsHub("wildex.quarantine")).isNotNull();
  }

  // --- helpers -------------------------------------------------------------------------------------------------


  static String ivoryPackage(UUID id, String originator) {
    return """
        {
          "id": "%s",
          "createdAt": "%s",
          "originator": {"org": "%s", "reference": "IT-1"},
          "title": "Ivory",
          "summary": "Raw tusks by air to Vientiane, then by road through Boten to Mohan.",
          "tlp": "AMBER",
          "subjects": [
            {"ref": "S1", "type": "PERSON", "name": "Subject One", "nationalities": ["CN"],
             "identifiers": [{"type": "PASSPORT", "value": "E00000001", "country": "CN"}]}
          ],
          "movements": [
            {"from": "LA", "to": "CN", "fromPlace": "Boten", "toPlace": "Mohan", "mode": "ROAD"}
          ],
          "sources": [
            {"ref": "INFORMANT-JADE", "type": "INFORMANT", "description": "met at the night market", "reliability": "B"}
          ],
          "requestedAction": "INTERDICT",
          "markings": {"/subjects/0/identifiers": "AMBER+STRICT"}
        }
        """.formatted(id, Instant.now(), originator);
  }

  static KeyHolder keys(String id) throws Exception {
    return client.keys(id);
  }

  static byte[] seal(String signer, String json) throws Exception {
    return Cms.seal(json.getBytes(StandardCharsets.UTF_8), keys(signer), Pem.readCertificate(dir.resolve("pki/hub.crt.pem")));
  }

  static HttpResponse<String> submit(String as, byte[] body) throws Exception {
    return client.submit(as, body);
  }

  static Receipt receipt(String ngo) throws Exception {
    return client.receipt(ngo);
  }

  static byte[] take(String as, String queue) throws Exception {
    return client.take(as, queue, 10_000);
  }

  static byte[] take(String as, String queue, long millis) throws Exception {
    return client.take(as, queue, millis);
  }

  static byte[] takeAsHub(String queue) throws Exception {
    return client.takeAsHub(queue, 10_000);
  }
}
