package org.wildex.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
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
import org.junit.jupiter.api.BeforeEach;
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
import org.wildex.contracts.lifecycle.RecallRequest;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.contracts.receipt.Receipt;
import org.wildex.contracts.receipt.ReceiptDelivery;
import org.wildex.crypto.cms.Cms;
import org.wildex.crypto.pki.Pem;
import org.wildex.routes.audit.AuditEntry;

/**
 * Updates end to end on the real hub: an NGO's update over HTTPS supersedes its earlier package; the agencies take what
 * they get over the broker and open it as they would; the trail links the versions.
 */
class UpdateIT {

  static final List<String> AGENCIES =
      List.of("blo-mohan-boten", "customs-cn", "customs-la", "ncb-cn", "ncb-la", "ncb-vn");

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

  /** Each test starts with every agency's queue empty. */
  @BeforeEach
  void drain() throws Exception {
    for (String agency : AGENCIES) {
      while (client.take(agency, "wildex.deliver." + agency, 200) != null) {
        // what an earlier test left
      }
    }
  }

  @Test
  void an_update_reaches_the_earlier_recipients_still_entitled_and_withdraws_it_from_the_others() throws Exception {
    UUID v1 = UUID.randomUUID();
    Receipt first = submit("eia", ivory(v1, "CN", "CN", ""));
    assertThat(first.deliveries()).extracting(ReceiptDelivery::recipient)
        .containsExactlyInAnyOrder("blo-mohan-boten", "customs-cn", "customs-la", "ncb-cn", "ncb-la");
    Delivery cnTook = open("ncb-cn", client.take("ncb-cn", "wildex.deliver.ncb-cn", 10_000), Delivery.class);
    assertThat(open("ncb-la", client.take("ncb-la", "wildex.deliver.ncb-la", 10_000), Delivery.class).packageId())
        .isEqualTo(v1);

    // re-routed: the subject is Lao and the goods go on to Viet Nam, not China
    UUID v2 = UUID.randomUUID();
    Receipt second = submit("eia", ivory(v2, "LA", "VN", update(v1, 2)));
    assertThat(second.status()).as(second.detail()).isEqualTo(Receipt.ACCEPTED);
    assertThat(second.supersedes()).isEqualTo(v1);
    assertThat(second.version()).isEqualTo(2);
    // originator control: Viet Nam's NCB had nothing of the earlier version, so the policy of the day does not add it
    assertThat(second.deliveries()).extracting(ReceiptDelivery::recipient)
        .containsExactlyInAnyOrder("customs-la", "ncb-la");
    Map<String, String> superseded = second.superseded().stream()
        .collect(Collectors.toMap(RecallOutcome::recipient, RecallOutcome::outcome));
    assertThat(superseded).containsOnly(
        Map.entry("ncb-cn", RecallOutcome.EXPOSED),
        Map.entry("customs-cn", RecallOutcome.WITHDRAWN),
        Map.entry("blo-mohan-boten", RecallOutcome.WITHDRAWN));

    // the agencies that keep it get the new version, marked as superseding the one they have
    Delivery laUpdate = open("ncb-la", client.take("ncb-la", "wildex.deliver.ncb-la", 10_000), Delivery.class);
    assertThat(laUpdate.packageId()).isEqualTo(v2);
    assertThat(laUpdate.view().supersedes()).isEqualTo(v1);
    assertThat(laUpdate.view().versionNumber()).isEqualTo(2);
    assertThat(open("customs-la", client.take("customs-la", "wildex.deliver.customs-la", 10_000), Delivery.class)
        .packageId()).isEqualTo(v1);
    assertThat(open("customs-la", client.take("customs-la", "wildex.deliver.customs-la", 10_000), Delivery.class)
        .view().supersedes()).isEqualTo(v1);

    // the one that had taken the earlier version is told to stop using it; the others never see it
    RecallNotice notice = open("ncb-cn", client.take("ncb-cn", "wildex.deliver.ncb-cn", 10_000), RecallNotice.class);
    assertThat(notice.reason()).isEqualTo(RecallReason.SUPERSEDED);
    assertThat(notice.packageId()).isEqualTo(v1);
    assertThat(notice.deliveryId()).isEqualTo(cnTook.deliveryId());
    assertThat(notice.text()).contains(v2.toString());
    for (String agency : List.of("customs-cn", "blo-mohan-boten", "ncb-vn", "ncb-cn")) {
      assertThat(client.take(agency, "wildex.deliver." + agency, 500)).as(agency).isNull();
    }
    assertThat(hub.broker().server().locateQueue("wildex.withdrawn").getMessageCount()).isZero();

    // the trail links the versions both ways, and each version's trail holds only its own entries
    List<AuditEvent> earlier = awaitTrail(v1, e -> e.type() == AuditEventType.RECALLED, 3);
    assertThat(earlier).extracting(AuditEvent::packageId).doesNotContain(v2.toString());
    assertThat(earlier).filteredOn(e -> e.type() == AuditEventType.SUPERSEDED)
        .extracting(AuditEvent::rule).containsExactly("superseded-by:" + v2);
    assertThat(earlier).filteredOn(e -> e.type() == AuditEventType.RECALLED)
        .extracting(AuditEvent::recipient, AuditEvent::reason, AuditEvent::rule)
        .containsExactlyInAnyOrder(
            tuple("ncb-cn", ReasonCode.RECALL_SUPERSEDED, "EXPOSED"),
            tuple("customs-cn", ReasonCode.RECALL_SUPERSEDED, "WITHDRAWN"),
            tuple("blo-mohan-boten", ReasonCode.RECALL_SUPERSEDED, "WITHDRAWN"));
    List<AuditEvent> later = awaitTrail(v2, e -> e.type() == AuditEventType.RECEIPT_SENT, 1);
    assertThat(later).filteredOn(e -> e.type() == AuditEventType.ACCEPTED)
        .extracting(AuditEvent::rule).containsExactly("version:2 supersedes:" + v1);
    assertThat(hub.metrics().registry().get("wildex.updates").counter().count()).isGreaterThanOrEqualTo(1.0);
    assertThat(hub.metrics().registry().get("wildex.recall.deliveries").tag("reason", "RECALL_SUPERSEDED")
        .tag("outcome", "WITHDRAWN").counter().count()).isGreaterThanOrEqualTo(2.0);

    // and a third version goes on from the second
    Receipt third = submit("eia", ivory(UUID.randomUUID(), "LA", "VN", update(v2, 3)));
    assertThat(third.status()).as(third.detail()).isEqualTo(Receipt.ACCEPTED);
    assertThat(third.deliveries()).extracting(ReceiptDelivery::recipient)
        .containsExactlyInAnyOrder("customs-la", "ncb-la");
    assertThat(third.superseded()).isEmpty();
  }

  @Test
  void without_originator_control_the_policy_of_the_day_routes_the_update() throws Exception {
    UUID v1 = UUID.randomUUID();
    submit("eia", ivory(v1, "CN", "CN", ""));
    Receipt second = submit("eia", ivory(UUID.randomUUID(), "LA", "VN",
        update(v1, 2) + ", \"handling\": {\"originator_control\": false}"));
    assertThat(second.status()).as(second.detail()).isEqualTo(Receipt.ACCEPTED);
    assertThat(second.deliveries()).extracting(ReceiptDelivery::recipient)
        .containsExactlyInAnyOrder("customs-la", "ncb-la", "ncb-vn");
  }

  @Test
  void refuses_updates_of_unknown_foreign_recalled_or_replaced_packages_and_wrong_versions() throws Exception {
    UUID v1 = UUID.randomUUID();
    submit("eia", ivory(v1, "CN", "CN", ""));

    assertRefused("eia", update(UUID.randomUUID(), 2), ReasonCode.PACKAGE_NOT_FOUND);
    assertRefused("wcs", update(v1, 2), ReasonCode.NOT_ORIGINATOR);
    assertRefused("eia", update(v1, 3), ReasonCode.VERSION_CONFLICT);

    UUID v2 = UUID.randomUUID();
    assertThat(submit("eia", ivory(v2, "CN", "CN", update(v1, 2))).status()).isEqualTo(Receipt.ACCEPTED);
    assertRefused("eia", update(v1, 2), ReasonCode.VERSION_CONFLICT); // v1 was replaced by v2 already

    HttpResponse<String> recall = client.post("eia", "/api/v1/packages/" + v2 + "/recall",
        seal("eia", PackageCodec.toJson(new RecallRequest(v2, RecallReason.INACCURATE, null, Instant.now()))),
        "application/pkcs7-mime");
    assertThat(recall.statusCode()).isEqualTo(202);
    assertThat(client.take("eia", "wildex.receipts.eia", 20_000)).as("the recall receipt").isNotNull();
    assertRefused("eia", update(v2, 3), ReasonCode.PACKAGE_RECALLED);
  }

  // --- helpers -------------------------------------------------------------------------------------------------

  /** The members that make a package an update: {@code , "supersedes": .., "version": ..}. */
  private static String update(UUID earlier, int version) {
    return ", \"supersedes\": \"" + earlier + "\", \"version\": " + version;
  }

  /** The ivory package of {@link HubIT}, with the subject's nationality, the road's end and {@code extra} members. */
  private static String ivory(UUID id, String nationality, String roadTo, String extra) {
    return """
        {
          "id": "%s",
          "createdAt": "%s",
          "originator": {"org": "eia", "reference": "IT-UPD"},
          "title": "Ivory",
          "summary": "Raw tusks by air to Vientiane, then by road.",
          "tlp": "AMBER",
          "subjects": [
            {"ref": "S1", "type": "PERSON", "name": "Subject One", "nationalities": ["%s"]}
          ],
          "movements": [
            {"from": "LA", "to": "%s", "fromPlace": "Boten", "mode": "ROAD"}
          ],
          "requestedAction": "INTERDICT"%s
        }
        """.formatted(id, Instant.now(), nationality, roadTo, extra);
  }

  private static Receipt submit(String ngo, String json) throws Exception {
    assertThat(client.submit(ngo, seal(ngo, json.getBytes(StandardCharsets.UTF_8))).statusCode()).isEqualTo(202);
    return client.receipt(ngo);
  }

  /**
   * Submits an update as {@code ngo} and expects its receipt to refuse it with {@code reason}, and the trail to hold
   * the refusal and the quarantined submission under the update's own id.
   */
  private static void assertRefused(String ngo, String updateMembers, ReasonCode reason) throws Exception {
    UUID id = UUID.randomUUID();
    String json = ivory(id, "CN", "CN", updateMembers).replace("\"org\": \"eia\"", "\"org\": \"" + ngo + "\"");
    Receipt receipt = submit(ngo, json);
    assertThat(receipt.status()).as(updateMembers).isEqualTo(Receipt.REJECTED);
    assertThat(receipt.reason()).as(receipt.detail()).isEqualTo(reason);
    List<AuditEvent> trail = awaitTrail(id, e -> e.type() == AuditEventType.RECEIPT_SENT, 1);
    assertThat(trail).filteredOn(e -> e.type() == AuditEventType.REJECTED).extracting(AuditEvent::reason)
        .containsExactly(reason);
    assertThat(trail).extracting(AuditEvent::type).contains(AuditEventType.QUARANTINED);
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

  /** The package's trail (its own events) once at least {@code n} of them match. */
  private static List<AuditEvent> awaitTrail(UUID id, java.util.function.Predicate<AuditEvent> match, int n)
      throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    List<AuditEvent> events = List.of();
    while (Instant.now().isBefore(deadline)) {
      events = hub.audit().store().trail(id.toString()).stream().map(AuditEntry::event)
          .filter(e -> id.toString().equals(e.packageId())).toList();
      if (events.stream().filter(match).count() >= n) {
        return events;
      }
      Thread.sleep(100);
    }
    return events;
  }
}
