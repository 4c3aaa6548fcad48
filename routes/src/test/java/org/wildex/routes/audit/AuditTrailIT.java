package org.wildex.routes.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.wildex.contracts.audit.AuditEventType.ACCEPTED;
import static org.wildex.contracts.audit.AuditEventType.DEAD_LETTERED;
import static org.wildex.contracts.audit.AuditEventType.DELIVERED;
import static org.wildex.contracts.audit.AuditEventType.QUARANTINED;
import static org.wildex.contracts.audit.AuditEventType.RECEIPT_SENT;
import static org.wildex.contracts.audit.AuditEventType.RECEIVED;
import static org.wildex.contracts.audit.AuditEventType.REDELIVERED;
import static org.wildex.contracts.audit.AuditEventType.REJECTED;
import static org.wildex.contracts.audit.AuditEventType.ROUTED;

import jakarta.jms.Connection;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.audit.AuditEventType;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.contracts.receipt.Receipt;
import org.wildex.crypto.cms.Cms;
import org.wildex.crypto.pki.Pem;
import org.wildex.routes.audit.AuditHttpRoute.TrailAnswer;
import org.wildex.routes.support.StompClient;
import org.wildex.routes.support.StompClient.Frame;

/** The trail on a running hub (embedded H2): every step of a package's life, read by auditors only, receipts by their NGO. */
class AuditTrailIT {

  @TempDir static Path dir;
  static AuditHub hub;

  @BeforeAll
  static void start() throws Exception {
    hub = AuditHub.start(dir, s -> s.withCheckpoints(5, Duration.ofSeconds(1)));
  }

  /** Every test leaves the queues empty for the next, also when it failed half-way. */
  @AfterEach
  void drainQueues() throws Exception {
    drain("eia");
    drain("wcs");
  }

  @AfterAll
  static void stop() throws Exception {
    if (hub != null) {
      hub.close();
    }
  }

  @Test
  void an_accepted_package_leaves_its_whole_life_in_the_trail_and_no_content() throws Exception {
    UUID id = UUID.randomUUID();
    String json = AuditHub.ivoryPackage(id, "eia");
    HttpResponse<String> answer = hub.submit("eia", hub.seal("eia", json));
    assertThat(answer.statusCode()).isEqualTo(202);
    assertThat(hub.receipt("eia").status()).isEqualTo(Receipt.ACCEPTED);
    for (String agency : AuditHub.IVORY_AGENCIES) {
      assertThat(hub.take(agency, "wildex.deliver." + agency, 10_000)).as(agency).isNotNull();
    }

    List<AuditEventType> life = new ArrayList<>(List.of(RECEIVED, ACCEPTED, RECEIPT_SENT));
    AuditHub.IVORY_AGENCIES.forEach(a -> life.addAll(List.of(ROUTED, DELIVERED)));
    List<AuditEntry> trail = hub.awaitTrail(id.toString(), life, Duration.ofSeconds(20));

    assertThat(trail).hasSize(life.size());
    assertThat(trail.get(0).event().type()).isEqualTo(RECEIVED);
    assertThat(trail.get(0).event().trackingId()).isEqualTo(AuditHub.trackingId(answer));
    assertThat(trail.get(0).event().routeId()).isEqualTo("wildex.intake.http");
    AuditEntry accepted = trail.stream().filter(e -> e.event().type() == ACCEPTED).findFirst().orElseThrow();
    assertThat(accepted.event().originator()).isEqualTo("eia");
    assertThat(accepted.event().policyVersion()).isNotBlank();
    assertThat(accepted.event().contentSha256())
        .isEqualTo(org.wildex.crypto.Digests.sha256Hex(json.getBytes(StandardCharsets.UTF_8)));
    assertThat(trail.stream().filter(e -> e.event().type() == ROUTED))
        .extracting(e -> e.event().recipient())
        .containsExactlyInAnyOrderElementsOf(AuditHub.IVORY_AGENCIES);
    AuditEntry routedCustoms = trail.stream()
        .filter(e -> e.event().type() == ROUTED && "customs-la".equals(e.event().recipient())).findFirst().orElseThrow();
    assertThat(routedCustoms.event().level()).isEqualTo("AMBER");
    assertThat(routedCustoms.event().withheldCount()).isPositive();
    assertThat(routedCustoms.event().manifestSha256()).hasSize(64);
    assertThat(routedCustoms.event().rule()).as("the routing rule that chose customs-la").isNotBlank();
    assertThat(routedCustoms.event().policyVersion()).isEqualTo(accepted.event().policyVersion());
    assertThat(trail.stream().filter(e -> e.event().type() == DELIVERED))
        .extracting(e -> e.event().recipient())
        .containsExactlyInAnyOrderElementsOf(AuditHub.IVORY_AGENCIES);
    assertThat(trail).allSatisfy(e -> assertThat(e.intact()).isTrue());

    String stored = new String(PackageCodec.toJson(trail), StandardCharsets.UTF_8);
    for (String secret : List.of("Wang Kai", "E77700001", "INFORMANT-JADE", "night market", "Raw tusks", "Vientiane")) {
      assertThat(stored).doesNotContain(secret);
    }
  }

  @Test
  void a_delivery_acknowledged_over_stomp_is_delivered_in_the_trail_and_one_left_unacknowledged_comes_back()
      throws Exception {
    UUID id = UUID.randomUUID();
    assertThat(hub.submit("eia", hub.seal("eia", AuditHub.ivoryPackage(id, "eia"))).statusCode()).isEqualTo(202);
    hub.receipt("eia");
    String queue = "/queue/wildex.deliver.customs-la";

    try (StompClient first = hub.stomp("customs-la")) {
      assertThat(first.subscribe("d", queue).command()).isEqualTo("RECEIPT");
      Frame unacknowledged = first.receive(Duration.ofSeconds(10));
      assertThat(unacknowledged).isNotNull();
      assertThat(unacknowledged.header("wildexPackageId")).isEqualTo(id.toString());
    } // closed without ACK: the delivery goes back to the queue
    Frame delivery;
    try (StompClient second = hub.stomp("customs-la")) {
      assertThat(second.subscribe("d", queue).command()).isEqualTo("RECEIPT");
      delivery = second.receive(Duration.ofSeconds(10));
      assertThat(delivery).isNotNull();
      assertThat(delivery.header("wildexPackageId")).isEqualTo(id.toString());
      assertThat(Cms.open(delivery.body(), hub.keys("customs-la")).signer())
          .isEqualTo(Pem.readCertificate(dir.resolve("pki/hub.crt.pem")));
      assertThat(second.ack(delivery).command()).isEqualTo("RECEIPT");
    }
    for (String agency : AuditHub.IVORY_AGENCIES) {
      if (!agency.equals("customs-la")) {
        assertThat(hub.take(agency, "wildex.deliver." + agency, 10_000)).as(agency).isNotNull();
      }
    }

    List<AuditEventType> life = new ArrayList<>(List.of(RECEIVED, ACCEPTED, RECEIPT_SENT, REDELIVERED));
    AuditHub.IVORY_AGENCIES.forEach(a -> life.addAll(List.of(ROUTED, DELIVERED)));
    List<AuditEntry> trail = hub.awaitTrail(id.toString(), life, Duration.ofSeconds(20));
    assertThat(trail.stream().filter(e -> e.event().type() == DELIVERED && "customs-la".equals(e.event().recipient())))
        .singleElement()
        .satisfies(e -> assertThat(e.event().deliveryId()).isEqualTo(delivery.header("wildexDeliveryId")));
    assertThat(trail.stream().filter(e -> e.event().type() == REDELIVERED)).singleElement()
        .satisfies(e -> assertThat(e.event().recipient()).isEqualTo("customs-la"));
  }

  @Test
  void a_rejected_package_is_received_rejected_quarantined_and_answered() throws Exception {
    String broken = AuditHub.ivoryPackage(UUID.randomUUID(), "eia").replace("\"title\": \"Ivory\",", "");
    HttpResponse<String> answer = hub.submit("eia", hub.seal("eia", broken));
    assertThat(answer.statusCode()).isEqualTo(202);
    assertThat(hub.receipt("eia").reason()).isEqualTo(ReasonCode.CONTRACT_INVALID);

    List<AuditEntry> trail =
        hub.awaitTrail(AuditHub.trackingId(answer), List.of(RECEIVED, REJECTED, QUARANTINED, RECEIPT_SENT), Duration.ofSeconds(20));
    assertThat(trail).extracting(e -> e.event().type()).containsExactly(RECEIVED, REJECTED, QUARANTINED, RECEIPT_SENT);
    assertThat(trail.get(1).event().reason()).isEqualTo(ReasonCode.CONTRACT_INVALID);
    assertThat(trail.get(1).event().routeId()).isEqualTo("wildex.process.validate");
    assertThat(trail.get(3).event().reason()).isEqualTo(ReasonCode.CONTRACT_INVALID);
  }

  @Test
  void a_submission_refused_at_the_door_is_in_the_trail_under_its_tracking_id() throws Exception {
    HttpResponse<String> answer = hub.submit("eia", "{\"not\": \"cms\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(answer.statusCode()).isEqualTo(400);
    List<AuditEntry> trail =
        hub.awaitTrail(AuditHub.trackingId(answer), List.of(RECEIVED, REJECTED, QUARANTINED), Duration.ofSeconds(20));
    assertThat(trail).extracting(e -> e.event().reason()).containsExactly(null, ReasonCode.NOT_CMS, ReasonCode.NOT_CMS);
    assertThat(trail.get(0).event().originator()).isEqualTo("eia");
  }

  @Test
  void only_auditors_read_the_trail_over_https() throws Exception {
    UUID id = UUID.randomUUID();
    assertThat(hub.submit("wcs", hub.seal("wcs", AuditHub.ivoryPackage(id, "wcs"))).statusCode()).isEqualTo(202);
    hub.awaitTrail(id.toString(), List.of(RECEIVED, ACCEPTED, RECEIPT_SENT), Duration.ofSeconds(20));

    HttpResponse<byte[]> auditor = hub.get("auditor", "/api/v1/audit/packages/" + id);
    assertThat(auditor.statusCode()).isEqualTo(200);
    assertThat(auditor.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    TrailAnswer trail = PackageCodec.fromJson(auditor.body(), TrailAnswer.class);
    assertThat(trail.entries()).extracting(e -> e.event().type()).contains(RECEIVED, ACCEPTED, ROUTED, RECEIPT_SENT);
    assertThat(trail.entries()).allSatisfy(e -> assertThat(e.intact()).isTrue());

    for (String other : List.of("wcs", "eia", "ncb-la", "customs-cn", "blo-mohan-boten")) {
      HttpResponse<byte[]> refused = hub.get(other, "/api/v1/audit/packages/" + id);
      assertThat(refused.statusCode()).as(other).isEqualTo(403);
      assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("CLIENT_NOT_AUDITOR");
    }
    assertThat(hub.get("auditor", "/api/v1/audit/packages/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
    assertThat(hub.get("auditor", "/api/v1/audit/packages/not-an-id").statusCode()).isEqualTo(404);
    drain("wcs");
  }

  @Test
  void the_submitter_alone_fetches_its_signed_receipt_over_https() throws Exception {
    UUID id = UUID.randomUUID();
    HttpResponse<String> answer = hub.submit("eia", hub.seal("eia", AuditHub.ivoryPackage(id, "eia")));
    Receipt fromBroker = hub.receipt("eia");
    hub.awaitTrail(id.toString(), List.of(RECEIPT_SENT), Duration.ofSeconds(20));

    HttpResponse<byte[]> mine = hub.get("eia", "/api/v1/packages/" + id + "/receipt");
    assertThat(mine.statusCode()).isEqualTo(200);
    assertThat(mine.headers().firstValue("Content-Type")).hasValue("application/pkcs7-mime");
    Cms.Opened opened = Cms.open(mine.body(), hub.keys("eia"));
    assertThat(opened.signer()).isEqualTo(Pem.readCertificate(dir.resolve("pki/hub.crt.pem")));
    Receipt receipt = PackageCodec.fromJson(opened.content(), Receipt.class);
    assertThat(receipt).isEqualTo(fromBroker);
    assertThat(receipt.packageId()).isEqualTo(id);
    assertThat(receipt.deliveries()).extracting(d -> d.recipient()).containsExactlyInAnyOrderElementsOf(AuditHub.IVORY_AGENCIES);
    assertThat(hub.get("eia", "/api/v1/packages/" + AuditHub.trackingId(answer) + "/receipt").statusCode()).isEqualTo(200);

    assertThat(hub.get("wcs", "/api/v1/packages/" + id + "/receipt").statusCode()).as("another NGO").isEqualTo(404);
    assertThat(hub.get("ncb-la", "/api/v1/packages/" + id + "/receipt").statusCode()).as("an agency").isEqualTo(403);
    assertThat(hub.get("auditor", "/api/v1/packages/" + id + "/receipt").statusCode()).as("the auditor").isEqualTo(403);
    assertThat(hub.get("eia", "/api/v1/packages/" + UUID.randomUUID() + "/receipt").statusCode()).isEqualTo(404);
    drain("eia");
  }

  @Test
  void the_auditor_can_consume_no_delivery_receipt_or_audit_queue() throws Exception {
    List<String> queues = new ArrayList<>();
    AuditHub.IVORY_AGENCIES.forEach(a -> queues.add("wildex.deliver." + a));
    queues.addAll(List.of("wildex.receipts.eia", "wildex.audit", "wildex.intake", "wildex.quarantine", "wildex.dlq"));
    try (Connection c = new ActiveMQConnectionFactory(hub.brokerUrl("auditor")).createConnection()) {
      c.start();
      Session session = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
      for (String queue : queues) {
        assertThatThrownBy(() -> session.createConsumer(session.createQueue(queue)).receive(200))
            .as(queue)
            .isInstanceOf(JMSSecurityException.class);
      }
    }
  }

  @Test
  void a_delivery_the_recipient_keeps_rolling_back_is_redelivered_then_dead_lettered() throws Exception {
    UUID id = UUID.randomUUID();
    assertThat(hub.submit("wcs", hub.seal("wcs", AuditHub.ivoryPackage(id, "wcs"))).statusCode()).isEqualTo(202);
    hub.receipt("wcs");
    int attempts = 0;
    try (Connection c = new ActiveMQConnectionFactory(hub.brokerUrl("ncb-la")).createConnection()) {
      c.start();
      Session session = c.createSession(true, Session.SESSION_TRANSACTED);
      MessageConsumer consumer = session.createConsumer(session.createQueue("wildex.deliver.ncb-la"));
      Message m;
      while ((m = consumer.receive(15_000)) != null) {
        assertThat(m.getStringProperty("wildexPackageId")).isEqualTo(id.toString());
        attempts++;
        session.rollback();
      }
    }
    assertThat(attempts).isEqualTo(5);
    List<AuditEntry> trail = hub.awaitTrail(id.toString(),
        List.of(REDELIVERED, REDELIVERED, REDELIVERED, REDELIVERED, DEAD_LETTERED), Duration.ofSeconds(20));
    assertThat(trail.stream().filter(e -> e.event().type() == REDELIVERED)).extracting(e -> e.event().attempt())
        .containsExactly(2, 3, 4, 5);
    AuditEntry dead = trail.stream().filter(e -> e.event().type() == DEAD_LETTERED).findFirst().orElseThrow();
    assertThat(dead.event().recipient()).isEqualTo("ncb-la");
    assertThat(trail.stream().filter(e -> e.event().type() == DELIVERED && "ncb-la".equals(e.event().recipient()))).isEmpty();
    for (String agency : AuditHub.IVORY_AGENCIES) {
      if (!agency.equals("ncb-la")) {
        hub.take(agency, "wildex.deliver." + agency, 5_000);
      }
    }
  }

  private static void drain(String ngo) throws Exception {
    for (String agency : AuditHub.IVORY_AGENCIES) {
      while (hub.take(agency, "wildex.deliver." + agency, 300) != null) {
        // keep the queues empty for the other tests
      }
    }
    while (hub.take(ngo, "wildex.receipts." + ngo, 300) != null) {
      // idem
    }
  }
}
