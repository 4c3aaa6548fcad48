package org.wildex.routes.audit;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.wildex.contracts.Tlp;
import org.wildex.contracts.audit.AuditEventType;
import org.wildex.contracts.directory.Directory;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.directory.ParticipantKind;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.contracts.receipt.Receipt;
import org.wildex.crypto.cms.Cms;
import org.wildex.crypto.pki.DemoPki;
import org.wildex.crypto.pki.FileKeyHolder;
import org.wildex.crypto.pki.KeyHolder;
import org.wildex.crypto.pki.Pem;
import org.wildex.routes.Hub;
import org.wildex.routes.HubSettings;
import org.wildex.routes.support.FreePorts;
import org.wildex.routes.support.StompClient;
import org.wildex.routes.support.TlsClients;

/** A hub on real components with an auditor in its directory, and the calls audit tests make against it. */
final class AuditHub implements AutoCloseable {

  static final String PW = DemoPki.PASSWORD;
  static final List<String> IVORY_AGENCIES = List.of("blo-mohan-boten", "customs-cn", "customs-la", "ncb-cn", "ncb-la");

  final Path dir;
  final Hub hub;

  private AuditHub(Path dir, Hub hub) {
    this.dir = dir;
    this.hub = hub;
  }

  /** Makes the PKI and directory in {@code dir} (once) and starts a hub with the audit settings the caller shapes. */
  static AuditHub start(Path dir, UnaryOperator<AuditSettings> audit) throws Exception {
    if (!dir.resolve("directory.yaml").toFile().isFile()) {
      List<Participant> participants =
          List.of(
              member("eia", ParticipantKind.NGO, Tlp.AMBER, "GB"),
              member("wcs", ParticipantKind.NGO, Tlp.AMBER, "US"),
              member("ncb-la", ParticipantKind.NCB, Tlp.AMBER_STRICT, "LA"),
              member("customs-la", ParticipantKind.CUSTOMS, Tlp.AMBER, "LA"),
              member("ncb-cn", ParticipantKind.NCB, Tlp.AMBER_STRICT, "CN"),
              member("customs-cn", ParticipantKind.CUSTOMS, Tlp.AMBER, "CN"),
              new Participant("blo-mohan-boten", ParticipantKind.BLO, "BLO", List.of("CN", "LA"), Tlp.AMBER,
                  "pki/blo-mohan-boten.crt.pem"),
              member("auditor", ParticipantKind.AUDITOR, Tlp.RED, "CH"),
              member("inquiry", ParticipantKind.AUDITOR, Tlp.RED, "CH"));
      List<DemoPki.Subject> subjects = new ArrayList<>();
      participants.forEach(p -> subjects.add(new DemoPki.Subject(p.id(), p.name(), DemoPki.KeyType.EC_P256)));
      DemoPki.create(dir.resolve("pki"), subjects);
      Directory.write(dir.resolve("directory.yaml"), "pki/ca.crt.pem", "pki/hub.crt.pem", participants);
    }
    HubSettings settings = HubSettings.defaults(dir).withPorts(FreePorts.next(), FreePorts.next());
    settings = settings.withAudit(audit.apply(settings.audit()));
    Hub hub = Hub.start(settings);
    // the writer migrates the store in the background; reads before that find no tables
    Instant deadline = Instant.now().plusSeconds(30);
    while (!hub.audit().writer().storeReady() && Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
    }
    return new AuditHub(dir, hub);
  }

  @Override
  public void close() throws Exception {
    hub.close();
  }

  static Participant member(String id, ParticipantKind kind, Tlp clearance, String country) {
    return new Participant(id, kind, "Org " + id, List.of(country), clearance, "pki/" + id + ".crt.pem");
  }

  static String ivoryPackage(UUID id, String originator) {
    return """
        {
          "id": "%s",
          "createdAt": "%s",
          "originator": {"org": "%s", "reference": "AUDIT-1"},
          "title": "Ivory",
          "summary": "Raw tusks by air to Vientiane, then by road through Boten to Mohan.",
          "tlp": "AMBER",
          "subjects": [
            {"ref": "S1", "type": "PERSON", "name": "Subject Wang Kai", "nationalities": ["CN"],
             "identifiers": [{"type": "PASSPORT", "value": "E77700001", "country": "CN"}]}
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

  KeyHolder keys(String id) throws Exception {
    return FileKeyHolder.fromPem(dir.resolve("pki/" + id + ".crt.pem"), dir.resolve("pki/" + id + ".key.pem"));
  }

  byte[] seal(String signer, String json) throws Exception {
    return Cms.seal(json.getBytes(StandardCharsets.UTF_8), keys(signer), Pem.readCertificate(dir.resolve("pki/hub.crt.pem")));
  }

  HttpClient client(String as) throws Exception {
    return HttpClient.newBuilder()
        .sslContext(TlsClients.context(dir.resolve("pki/" + as + ".p12"), dir.resolve("pki/truststore.p12"), PW))
        .build();
  }

  /** POSTs a submission as the participant; returns the tracking id from a 202, or fails. */
  HttpResponse<String> submit(String as, byte[] body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(hub.httpsUrl() + "/api/v1/packages"))
            .header("Content-Type", "application/pkcs7-mime")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return client(as).send(request, HttpResponse.BodyHandlers.ofString());
  }

  static String trackingId(HttpResponse<String> answer) {
    String body = answer.body();
    int i = body.indexOf("\"trackingId\":\"") + 14;
    return body.substring(i, body.indexOf('"', i));
  }

  HttpResponse<byte[]> get(String as, String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(hub.httpsUrl() + path)).GET().build();
    return client(as).send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  Receipt receipt(String ngo) throws Exception {
    byte[] sealed = take(ngo, "wildex.receipts." + ngo, 20_000);
    if (sealed == null) {
      throw new AssertionError("no receipt for " + ngo);
    }
    return PackageCodec.fromJson(Cms.open(sealed, keys(ngo)).content(), Receipt.class);
  }

  String brokerUrl(String as) {
    return hub.brokerUrl() + "?sslEnabled=true&keyStorePath=" + dir.resolve("pki/" + as + ".p12") + "&keyStorePassword=" + PW
        + "&trustStorePath=" + dir.resolve("pki/truststore.p12") + "&trustStorePassword=" + PW;
  }

  /** A STOMP 1.2 client over TLS with the participant's certificate, CONNECTED (or it throws). */
  StompClient stomp(String as) throws Exception {
    URI broker = URI.create(hub.brokerUrl());
    StompClient client = StompClient.open(
        TlsClients.context(dir.resolve("pki/" + as + ".p12"), dir.resolve("pki/truststore.p12"), PW), broker.getHost(),
        broker.getPort());
    StompClient.Frame connected = client.connect(null);
    if (!connected.command().equals("CONNECTED")) {
      client.close();
      throw new AssertionError("STOMP CONNECT as " + as + ": " + connected);
    }
    return client;
  }

  /** Takes (and acknowledges) one message as the participant over TLS; null after {@code millis}. */
  byte[] take(String as, String queue, long millis) throws Exception {
    try (Connection c = new ActiveMQConnectionFactory(brokerUrl(as)).createConnection()) {
      c.start();
      Session session = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
      MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
      Message m = consumer.receive(millis);
      if (m == null) {
        return null;
      }
      BytesMessage bytes = (BytesMessage) m;
      byte[] body = new byte[(int) bytes.getBodyLength()];
      bytes.readBytes(body);
      return body;
    }
  }

  /**
   * The package's trail from the store, waiting until it holds at least {@code types} (in any order). A read that finds
   * no connection (the pool still reconnecting after an outage) counts as "not yet", until the deadline.
   */
  List<AuditEntry> awaitTrail(String id, List<AuditEventType> types, Duration timeout) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    List<AuditEntry> trail = List.of();
    SQLTransientConnectionException unreachable = null;
    while (Instant.now().isBefore(deadline)) {
      try {
        trail = hub.audit().store().trail(id);
        unreachable = null;
      } catch (SQLTransientConnectionException e) {
        unreachable = e;
        continue;
      }
      List<AuditEventType> have = new ArrayList<>(trail.stream().map(e -> e.event().type()).toList());
      boolean all = true;
      for (AuditEventType t : types) {
        if (!have.remove(t)) {
          all = false;
          break;
        }
      }
      if (all) {
        return trail;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("trail of " + id + " after " + timeout + ": " + trail.stream().map(e -> e.event().type()).toList()
        + ", wanted " + types + " (writer problem: " + hub.audit().writer().lastProblem() + ")", unreachable);
  }
}
