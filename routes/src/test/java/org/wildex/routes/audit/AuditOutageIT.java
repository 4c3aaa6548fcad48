package org.wildex.routes.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wildex.contracts.audit.AuditEventType.ACCEPTED;
import static org.wildex.contracts.audit.AuditEventType.DELIVERED;
import static org.wildex.contracts.audit.AuditEventType.RECEIPT_SENT;
import static org.wildex.contracts.audit.AuditEventType.RECEIVED;
import static org.wildex.contracts.audit.AuditEventType.ROUTED;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildex.contracts.audit.AuditEventType;
import org.wildex.contracts.receipt.Receipt;
import org.wildex.crypto.pki.Pem;

/**
 * The audit store (PostgreSQL, through a proxy the test switches off) goes down while packages flow: the exchange goes
 * on (receipts and deliveries as usual), events wait on {@code wildex.audit}, and when the database is back the backlog
 * drains into a trail that verifies.
 */
class AuditOutageIT {

  @TempDir Path dir;
  String schema;
  SwitchableProxy proxy;
  AuditHub hub;

  @BeforeEach
  void start() throws Exception {
    String user = PostgresTestDatabase.user();
    schema = PostgresTestDatabase.createSchema();
    proxy = new SwitchableProxy(PostgresTestDatabase.HOST, PostgresTestDatabase.PORT);
    String url = PostgresTestDatabase.url("127.0.0.1", proxy.port(), schema);
    hub = AuditHub.start(dir, s -> s.withUrl(url, user, "").withCheckpoints(10, Duration.ofSeconds(2)));
  }

  @AfterEach
  void stop() throws Exception {
    try {
      if (hub != null) {
        hub.close();
      }
    } finally {
      if (proxy != null) {
        proxy.close();
      }
      if (schema != null) {
        PostgresTestDatabase.dropSchema(schema);
      }
    }
  }

  @Test
  void a_database_outage_delays_the_trail_and_never_stops_or_loses_the_exchange() throws Exception {
    UUID before = UUID.randomUUID();
    exchange(before, "eia");
    hub.awaitTrail(before.toString(), life(), Duration.ofSeconds(30));
    AuditWriter writer = hub.hub.audit().writer();
    assertThat(writer.storeReady()).isTrue();

    proxy.off();
    List<UUID> during = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      UUID id = UUID.randomUUID();
      during.add(id);
      // accepted, routed, delivered and answered while the database is down
      exchange(id, i % 2 == 0 ? "eia" : "wcs");
    }
    long appendedDuringOutage = writer.appended();
    long deadline = System.currentTimeMillis() + 20_000;
    while (writer.storeReady() && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    assertThat(writer.storeReady()).as("the writer notices the outage").isFalse();
    assertThat(writer.lastProblem()).isNotBlank();
    assertThat(writer.appended()).as("nothing can be written while the store is down").isEqualTo(appendedDuringOutage);
    assertThat(hub.get("eia", "/api/v1/packages/" + during.get(0) + "/receipt").statusCode())
        .as("reads answer 503 while the store is down").isEqualTo(503);

    proxy.on();
    for (UUID id : during) {
      List<AuditEntry> trail = hub.awaitTrail(id.toString(), life(), Duration.ofSeconds(60));
      assertThat(trail).hasSize(life().size());
    }
    assertThat(writer.storeReady()).isTrue();

    hub.close();
    hub = null;
    AuditSettings direct = AuditSettings.defaults(dir)
        .withUrl(PostgresTestDatabase.url(PostgresTestDatabase.HOST, PostgresTestDatabase.PORT, schema), PostgresTestDatabase.user(), "");
    try (AuditStore store = AuditStore.open(direct, 1, "outage-verify")) {
      AuditVerifier.Result r = AuditVerifier.verify(store, Pem.readCertificate(dir.resolve("pki/hub.crt.pem")),
          Pem.readCertificate(dir.resolve("pki/ca.crt.pem")));
      assertThat(r.ok()).as(r.problem()).isTrue();
      assertThat(r.entries()).as("4 packages and the policy the hub archived").isEqualTo(4L * life().size() + 1);
      assertThat(r.uncovered()).as("the hub signs a last checkpoint when it stops").isZero();
    }
  }

  /** Submits, takes the receipt and every delivery: the exchange as its users see it. */
  private void exchange(UUID id, String ngo) throws Exception {
    assertThat(hub.submit(ngo, hub.seal(ngo, AuditHub.ivoryPackage(id, ngo))).statusCode()).isEqualTo(202);
    Receipt receipt = hub.receipt(ngo);
    assertThat(receipt.packageId()).isEqualTo(id);
    assertThat(receipt.status()).isEqualTo(Receipt.ACCEPTED);
    for (String agency : AuditHub.IVORY_AGENCIES) {
      assertThat(hub.take(agency, "wildex.deliver." + agency, 10_000)).as(agency).isNotNull();
    }
  }

  private static List<AuditEventType> life() {
    List<AuditEventType> life = new ArrayList<>(List.of(RECEIVED, ACCEPTED, RECEIPT_SENT));
    AuditHub.IVORY_AGENCIES.forEach(a -> life.addAll(List.of(ROUTED, DELIVERED)));
    return life;
  }
}
