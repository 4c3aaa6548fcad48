package org.wildex.routes.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class HttpsServerTest {

  @Test
  void exchange_that_did_not_come_over_https_has_no_peer_certificate() throws Exception {
    try (DefaultCamelContext camel = new DefaultCamelContext()) {
      DefaultExchange exchange = new DefaultExchange(camel);
      exchange.getIn().setHeader("X-Client-Cert", "CN=ncb-ke");

      assertThat(HttpsServer.peerCertificate(exchange)).isEmpty();
    }
  }

  @Test
  void settings_refuse_a_non_positive_body_limit_and_hide_the_password() {
    Path p12 = Path.of("hub.p12");
    assertThatThrownBy(() -> new HttpsSettings("127.0.0.1", 0, p12, p12, "secret", 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new HttpsSettings("127.0.0.1", 0, p12, p12, "secret", 1).toString()).doesNotContain("secret");
  }
}
