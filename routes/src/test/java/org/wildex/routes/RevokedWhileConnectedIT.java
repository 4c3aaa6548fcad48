package org.wildex.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.Tlp;
import org.wildex.contracts.directory.ParticipantKind;
import org.wildex.contracts.receipt.Receipt;
import org.wildex.contracts.receipt.ReceiptDelivery;
import org.wildex.crypto.cms.Cms;
import org.wildex.crypto.pki.DemoPki;
import org.wildex.crypto.pki.Pem;
import org.wildex.crypto.pki.RevocationList;
import org.wildex.routes.support.TlsClients;

/**
 * Revocation cuts a participant off everywhere within seconds, without any action of its own: an agency holding an
 * open AMQP 1.0 link loses it and gets no new delivery, and every HTTPS route refuses a revoked NGO and auditor, reads
 * included; the participants that were not revoked go on as before.
 */
class RevokedWhileConnectedIT {

  private static final Duration CUT_OFF = Duration.ofSeconds(5);

  @TempDir static Path dir;
  static Hub hub;
  static HubTestClient client;

  @BeforeAll
  static void startHub() throws Exception {
    HubTestClient.createWorkdir(dir, List.of(
        HubTestClient.member("eia", ParticipantKind.NGO, Tlp.AMBER, "GB"),
        HubTestClient.member("wcs", ParticipantKind.NGO, Tlp.AMBER, "US"),
        HubTestClient.member("ncb-la", ParticipantKind.NCB, Tlp.AMBER, "LA"),
        HubTestClient.member("customs-la", ParticipantKind.CUSTOMS, Tlp.AMBER, "LA"),
        HubTestClient.member("auditor", ParticipantKind.AUDITOR, Tlp.RED),
        HubTestClient.member("auditor-2", ParticipantKind.AUDITOR, Tlp.RED)));
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
  void revocation_closes_an_open_amqp_link_stops_routing_and_refuses_every_https_route_within_5_s() throws Exception {
    BlockingQueue<byte[]> onTheLink = new LinkedBlockingQueue<>();
    AtomicReference<Instant> linkClosedAt = new AtomicReference<>();
    try (Connection amqp = amqp("ncb-la")) {
      amqp.setExceptionListener(e -> linkClosedAt.compareAndSet(null, Instant.now()));
      Session session = amqp.createSession(false, Session.AUTO_ACKNOWLEDGE);
      MessageConsumer link = session.createConsumer(session.createQueue("wildex.deliver.ncb-la"));
      link.setMessageListener(m -> onTheLink.add(body((BytesMessage) m)));
      amqp.start();

      // before: the open link receives, and the NGO and the auditor read over HTTPS
      String before = submit("wcs");
      assertThat(client.receipt("wcs").status()).isEqualTo(Receipt.ACCEPTED);
      assertThat(onTheLink.poll(10, java.util.concurrent.TimeUnit.SECONDS)).as("delivery on the open link").isNotNull();
      assertThat(client.take("customs-la", "wildex.deliver.customs-la", 10_000)).isNotNull();
      await().atMost(Duration.ofSeconds(10)).until(() -> get("wcs", receiptPath(before)).statusCode() == 200);
      for (String path : auditorPaths(before)) {
        assertThat(get("auditor", path).statusCode()).as("GET %s before the revocation", path).isIn(200, 301);
      }

      Instant revokedAt = Instant.now();
      for (String id : List.of("ncb-la", "auditor", "wcs")) {
        RevocationList.revoke(dir.resolve("pki"), Pem.readCertificate(dir.resolve("pki/" + id + ".crt.pem")));
      }

      await().atMost(CUT_OFF).until(() -> linkClosedAt.get() != null);
      for (String path : auditorPaths(before)) {
        assertRevoked(get("auditor", path), "auditor GET " + path);
      }
      assertRevoked(get("wcs", receiptPath(before)), "wcs GET its receipt");
      assertRevoked(client.submit("wcs", seal("wcs")), "wcs POST a package");
      assertThat(Duration.between(revokedAt, Instant.now())).as("all refused within").isLessThan(CUT_OFF);

      // after: a new package for Laos goes to customs only; nothing is sealed to the revoked NCB
      String after = submit("eia");
      Receipt receipt = client.receipt("eia");
      assertThat(receipt.status()).isEqualTo(Receipt.ACCEPTED);
      assertThat(receipt.deliveries()).extracting(ReceiptDelivery::recipient).containsExactly("customs-la");
      assertThat(client.take("customs-la", "wildex.deliver.customs-la", 10_000)).as("others unaffected").isNotNull();
      assertThat(onTheLink).as("nothing more reached the revoked link").isEmpty();
      assertThat(hub.broker().server().locateQueue("wildex.deliver.ncb-la").getMessageCount()).isZero();

      HttpResponse<String> trail = get("auditor-2", "/api/v1/audit/packages/" + after);
      assertThat(trail.statusCode()).as("an auditor that was not revoked still reads").isEqualTo(200);
      assertThat(recipientsOf("NOT_ROUTED", trail.body())).containsExactly("ncb-la");
      assertThat(trail.body()).contains("\"reason\":\"CERT_REVOKED\"");
      assertThat(recipientsOf("ROUTED", trail.body())).containsExactly("customs-la");
    }
  }

  private static void assertRevoked(HttpResponse<String> answer, String what) {
    assertThat(answer.statusCode()).as(what).isEqualTo(403);
    assertThat(answer.body()).as(what).contains(ReasonCode.CERT_REVOKED.name());
  }

  /** Every route an auditor reads, the page included. */
  private static List<String> auditorPaths(String packageId) {
    List<String> paths = new ArrayList<>(List.of("/api/v1/audit/packages/" + packageId,
        "/api/v1/audit/packages/" + packageId + "/bundle", "/api/v1/audit/packages/" + packageId + "/verification",
        "/audit"));
    for (String file : List.of("", "index.html", "app.js", "app.css", "icon.svg")) {
      paths.add("/audit/" + file);
    }
    return paths;
  }

  private static String receiptPath(String packageId) {
    return "/api/v1/packages/" + packageId + "/receipt";
  }

  /** Recipients of the trail's entries of one type. */
  private static List<String> recipientsOf(String type, String trailJson) {
    try (JsonReader reader = Json.createReader(new StringReader(trailJson))) {
      return reader.readObject().getJsonArray("entries").stream()
          .map(e -> e.asJsonObject().getJsonObject("event"))
          .filter(e -> e.getString("type").equals(type))
          .map(e -> e.getString("recipient"))
          .toList();
    }
  }

  /** Seals and submits a GREEN package about a shop in Laos as {@code ngo}; its package id. */
  private static String submit(String ngo) throws Exception {
    byte[] sealed = seal(ngo);
    HttpResponse<String> answer = client.submit(ngo, sealed);
    assertThat(answer.statusCode()).as("submit: %s", answer.body()).isEqualTo(202);
    return lastPackageId;
  }

  private static String lastPackageId;

  private static byte[] seal(String ngo) throws Exception {
    lastPackageId = UUID.randomUUID().toString();
    String json = """
        {"id": "%s", "createdAt": "%s", "originator": {"org": "%s", "reference": "R-1"}, "title": "Pangolin scales",
         "tlp": "GREEN", "subjects": [{"ref": "S1", "type": "ORGANISATION", "name": "Shop", "country": "LA"}],
         "requestedAction": "INVESTIGATE"}
        """.formatted(lastPackageId, Instant.now(), ngo);
    return Cms.seal(json.getBytes(StandardCharsets.UTF_8), client.keys(ngo), Pem.readCertificate(dir.resolve("pki/hub.crt.pem")));
  }

  private static HttpResponse<String> get(String as, String path) throws Exception {
    HttpClient http = HttpClient.newBuilder()
        .sslContext(TlsClients.context(dir.resolve("pki/" + as + ".p12"), dir.resolve("pki/truststore.p12"), DemoPki.PASSWORD))
        .build();
    return http.send(HttpRequest.newBuilder(URI.create(hub.httpsUrl() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static byte[] body(BytesMessage m) {
    try {
      byte[] bytes = new byte[(int) m.getBodyLength()];
      m.readBytes(bytes);
      return bytes;
    } catch (jakarta.jms.JMSException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An AMQP 1.0 connection (Qpid JMS, SASL EXTERNAL) with the participant's certificate, as agencies' own clients make. */
  private static Connection amqp(String as) throws Exception {
    String url = "amqps://localhost:" + URI.create(hub.brokerUrl()).getPort()
        + "?transport.storeType=PKCS12&transport.keyStoreLocation=" + dir.resolve("pki/" + as + ".p12")
        + "&transport.keyStorePassword=" + DemoPki.PASSWORD + "&transport.trustStoreLocation=" + dir.resolve("pki/truststore.p12")
        + "&transport.trustStorePassword=" + DemoPki.PASSWORD + "&amqp.saslMechanisms=EXTERNAL";
    return new JmsConnectionFactory(url).createConnection();
  }
}
