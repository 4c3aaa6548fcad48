package org.wildex.routes;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.wildex.contracts.Tlp;
import org.wildex.contracts.directory.Directory;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.directory.ParticipantKind;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.contracts.receipt.Receipt;
import org.wildex.crypto.cms.Cms;
import org.wildex.crypto.pki.DemoPki;
import org.wildex.crypto.pki.FileKeyHolder;
import org.wildex.crypto.pki.KeyHolder;
import org.wildex.routes.support.FreePorts;
import org.wildex.routes.support.TlsClients;

/** Talks to a running {@link Hub} as its users do: HTTPS with a participant's certificate in, the broker over TLS out. */
final class HubTestClient {

  static final String PW = DemoPki.PASSWORD;

  private final Hub hub;
  private final Path workdir;

  HubTestClient(Hub hub, Path workdir) {
    this.hub = hub;
    this.workdir = workdir;
  }

  /** A directory member with one certificate file under {@code pki/}. */
  static Participant member(String id, ParticipantKind kind, Tlp clearance, String... countries) {
    return new Participant(id, kind, "Org " + id, List.of(countries), clearance, "pki/" + id + ".crt.pem");
  }

  /**
   * Writes a workdir as the demo lays it out: {@code pki/} (demo CA, hub, a P-256 key for every member and for each
   * id in {@code unregistered}) and {@code directory.yaml} listing the members only.
   */
  static void createWorkdir(Path dir, List<Participant> members, String... unregistered) throws Exception {
    List<DemoPki.Subject> subjects = new ArrayList<>();
    members.forEach(p -> subjects.add(new DemoPki.Subject(p.id(), p.name(), DemoPki.KeyType.EC_P256)));
    for (String id : unregistered) {
      subjects.add(new DemoPki.Subject(id, "Org " + id, DemoPki.KeyType.EC_P256));
    }
    DemoPki.create(dir.resolve("pki"), subjects);
    Directory.write(dir.resolve("directory.yaml"), "pki/ca.crt.pem", "pki/hub.crt.pem", members);
  }

  /** Starts a hub on free ports over a workdir made by {@link #createWorkdir}. */
  static Hub startHub(Path dir) throws Exception {
    return Hub.start(HubSettings.defaults(dir).withPorts(FreePorts.next(), FreePorts.next()));
  }

  KeyHolder keys(String id) throws Exception {
    return FileKeyHolder.fromPem(workdir.resolve("pki/" + id + ".crt.pem"), workdir.resolve("pki/" + id + ".key.pem"));
  }

  HttpResponse<String> submit(String as, byte[] body) throws Exception {
    return submit(as, body, "application/pkcs7-mime");
  }

  HttpResponse<String> submit(String as, byte[] body, String contentType) throws Exception {
    return post(as, "/api/v1/packages", body, contentType);
  }

  /** GETs the hub's {@code path} over HTTPS with the participant's certificate. */
  HttpResponse<byte[]> get(String as, String path) throws Exception {
    HttpClient client = HttpClient.newBuilder()
        .sslContext(TlsClients.context(workdir.resolve("pki/" + as + ".p12"), workdir.resolve("pki/truststore.p12"), PW))
        .build();
    return client.send(HttpRequest.newBuilder(URI.create(hub.httpsUrl() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  /** POSTs {@code body} to the hub's {@code path} over HTTPS with the participant's certificate. */
  HttpResponse<String> post(String as, String path, byte[] body, String contentType) throws Exception {
    HttpClient client = HttpClient.newBuilder()
        .sslContext(TlsClients.context(workdir.resolve("pki/" + as + ".p12"), workdir.resolve("pki/truststore.p12"), PW))
        .build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(hub.httpsUrl() + path))
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** The next receipt for an NGO, opened; fails the test if none comes within 10 s. */
  Receipt receipt(String ngo) throws Exception {
    byte[] sealed = take(ngo, "wildex.receipts." + ngo, 10_000);
    if (sealed == null) {
      throw new AssertionError("no receipt for " + ngo + " within 10 s");
    }
    return PackageCodec.fromJson(Cms.open(sealed, keys(ngo)).content(), Receipt.class);
  }

  /**
   * Takes one message from a queue as the participant, over TLS with its certificate; null after {@code millis}. A
   * package's deliveries and receipt commit in one broker transaction, so once the receipt is in, a short wait proves
   * a delivery is absent.
   */
  byte[] take(String as, String queue, long millis) throws Exception {
    String url = hub.brokerUrl() + "?sslEnabled=true&keyStorePath=" + workdir.resolve("pki/" + as + ".p12") + "&keyStorePassword=" + PW
        + "&trustStorePath=" + workdir.resolve("pki/truststore.p12") + "&trustStorePassword=" + PW;
    try (Connection c = new ActiveMQConnectionFactory(url).createConnection()) {
      return receive(c, queue, millis);
    }
  }

  /** A connection to the broker as the participant, over TLS with its certificate (not started). */
  Connection connect(String as) throws Exception {
    String url = hub.brokerUrl() + "?sslEnabled=true&keyStorePath=" + workdir.resolve("pki/" + as + ".p12") + "&keyStorePassword=" + PW
        + "&trustStorePath=" + workdir.resolve("pki/truststore.p12") + "&trustStorePassword=" + PW;
    return new ActiveMQConnectionFactory(url).createConnection();
  }

  /** Takes one message as the hub itself (in-VM), e.g. from the quarantine no participant may read. */
  byte[] takeAsHub(String queue, long millis) throws Exception {
    try (Connection c = new ActiveMQConnectionFactory(hub.broker().inVmUrl(), hub.broker().hubUser(), hub.broker().hubPassword())
        .createConnection()) {
      return receive(c, queue, millis);
    }
  }

  private static byte[] receive(Connection c, String queue, long millis) throws Exception {
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
