package org.wildex.routes.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.remoting.impl.netty.TransportConstants;
import org.junit.jupiter.api.Test;

/** The participants' acceptor as configured: TLS with client certificates, on Java NIO (ops/bench/README.md). */
class ParticipantAcceptorTest {

  @Test
  void tls_with_client_certificates_on_java_nio() {
    TransportConfiguration acceptor = BrokerRules.participantAcceptor("network", "localhost", 61617,
        Path.of("pki", "hub.p12"), Path.of("pki", "truststore.p12"), "secret");
    assertThat(acceptor.getParams())
        .containsEntry(TransportConstants.SSL_ENABLED_PROP_NAME, true)
        .containsEntry(TransportConstants.NEED_CLIENT_AUTH_PROP_NAME, true)
        .containsEntry(TransportConstants.USE_EPOLL_PROP_NAME, false);
  }
}
