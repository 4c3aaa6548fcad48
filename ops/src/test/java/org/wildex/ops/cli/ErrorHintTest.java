package org.wildex.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.security.UnrecoverableKeyException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** The line after a failure's message that says what to do, for the failures people meet most. */
class ErrorHintTest {

  @Test
  void a_refused_connection_says_to_start_the_hub_or_check_the_ports() {
    assertThat(WildexCommand.hint(new IOException("submit failed", new ConnectException("Connection refused"))))
        .contains("wildex serve").contains("--https-port");
  }

  @Test
  void a_wrong_store_password_names_the_variable_to_set() {
    assertThat(WildexCommand.hint(new IOException("keystore password was incorrect", new UnrecoverableKeyException("x"))))
        .contains("WILDEX_STORE_PASSWORD");
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
}
