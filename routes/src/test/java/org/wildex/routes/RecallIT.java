package org.wildex.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wildex.routes.HubTestClient.member;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
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
import org.wildex.contracts.lifecycle.RecallNotice;
import org.wildex.contracts.lifecycle.RecallOutcome;
import org.wildex.contracts.lifecycle.RecallReason;
import org.wildex.contracts.lifecycle.RecallReceipt;
import org.wildex.contracts.lifecycle.RecallRequest;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.contracts.receipt.Receipt;
import org.wildex.crypto.cms.Cms;
import org.wildex.crypto.pki.Pem;
import org.wildex.routes.audit.AuditEntry;

/**
 * Recall end to end on the real hub: the originator's sealed request over HTTPS, deliveries taken off the agencies'
 * queues over the broker, notices and the recall receipt opened as the participants open them, the trail read back.
 */
class RecallIT {

  static final List<String> IVORY_AGENCIES = List.of("blo-mohan-boten", "customs-cn", "customs-la", "ncb-cn", "ncb-la");

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
  void withdraws_exactly_the_deliveries_still_waiting_and_tells_those_who_took_theirs() throws Exception {
    UUID id = submitIvory("eia");
    // two agencies take their delivery before the recall; the other three never see theirs
    Delivery taken = open("ncb-la", client.take("ncb-la", "wildex.deliver.ncb-la", 10_000), Delivery.class);
    assertThat(taken.packageId()).isEqualTo(id);
    assertThat(client.take("customs-cn", "wildex.deliver.customs-cn", 10_000)).isNotNull();

    HttpResponse<String> answer = recall("eia", id, new RecallRequest(id, RecallReason.SOURCE_AT_RISK,
        "the informant was seen with the buyer", Instant.now()));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    String recallId = field(answer.body(), "recallId");

    RecallReceipt receipt = open("eia", client.take("eia", "wildex.receipts.eia", 20_000), RecallReceipt.class);
    assertThat(receipt.kind()).isEqualTo(RecallReceipt.KIND);
    assertThat(receipt.recallId().toString()).isEqualTo(recallId);
    assertThat(receipt.packageId()).isEqualTo(id);
    assertThat(receipt.reason()).isEqualTo(RecallReason.SOURCE_AT_RISK);
    Map<String, String> outcomes =
        receipt.recipients().stream().collect(Collectors.toMap(RecallOutcome::recipient, RecallOutcome::outcome));
    assertThat(outcomes).containsOnly(
        Map.entry("ncb-la", RecallOutcome.EXPOSED),
        Map.entry("customs-cn", RecallOutcome.EXPOSED),
        Map.entry("customs-la", RecallOutcome.WITHDRAWN),
        Map.entry("ncb-cn", RecallOutcome.WITHDRAWN),
        Map.entry("blo-mohan-boten", RecallOutcome.WITHDRAWN));

    // the two that took theirs get a signed notice naming their delivery; the rest find their queue empty
    RecallNotice notice = open("ncb-la", client.take("ncb-la", "wildex.deliver.ncb-la", 10_000), RecallNotice.class);
    assertThat(notice.kind()).isEqualTo(RecallNotice.KIND);
    assertThat(notice.deliveryId()).isEqualTo(taken.deliveryId());
    assertThat(notice.packageId()).isEqualTo(id);
    assertThat(notice.reason()).isEqualTo(RecallReason.SOURCE_AT_RISK);
    assertThat(notice.text()).isEqualTo("the informant was seen with the buyer");
    assertThat(open("customs-cn", client.take("customs-cn", "wildex.deliver.customs-cn", 10_000), RecallNotice.class)
        .recipient()).isEqualTo("customs-cn");
    for (String agency : List.of("customs-la", "ncb-cn", "blo-mohan-boten")) {
      assertThat(client.take(agency, "wildex.deliver." + agency, 500)).as(agency).isNull();
    }

    // the trail: RECALLED per delivery with the recall's reason code and outcome, never the text
    List<AuditEntry> trail = awaitTrail(id.toString(), 5);
    List<AuditEvent> recalled = trail.stream().map(AuditEntry::event)
        .filter(e -> e.type() == AuditEventType.RECALLED).toList();
    assertThat(recalled).hasSize(5).allSatisfy(e -> {
      assertThat(e.reason()).isEqualTo(ReasonCode.RECALL_SOURCE_AT_RISK);
      assertThat(e.trackingId()).isEqualTo(recallId);
      assertThat(e.originator()).isEqualTo("eia");
    });
    assertThat(recalled).extracting(AuditEvent::recipient, AuditEvent::rule).contains(
        org.assertj.core.groups.Tuple.tuple("ncb-la", "EXPOSED"), org.assertj.core.groups.Tuple.tuple("ncb-cn", "WITHDRAWN"));
    assertThat(trail.toString()).doesNotContain("informant was seen");
    // withdrawing is no dead-lettering, and a withdrawn delivery is no delivery
    assertThat(trail).extracting(e -> e.event().type()).doesNotContain(AuditEventType.DEAD_LETTERED);
    assertThat(trail.stream().map(AuditEntry::event).filter(e -> e.type() == AuditEventType.DELIVERED))
        .extracting(AuditEvent::recipient).containsOnly("ncb-la", "customs-cn");
    // nothing set aside is kept once the recall is recorded
    assertThat(hub.broker().server().locateQueue("wildex.withdrawn").getMessageCount()).isZero();

    // the recall receipt is kept like a submission's: by recall id, and by package id as the newest receipt
    for (String id2 : List.of(recallId, id.toString())) {
      HttpResponse<byte[]> kept = null;
      for (int i = 0; i < 50 && (kept == null || kept.statusCode() != 200); i++) {
        kept = client.get("eia", "/api/v1/packages/" + id2 + "/receipt");
        Thread.sleep(100);
      }
      assertThat(kept.statusCode()).isEqualTo(200);
      assertThat(open("eia", kept.body(), RecallReceipt.class).recallId().toString()).isEqualTo(recallId);
    }

    // a second recall of the same package is refused, naming the first
    HttpResponse<String> again = recall("eia", id, new RecallRequest(id, RecallReason.INACCURATE, null, Instant.now()));
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("PACKAGE_RECALLED").contains(recallId);
  }

  @Test
  void a_delivery_taken_but_given_back_after_the_recall_never_reaches_a_consumer_again() throws Exception {
    UUID id = submitIvory("eia");
    try (jakarta.jms.Connection holder = client.connect("ncb-cn")) {
      holder.start();
      jakarta.jms.Session session = holder.createSession(false, jakarta.jms.Session.CLIENT_ACKNOWLEDGE);
      jakarta.jms.MessageConsumer consumer = session.createConsumer(session.createQueue("wildex.deliver.ncb-cn"));
      assertThat(consumer.receive(10_000)).as("ncb-cn holds its delivery, unacknowledged").isNotNull();

      assertThat(recall("eia", id, new RecallRequest(id, RecallReason.INACCURATE, null, Instant.now())).statusCode())
          .isEqualTo(202);
      RecallReceipt receipt = open("eia", client.take("eia", "wildex.receipts.eia", 20_000), RecallReceipt.class);
      assertThat(receipt.recipients()).filteredOn(o -> o.recipient().equals("ncb-cn"))
          .extracting(RecallOutcome::outcome).containsExactly(RecallOutcome.EXPOSED);
      consumer.close();
      session.close(); // gives the unacknowledged delivery back to the broker
    }
    // what ncb-cn finds now is the notice, never the delivery it gave back
    RecallNotice notice = open("ncb-cn", client.take("ncb-cn", "wildex.deliver.ncb-cn", 10_000), RecallNotice.class);
    assertThat(notice.packageId()).isEqualTo(id);
    assertThat(client.take("ncb-cn", "wildex.deliver.ncb-cn", 1_000)).isNull();
    assertThat(hub.broker().server().locateQueue("wildex.deliver.ncb-cn").getMessageCount())
        .as("the given-back delivery stays in the queue, held back by the guard").isEqualTo(1);
    for (String agency : List.of("customs-la", "customs-cn", "ncb-la", "blo-mohan-boten")) {
      assertThat(client.take(agency, "wildex.deliver." + agency, 500)).as(agency).isNull();
    }
  }

  @Test
  void refuses_recalls_not_signed_by_the_originator_with_a_reason_code_and_keeps_them() throws Exception {
    UUID id = submitIvory("eia");
    RecallRequest request = new RecallRequest(id, RecallReason.INACCURATE, null, Instant.now());

    HttpResponse<String> otherNgo = recall("wcs", id, request);
    assertThat(otherNgo.statusCode()).isEqualTo(403);
    assertThat(otherNgo.body()).contains("NOT_ORIGINATOR");

    byte[] signedByWcs = seal("wcs", PackageCodec.toJson(request));
    HttpResponse<String> notClient = client.post("eia", "/api/v1/packages/" + id + "/recall", signedByWcs,
        "application/pkcs7-mime");
    assertThat(notClient.statusCode()).isEqualTo(403);
    assertThat(notClient.body()).contains("SIGNER_NOT_CLIENT");
    List<byte[]> quarantined = new java.util.ArrayList<>();
    for (byte[] kept = client.takeAsHub("wildex.quarantine", 5_000); kept != null;
        kept = client.takeAsHub("wildex.quarantine", 1_000)) {
      quarantined.add(kept);
    }
    assertThat(quarantined).anySatisfy(kept -> assertThat(kept).isEqualTo(signedByWcs));

    HttpResponse<String> fromAgency = recall("ncb-la", id, request);
    assertThat(fromAgency.statusCode()).isEqualTo(403);
    assertThat(fromAgency.body()).contains("CLIENT_NOT_NGO");

    UUID unknown = UUID.randomUUID();
    HttpResponse<String> missing = recall("eia", unknown,
        new RecallRequest(unknown, RecallReason.LEGAL, null, Instant.now()));
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("PACKAGE_NOT_FOUND");

    HttpResponse<String> otherUrl = client.post("eia", "/api/v1/packages/" + UUID.randomUUID() + "/recall",
        seal("eia", PackageCodec.toJson(request)), "application/pkcs7-mime");
    assertThat(otherUrl.statusCode()).isEqualTo(422);
    assertThat(otherUrl.body()).contains("REQUEST_INVALID");

    HttpResponse<String> unexplained = recall("eia", id, new RecallRequest(id, RecallReason.OTHER, " ", Instant.now()));
    assertThat(unexplained.statusCode()).isEqualTo(422);
    assertThat(unexplained.body()).contains("REQUEST_INVALID");

    // every refusal is in the trail under the recall route, with its reason
    List<AuditEntry> trail = awaitTrail(id.toString(), 0);
    assertThat(trail.stream().map(AuditEntry::event)
        .filter(e -> e.type() == AuditEventType.REJECTED && "wildex.lifecycle.recall.http".equals(e.routeId()))
        .map(AuditEvent::reason)).contains(ReasonCode.NOT_ORIGINATOR, ReasonCode.REQUEST_INVALID);

    // none of it touched the package: every agency still has its delivery
    for (String agency : IVORY_AGENCIES) {
      assertThat(client.take(agency, "wildex.deliver." + agency, 10_000)).as(agency).isNotNull();
    }
  }

  // --- helpers -------------------------------------------------------------------------------------------------

  /** Submits the ivory package as {@code ngo} and waits for its ACCEPTED receipt. */
  private static UUID submitIvory(String ngo) throws Exception {
    UUID id = UUID.randomUUID();
    byte[] sealed = seal(ngo, HubIT.ivoryPackage(id, ngo).getBytes(StandardCharsets.UTF_8));
    assertThat(client.submit(ngo, sealed).statusCode()).isEqualTo(202);
    Receipt receipt = client.receipt(ngo);
    assertThat(receipt.status()).isEqualTo(Receipt.ACCEPTED);
    assertThat(receipt.packageId()).isEqualTo(id);
    return id;
  }

  private static HttpResponse<String> recall(String as, UUID id, RecallRequest request) throws Exception {
    return client.post(as, "/api/v1/packages/" + id + "/recall", seal(as, PackageCodec.toJson(request)),
        "application/pkcs7-mime");
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

  /** The package's trail once it holds at least {@code recalled} RECALLED events (and its RECEIPT_SENT). */
  private static List<AuditEntry> awaitTrail(String id, int recalled) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    List<AuditEntry> trail = List.of();
    while (Instant.now().isBefore(deadline)) {
      trail = hub.audit().store().trail(id);
      long n = trail.stream().filter(e -> e.event().type() == AuditEventType.RECALLED).count();
      if (n >= recalled && !trail.isEmpty()) {
        Thread.sleep(300);
        return hub.audit().store().trail(id);
      }
      Thread.sleep(100);
    }
    return trail;
  }
}
