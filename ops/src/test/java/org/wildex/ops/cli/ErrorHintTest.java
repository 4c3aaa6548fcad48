package org.wildex.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Path;
import java.security.UnrecoverableKeyException;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildex.contracts.ReasonCode;
import org.wildex.crypto.pki.DemoPki;
import org.wildex.ops.client.Tls;

/** The line after a failure's message that says what to do, and what to do about each reason code of a rejection. */
class ErrorHintTest {

  @TempDir Path dir;

  @Test
  void a_refused_connection_says_to_start_the_hub_or_check_the_ports() {
    assertThat(WildexCommand.hint(new IOException("submit failed", new ConnectException("Connection refused"))))
        .contains("wildex serve").contains("--https-port").contains("--broker");
    assertThat(WildexCommand.hint(new IllegalStateException("Failed to create session factory",
        new IllegalStateException("AMQ219007: Cannot connect to server(s). Tried with all available servers."))))
        .contains("wildex serve");
  }

  @Test
  void a_wrong_store_password_names_the_variable_to_set() {
    assertThat(WildexCommand.hint(new IOException("keystore password was incorrect", new UnrecoverableKeyException("x"))))
        .contains("WILDEX_STORE_PASSWORD");
  }

  @Test
  void a_wrong_password_is_found_before_connecting_and_named_as_such() throws Exception {
    DemoPki.create(dir, List.of(new DemoPki.Subject("customs-la", "Customs LA", DemoPki.KeyType.EC_P256)));
    Tls.checkStore(dir.resolve("customs-la.p12"), DemoPki.PASSWORD);
    assertThatThrownBy(() -> Tls.checkStore(dir.resolve("customs-la.p12"), "not-the-password"))
        .satisfies(e -> assertThat(e.getMessage()).contains("customs-la.p12"))
        .satisfies(e -> assertThat(WildexCommand.hint(e)).contains("WILDEX_STORE_PASSWORD"));
  }

  @Test
  void a_certificate_the_broker_does_not_accept_says_which_certificate_to_use() {
    assertThat(WildexCommand.hint(new IllegalStateException("AMQ229031: Unable to validate user from 127.0.0.1:55078."
        + " Username: null; SSL certificate subject DN: CN=cites-kh, O=ghost")))
        .contains("directory.yaml").contains("after a renewal the new one").contains("revoked").contains("wildex pki list");
  }

  @Test
  void a_failed_handshake_says_which_certificates_to_check() {
    assertThat(WildexCommand.hint(new SSLHandshakeException("Received fatal alert: bad_certificate")))
        .contains("directory.yaml").contains("CA");
  }

  @Test
  void other_failures_get_no_hint() {
    assertThat(WildexCommand.hint(new IllegalStateException("the demo's audit trail does not verify"))).isNull();
  }

  @Test
  void every_reason_code_says_what_to_do() {
    for (ReasonCode code : ReasonCode.values()) {
      assertThat(ErrorHint.forReason(code.name())).as(code.name()).isNotBlank();
    }
    assertThat(ErrorHint.forReason("NOT_CMS")).contains("wildex seal");
    assertThat(ErrorHint.forReason("CLIENT_NOT_REGISTERED")).contains("directory.yaml");
    assertThat(ErrorHint.forReason("NOT_ENCRYPTED_FOR_HUB")).contains("hub.crt.pem");
    assertThat(ErrorHint.forReason("A_CODE_OF_A_NEWER_HUB")).isNull();
    assertThat(ErrorHint.forReason(null)).isNull();
  }
}
