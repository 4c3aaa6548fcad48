package org.wildex.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildex.contracts.Tlp;
import org.wildex.contracts.directory.ParticipantKind;
import org.wildex.crypto.cms.Cms;
import org.wildex.crypto.pki.DemoPki;
import org.wildex.crypto.pki.Pem;
import org.wildex.crypto.pki.RevocationList;
import org.wildex.routes.support.StompClient;
import org.wildex.routes.support.TlsClients;

/** A participant the CA revokes while the hub runs is refused on its next broker connection and its next submission. */
class RevocationIT {

  @TempDir static Path dir;
  static Hub hub;
  static HubTestClient client;

  @BeforeAll
  static void startHub() throws Exception {
    HubTestClient.createWorkdir(dir, List.of(
        HubTestClient.member("eia", ParticipantKind.NGO, Tlp.AMBER, "GB"),
        HubTestClient.member("ncb-la", ParticipantKind.NCB, Tlp.AMBER, "LA"),
        HubTestClient.member("customs-la", ParticipantKind.CUSTOMS, Tlp.AMBER, "LA")));
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
  void a_revoked_agency_is_refused_on_its_next_core_amqp_and_stomp_connection() throws Exception {
    try (Connection core = core("ncb-la"); Connection amqp = amqp("ncb-la")) {
      core.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(queue(core, "wildex.deliver.ncb-la")).close();
      amqp.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(queue(amqp, "wildex.deliver.ncb-la")).close();
    }
    assertThat(stompConnect("ncb-la").command()).isEqualTo("CONNECTED");
    RevocationList.revoke(dir.resolve("pki"), Pem.readCertificate(dir.resolve("pki/ncb-la.crt.pem")));

    assertThatThrownBy(() -> core("ncb-la").close()).isInstanceOf(JMSException.class);
    assertThatThrownBy(() -> amqp("ncb-la").close()).isInstanceOf(JMSException.class);
    assertThat(stompConnect("ncb-la").command()).isEqualTo("ERROR");
    try (Connection other = core("customs-la")) {
      assertThat(other).as("an agency that was not revoked still connects").isNotNull();
    }
  }

  @Test
  void a_revoked_ngo_is_refused_at_intake() throws Exception {
    String json = """
        {"id": "%s", "createdAt": "%s", "originator": {"org": "eia", "reference": "R-1"}, "title": "Tiger skins",
         "tlp": "GREEN", "subjects": [{"ref": "S1", "type": "ORGANISATION", "name": "Shop", "country": "LA"}],
         "requestedAction": "INVESTIGATE"}
        """.formatted(UUID.randomUUID(), Instant.now());
    byte[] sealed = Cms.seal(json.getBytes(StandardCharsets.UTF_8), client.keys("eia"), Pem.readCertificate(dir.resolve("pki/hub.crt.pem")));
    assertThat(client.submit("eia", sealed).statusCode()).isEqualTo(202);
    assertThat(client.receipt("eia").status()).isEqualTo("ACCEPTED");

    RevocationList.revoke(dir.resolve("pki"), Pem.readCertificate(dir.resolve("pki/eia.crt.pem")));
    HttpResponse<String> refused = client.submit("eia", sealed);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("CERT_REVOKED");
    assertThat(client.takeAsHub("wildex.quarantine", 5000)).isEqualTo(sealed);
  }

  private static jakarta.jms.Queue queue(Connection c, String name) throws JMSException {
    return c.createSession(false, Session.AUTO_ACKNOWLEDGE).createQueue(name);
  }

  /** The broker's answer to a STOMP CONNECT over TLS with the participant's certificate. */
  private static StompClient.Frame stompConnect(String as) throws Exception {
    URI broker = URI.create(hub.brokerUrl());
    try (StompClient stomp = StompClient.open(TlsClients.context(dir.resolve("pki/" + as + ".p12"),
        dir.resolve("pki/truststore.p12"), DemoPki.PASSWORD), broker.getHost(), broker.getPort())) {
      return stomp.connect(null);
    }
  }

  private static Connection core(String as) throws JMSException {
    String url = hub.brokerUrl() + "?sslEnabled=true&keyStorePath=" + dir.resolve("pki/" + as + ".p12") + "&keyStorePassword="
        + DemoPki.PASSWORD + "&trustStorePath=" + dir.resolve("pki/truststore.p12") + "&trustStorePassword=" + DemoPki.PASSWORD;
    Connection c = new ActiveMQConnectionFactory(url).createConnection();
    c.start();
    return c;
  }

  private static Connection amqp(String as) throws JMSException {
    String url = "amqps://localhost:" + URI.create(hub.brokerUrl()).getPort()
        + "?transport.storeType=PKCS12&transport.keyStoreLocation=" + dir.resolve("pki/" + as + ".p12")
        + "&transport.keyStorePassword=" + DemoPki.PASSWORD + "&transport.trustStoreLocation=" + dir.resolve("pki/truststore.p12")
        + "&transport.trustStorePassword=" + DemoPki.PASSWORD + "&amqp.saslMechanisms=EXTERNAL";
    Connection c = new JmsConnectionFactory(url).createConnection();
    c.start();
    return c;
  }
}
