package org.wildex.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildex.contracts.Tlp;
import org.wildex.contracts.directory.Directory;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.directory.ParticipantKind;
import org.wildex.crypto.pki.DemoPki;
import org.wildex.routes.support.TlsClients;

/** HTTPS and the broker acceptor speak only TLS 1.3/1.2 with forward-secret AEAD suites, and only to client certificates. */
class TlsPolicyIT {

  @TempDir static Path dir;
  static Hub hub;

  @BeforeAll
  static void startHub() throws Exception {
    List<Participant> participants = List.of(
        new Participant("eia", ParticipantKind.NGO, "EIA", List.of("GB"), Tlp.AMBER, "pki/eia.crt.pem"),
        new Participant("traffic", ParticipantKind.NGO, "TRAFFIC", List.of("GB"), Tlp.AMBER, "pki/traffic.crt.pem"));
    List<DemoPki.Subject> subjects = new ArrayList<>(List.of(
        new DemoPki.Subject("eia", "EIA", DemoPki.KeyType.EC_P256),
        new DemoPki.Subject("traffic", "TRAFFIC", DemoPki.KeyType.RSA_2048)));
    DemoPki.create(dir.resolve("pki"), subjects);
    Directory.write(dir.resolve("directory.yaml"), "pki/ca.crt.pem", "pki/hub.crt.pem", participants);
    hub = HubTestClient.startHub(dir);
  }

  @AfterAll
  static void stopHub() throws Exception {
    if (hub != null) {
      hub.close();
    }
  }

  @Test
  void https_and_broker_accept_tls13_and_tls12_with_aead_suites() throws Exception {
    for (int port : ports()) {
      assertThat(handshake(port, "eia", "TLSv1.3", "TLS_AES_256_GCM_SHA384")).isEqualTo("TLS_AES_256_GCM_SHA384");
      assertThat(handshake(port, "eia", "TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"))
          .isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
    }
  }

  @Test
  void https_and_broker_refuse_weak_suites_and_old_protocols() throws Exception {
    for (int port : ports()) {
      for (String weak : List.of("TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA")) {
        assertThatThrownBy(() -> handshake(port, "traffic", "TLSv1.2", weak)).as(weak + " on " + port)
            .isInstanceOf(javax.net.ssl.SSLException.class);
      }
      assertThatThrownBy(() -> handshake(port, "eia", "TLSv1.1", null)).as("TLS 1.1 on " + port)
          .isInstanceOf(javax.net.ssl.SSLException.class);
    }
  }

  @Test
  void https_and_broker_refuse_a_client_without_a_certificate() throws Exception {
    for (int port : ports()) {
      assertThatThrownBy(() -> handshake(port, null, "TLSv1.3", null)).as("no client certificate on " + port)
          .isInstanceOfAny(SSLHandshakeException.class, java.net.SocketException.class, javax.net.ssl.SSLException.class);
    }
  }

  private static List<Integer> ports() {
    return List.of(URI.create(hub.httpsUrl()).getPort(), URI.create(hub.brokerUrl()).getPort());
  }

  /** Completes a TLS handshake with exactly one protocol (and suite, unless null); returns the negotiated suite. */
  private static String handshake(int port, String as, String protocol, String suite) throws Exception {
    SSLContext context = TlsClients.context(as == null ? null : dir.resolve("pki/" + as + ".p12"),
        dir.resolve("pki/truststore.p12"), DemoPki.PASSWORD);
    try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", port)) {
      socket.setSoTimeout(5000);
      socket.setEnabledProtocols(new String[] {protocol});
      if (suite != null) {
        socket.setEnabledCipherSuites(new String[] {suite});
      }
      socket.startHandshake();
      if (as == null) {
        // with TLS 1.3 the server's refusal of a missing client certificate arrives after the client's handshake
        socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        if (socket.getInputStream().read() < 0) {
          throw new java.net.SocketException("closed by the server");
        }
      }
      return socket.getSession().getCipherSuite();
    }
  }
}
