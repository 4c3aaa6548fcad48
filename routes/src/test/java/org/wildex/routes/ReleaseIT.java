package org.wildex.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wildex.routes.HubTestClient.member;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.Tlp;
import org.wildex.contracts.audit.AuditEvent;
import org.wildex.contracts.audit.AuditEventType;
import org.wildex.contracts.delivery.Delivery;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.directory.ParticipantKind;
import org.wildex.contracts.lifecycle.ReleaseDecision;
import org.wildex.contracts.lifecycle.ReleaseDeclined;
import org.wildex.contracts.lifecycle.ReleaseRequest;
import org.wildex.contracts.lifecycle.ReleaseRequestNotice;
import org.wildex.contracts.pkg.IntelligencePackage;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.contracts.receipt.Receipt;
import org.wildex.contracts.redaction.ProofCheck;
import org.wildex.contracts.redaction.WithheldField;
import org.wildex.crypto.cms.Cms;
import org.wildex.crypto.pki.Pem;
import org.wildex.routes.audit.AuditEntry;
import org.wildex.routes.process.PackageCommitter;

/**
 * Release requests end to end on the real hub: a CITES authority asks over HTTPS for the carrier references the
 * policy withheld from it, the originator gets the request on its receipts address and answers over HTTPS, the agency
 * takes the new delivery over the broker and checks it against the root of the one it had; refusals with reason codes.
 */
class ReleaseIT {

  static final String CARRIERS = "/movements/0/carrierRefs";

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
            member("cites-la", ParticipantKind.CITES_MA, Tlp.AMBER, "LA"),
            member("customs-la", ParticipantKind.CUSTOMS, Tlp.AMBER, "LA"));
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
  void the_originator_releases_a_withheld_path_and_the_new_delivery_proves_against_the_same_root() throws Exception {
    Submitted pkg = submit();
    byte[] signed = takeSigned("cites-la");
    Delivery first = delivery(signed);
    assertThat(first.manifest().withheld()).contains(new WithheldField(CARRIERS, Tlp.AMBER, "cites.withhold-carriers"));
    assertThat(first.view().movements().get(0).carrierRefs()).isEmpty();

    HttpResponse<String> asked = request("cites-la", pkg.id(), List.of(CARRIERS), signed);
    assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);
    String requestId = field(asked.body(), "requestId");

    // the originator is asked: ids, the agency, the paths, the justification; no content
    ReleaseRequestNotice notice = open("eia", client.take("eia", "wildex.receipts.eia", 20_000), ReleaseRequestNotice.class);
    assertThat(notice.kind()).isEqualTo(ReleaseRequestNotice.KIND);
    assertThat(notice.requestId().toString()).isEqualTo(requestId);
    assertThat(notice.requester()).isEqualTo("cites-la");
    assertThat(notice.deliveryId()).isEqualTo(first.deliveryId());
    assertThat(notice.paths()).containsExactly(CARRIERS);
    assertThat(notice.justification()).isEqualTo("the truck is expected at the Thanaleng checkpoint tonight");

    HttpResponse<String> approved = decide("eia", notice.requestId(), pkg.id(), true, pkg.sealed());
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(202);

    // the agency's new delivery: the path released, the proof against the root it already holds
    byte[] sealedRelease = client.take("cites-la", "wildex.deliver.cites-la", 20_000);
    Cms.Opened opened = Cms.open(sealedRelease, client.keys("cites-la"));
    Delivery released = PackageCodec.fromJson(opened.content(), Delivery.class);
    assertThat(released.packageId()).isEqualTo(pkg.id());
    assertThat(released.deliveryId()).isNotEqualTo(first.deliveryId());
    assertThat(released.routedBy()).isEqualTo("release:" + requestId);
    assertThat(released.view().movements().get(0).carrierRefs()).containsExactly("AWB 706-5550 1234", "flight KQ 886");
    assertThat(released.view().sources()).isEmpty();
    assertThat(released.manifest().withheld()).extracting(WithheldField::path).doesNotContain(CARRIERS)
        .contains("/movements/1/carrierRefs", "/sources");
    ProofCheck.Result proof = ProofCheck.verify(opened.content(), PackageCommitter.HASHER);
    assertThat(proof.ok()).as(String.join("; ", proof.problems())).isTrue();
    assertThat(released.manifest().proof().root()).isEqualTo(first.manifest().proof().root());

    // the trail: requested and released, ids and hashes only
    List<AuditEvent> trail = awaitTrail(pkg.id(), AuditEventType.RELEASED);
    assertThat(trail).filteredOn(e -> e.type() == AuditEventType.RELEASE_REQUESTED).singleElement().satisfies(e -> {
      assertThat(e.trackingId()).isEqualTo(requestId);
      assertThat(e.recipient()).isEqualTo("cites-la");
      assertThat(e.deliveryId()).isEqualTo(first.deliveryId().toString());
    });
    assertThat(trail).filteredOn(e -> e.type() == AuditEventType.RELEASED).singleElement().satisfies(e -> {
      assertThat(e.deliveryId()).isEqualTo(released.deliveryId().toString());
      assertThat(e.rule()).isEqualTo("release:" + first.deliveryId());
    });
    assertThat(trail.toString()).doesNotContain("Thanaleng").doesNotContain("AWB 706");
    assertThat(hub.metrics().registry().get("wildex.release.requests").tag("stage", "approved").counter().count())
        .isGreaterThanOrEqualTo(1.0);

    // a replayed decision is refused and changes nothing
    HttpResponse<String> again = decide("eia", notice.requestId(), pkg.id(), true, pkg.sealed());
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("REQUEST_DECIDED");
    assertThat(client.take("cites-la", "wildex.deliver.cites-la", 1_000)).isNull();
  }

  @Test
  void a_declined_request_tells_the_agency_and_releases_nothing() throws Exception {
    Submitted pkg = submit();
    byte[] signed = takeSigned("cites-la");
    HttpResponse<String> asked = request("cites-la", pkg.id(), List.of("/movements/1/carrierRefs"), signed);
    assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);
    ReleaseRequestNotice notice = open("eia", client.take("eia", "wildex.receipts.eia", 20_000), ReleaseRequestNotice.class);

    HttpResponse<String> declined = decide("eia", notice.requestId(), pkg.id(), false, null);
    assertThat(declined.statusCode()).as(declined.body()).isEqualTo(202);
    ReleaseDeclined answer = open("cites-la", client.take("cites-la", "wildex.deliver.cites-la", 20_000),
        ReleaseDeclined.class);
    assertThat(answer.kind()).isEqualTo(ReleaseDeclined.KIND);
    assertThat(answer.requestId()).isEqualTo(notice.requestId());
    assertThat(answer.paths()).containsExactly("/movements/1/carrierRefs");
    assertThat(answer.text()).isEqualTo("the operation is still running");
    assertThat(awaitTrail(pkg.id(), AuditEventType.RELEASE_DECLINED)).extracting(AuditEvent::type)
        .doesNotContain(AuditEventType.RELEASED);
  }

  @Test
  void refuses_requests_and_decisions_that_are_not_allowed_with_a_reason_code() throws Exception {
    Submitted pkg = submit();
    byte[] citesDelivery = takeSigned("cites-la");
    assertThat(client.take("customs-la", "wildex.deliver.customs-la", 10_000)).isNotNull();

    // requests: another agency's delivery, a path not withheld, a path no originator can release, a forged delivery
    assertRefused(request("customs-la", pkg.id(), List.of(CARRIERS), citesDelivery), 403, ReasonCode.NOT_RECIPIENT);
    assertRefused(request("cites-la", pkg.id(), List.of("/title"), citesDelivery), 422, ReasonCode.PATH_NOT_WITHHELD);
    assertRefused(request("cites-la", pkg.id(), List.of("/sources"), citesDelivery), 403, ReasonCode.PATH_NOT_RELEASABLE);
    // a token the guarantee let through above the agency's clearance (AMBER+STRICT for AMBER): never released
    assertRefused(request("cites-la", pkg.id(), List.of("/subjects/0/name"), citesDelivery), 403, ReasonCode.PATH_NOT_RELEASABLE);
    byte[] forged = Cms.sign(Cms.verify(citesDelivery).content(), client.keys("cites-la"));
    assertRefused(request("cites-la", pkg.id(), List.of(CARRIERS), forged), 422, ReasonCode.REQUEST_INVALID);
    byte[] signedByOther = seal("customs-la", PackageCodec.toJson(new ReleaseRequest(pkg.id(), List.of(CARRIERS),
        "why", Instant.now(), Base64.getEncoder().encodeToString(citesDelivery))));
    assertRefused(client.post("cites-la", "/api/v1/packages/" + pkg.id() + "/release-requests", signedByOther,
        "application/pkcs7-mime"), 403, ReasonCode.SIGNER_NOT_CLIENT);

    // decisions: for an unknown request, by another NGO, an approval without the package as accepted
    assertRefused(decide("eia", UUID.randomUUID(), pkg.id(), false, null), 404, ReasonCode.REQUEST_UNKNOWN);
    HttpResponse<String> asked = request("cites-la", pkg.id(), List.of(CARRIERS), citesDelivery);
    assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);
    ReleaseRequestNotice notice = open("eia", client.take("eia", "wildex.receipts.eia", 20_000), ReleaseRequestNotice.class);
    assertRefused(decide("wcs", notice.requestId(), pkg.id(), true, pkg.sealed()), 403, ReasonCode.NOT_ORIGINATOR);
    Submitted other = submit();
    assertThat(client.take("cites-la", "wildex.deliver.cites-la", 10_000)).isNotNull();
    assertRefused(decide("eia", notice.requestId(), pkg.id(), true, other.sealed()), 422, ReasonCode.REQUEST_INVALID);

    // none of it released anything
    assertThat(client.take("cites-la", "wildex.deliver.cites-la", 1_000)).isNull();
    List<AuditEvent> trail = awaitTrail(pkg.id(), AuditEventType.RELEASE_REQUESTED);
    assertThat(trail).extracting(AuditEvent::type).doesNotContain(AuditEventType.RELEASED);
    assertThat(trail.stream().filter(e -> e.type() == AuditEventType.REJECTED).map(AuditEvent::reason))
        .contains(ReasonCode.NOT_RECIPIENT, ReasonCode.PATH_NOT_WITHHELD, ReasonCode.PATH_NOT_RELEASABLE,
            ReasonCode.NOT_ORIGINATOR);
  }

  // --- helpers -------------------------------------------------------------------------------------------------

  /** A submitted package: its id and the sealed bytes sent (what an approval carries). */
  record Submitted(UUID id, byte[] sealed) {}

  /**
   * Submits, as eia, a committed package whose two road legs carry references and whose subject's name is above the
   * CITES authority's clearance, and waits for its receipt.
   */
  private static Submitted submit() throws Exception {
    UUID id = UUID.randomUUID();
    String json = """
        {
          "id": "%s",
          "createdAt": "%s",
          "originator": {"org": "eia", "reference": "IT-REL"},
          "title": "Ivory by truck",
          "tlp": "AMBER",
          "subjects": [{"ref": "S1", "type": "PERSON", "name": "Subject One", "nationalities": ["LA"]}],
          "movements": [
            {"from": "TH", "to": "LA", "mode": "ROAD", "carrierRefs": ["AWB 706-5550 1234", "flight KQ 886"]},
            {"from": "LA", "to": "VN", "mode": "ROAD", "carrierRefs": ["truck plate LA 8821"]}
          ],
          "sources": [{"ref": "SRC-1", "type": "INFORMANT", "description": "a driver", "reliability": "B"}],
          "requestedAction": "INTERDICT",
          "markings": {"/subjects/0/name": "AMBER+STRICT"}
        }
        """.formatted(id, Instant.now());
    IntelligencePackage committed = PackageCommitter.commit(PackageCodec.parse(json.getBytes(StandardCharsets.UTF_8)),
        client.keys("eia"));
    byte[] sealed = seal("eia", PackageCodec.toJson(committed));
    assertThat(client.submit("eia", sealed).statusCode()).isEqualTo(202);
    Receipt receipt = client.receipt("eia");
    assertThat(receipt.status()).as(receipt.detail()).isEqualTo(Receipt.ACCEPTED);
    return new Submitted(id, sealed);
  }

  /** The agency's next delivery as the hub signed it: decrypted, not yet verified (what a request carries). */
  private static byte[] takeSigned(String agency) throws Exception {
    byte[] sealed = client.take(agency, "wildex.deliver." + agency, 10_000);
    assertThat(sealed).as("a delivery for " + agency).isNotNull();
    return Cms.decrypt(sealed, client.keys(agency));
  }

  private static Delivery delivery(byte[] signed) throws Exception {
    return PackageCodec.fromJson(Cms.verify(signed).content(), Delivery.class);
  }

  private static HttpResponse<String> request(String as, UUID packageId, List<String> paths, byte[] signedDelivery)
      throws Exception {
    ReleaseRequest request = new ReleaseRequest(packageId, paths,
        "the truck is expected at the Thanaleng checkpoint tonight", Instant.now(),
        Base64.getEncoder().encodeToString(signedDelivery));
    return client.post(as, "/api/v1/packages/" + packageId + "/release-requests", seal(as, PackageCodec.toJson(request)),
        "application/pkcs7-mime");
  }

  private static HttpResponse<String> decide(String as, UUID requestId, UUID packageId, boolean approve,
      byte[] submission) throws Exception {
    ReleaseDecision decision = new ReleaseDecision(requestId, packageId, approve,
        approve ? null : "the operation is still running",
        submission == null ? null : Base64.getEncoder().encodeToString(submission), Instant.now());
    return client.post(as, "/api/v1/release-requests/" + requestId + "/decision", seal(as, PackageCodec.toJson(decision)),
        "application/pkcs7-mime");
  }

  private static void assertRefused(HttpResponse<String> answer, int status, ReasonCode reason) {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
    assertThat(answer.body()).contains(reason.name());
  }

  private static byte[] seal(String signer, byte[] json) throws Exception {
    return Cms.seal(json, client.keys(signer), Pem.readCertificate(dir.resolve("pki/hub.crt.pem")));
  }

  private static <T> T open(String as, byte[] sealed, Class<T> type) throws Exception {
    assertThat(sealed).as("a message for " + as).isNotNull();
    Cms.Opened opened = Cms.open(sealed, client.keys(as));
    assertThat(opened.signer()).isEqualTo(Pem.readCertificate(dir.resolve("pki/hub.crt.pem")));
    return PackageCodec.fromJson(opened.content(), type);
  }

  private static String field(String json, String name) {
    int i = json.indexOf("\"" + name + "\":\"") + name.length() + 4;
    return json.substring(i, json.indexOf('"', i));
  }

  /** The package's own events once the trail holds one of {@code type}. */
  private static List<AuditEvent> awaitTrail(UUID id, AuditEventType type) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    List<AuditEvent> events = List.of();
    while (Instant.now().isBefore(deadline)) {
      events = hub.audit().store().trail(id.toString()).stream().map(AuditEntry::event).toList();
      if (events.stream().anyMatch(e -> e.type() == type)) {
        Thread.sleep(300);
        return hub.audit().store().trail(id.toString()).stream().map(AuditEntry::event).toList();
      }
      Thread.sleep(100);
    }
    return events;
  }
}
