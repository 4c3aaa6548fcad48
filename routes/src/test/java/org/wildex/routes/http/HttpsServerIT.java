package org.wildex.routes.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildex.crypto.pki.DemoPki;
import org.wildex.routes.support.TlsClients;

class HttpsServerIT {

  private static final int MAX_BODY = 1024;

  @TempDir static Path pki;

  private HttpsServer server;
  private CamelContext camel;

  @BeforeAll
  static void createPki() throws Exception {
    DemoPki.create(pki, List.of(
        new DemoPki.Subject("eia", "Environmental Investigation Agency", DemoPki.KeyType.EC_P256),
        new DemoPki.Subject("ncb-ke", "INTERPOL NCB Nairobi", DemoPki.KeyType.RSA_2048)));
  }

  @BeforeEach
  void start() throws Exception {
    server = new HttpsServer(new HttpsSettings("127.0.0.1", 0, pki.resolve("hub.p12"), pki.resolve("truststore.p12"),
        DemoPki.PASSWORD, MAX_BODY));
    server.start();
    camel = new DefaultCamelContext();
    server.bindTo(camel);
    camel.addRoutes(new RouteBuilder() {
      @Override
      public void configure() {
        from("platform-http:/api/v1/packages?httpMethodRestrict=POST")
            .routeId("test.echo-peer")
            .process(exchange -> {
              String who = HttpsServer.peerCertificate(exchange)
                  .map(cert -> cert.getSubjectX500Principal().getName())
                  .orElse("anonymous");
              byte[] body = exchange.getIn().getBody(byte[].class);
              exchange.getMessage().setBody(who + "|" + (body == null ? 0 : body.length));
            });
      }
    });
    camel.start();
  }

  @AfterEach
  void stop() throws Exception {
    if (camel != null) {
      camel.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void client_with_a_certificate_is_identified_by_its_verified_subject() throws Exception {
    HttpResponse<String> response = post(client("eia"), "sealed".getBytes(StandardCharsets.US_ASCII));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("CN=eia,O=Environmental Investigation Agency|6");
  }

  @Test
  void rsa_client_certificate_works_too() throws Exception {
    HttpResponse<String> response = post(client("ncb-ke"), new byte[] {1, 2, 3});

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("CN=ncb-ke,O=INTERPOL NCB Nairobi|3");
  }

  @Test
  void client_without_a_certificate_fails_the_handshake() throws Exception {
    HttpClient anonymous = HttpClient.newBuilder()
        .sslContext(TlsClients.context(null, pki.resolve("truststore.p12"), DemoPki.PASSWORD))
        .connectTimeout(Duration.ofSeconds(5))
        .build();

    assertThatThrownBy(() -> post(anonymous, "sealed".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(IOException.class);
  }

  @Test
  void forged_certificate_headers_never_change_the_identity() throws Exception {
    HttpRequest request = HttpRequest.newBuilder(uri())
        .header("X-Client-Cert", "CN=ncb-ke,O=INTERPOL NCB Nairobi")
        .header("X-SSL-Client-DN", "CN=ncb-ke,O=INTERPOL NCB Nairobi")
        .header("X-Forwarded-Client-Cert", "Subject=\"CN=ncb-ke\"")
        .header("ssl-client-subject-dn", "CN=ncb-ke")
        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {42}))
        .build();

    HttpResponse<String> response = client("eia").send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("CN=eia,O=Environmental Investigation Agency|1");
  }

  @Test
  void a_draining_server_answers_503_with_retry_after_even_once_its_routes_are_gone() throws Exception {
    server.drain();
    HttpResponse<String> whileRoutesRun = post(client("eia"), new byte[] {1});
    camel.stop();
    HttpResponse<String> afterRoutesStopped = post(client("eia"), new byte[] {1});

    for (HttpResponse<String> response : List.of(whileRoutesRun, afterRoutesStopped)) {
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.headers().firstValue("Retry-After")).contains("30");
      assertThat(response.body()).contains("\"reason\":\"HUB_UNAVAILABLE\"");
    }
  }

  @Test
  void body_at_the_limit_is_accepted() throws Exception {
    HttpResponse<String> response = post(client("eia"), new byte[MAX_BODY]);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).endsWith("|" + MAX_BODY);
  }

  @Test
  void declared_body_over_the_limit_gets_413_with_its_reason_code() throws Exception {
    HttpResponse<String> response = post(client("eia"), new byte[MAX_BODY + 1]);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("PAYLOAD_TOO_LARGE");
  }

  @Test
  void chunked_body_over_the_limit_gets_413() throws Exception {
    byte[] body = new byte[MAX_BODY * 2];
    HttpRequest request = HttpRequest.newBuilder(uri())
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
        .build();

    HttpResponse<String> response = client("eia").send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(413);
  }

  @Test
  void other_methods_are_not_served() throws Exception {
    HttpRequest request = HttpRequest.newBuilder(uri()).GET().build();

    HttpResponse<String> response = client("eia").send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isIn(404, 405);
  }

  private HttpClient client(String participant) throws Exception {
    SSLContext ssl = TlsClients.context(pki.resolve(participant + ".p12"), pki.resolve("truststore.p12"), DemoPki.PASSWORD);
    return HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  private HttpResponse<String> post(HttpClient client, byte[] body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(uri())
        .header("Content-Type", "application/pkcs7-mime")
        .timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private URI uri() {
    return URI.create("https://localhost:" + server.port() + "/api/v1/packages");
  }
}
