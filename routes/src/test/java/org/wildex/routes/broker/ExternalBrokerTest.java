package org.wildex.routes.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

/** How the hub reaches an external broker: TLS with its own stores on every connector, secrets never shown. */
class ExternalBrokerTest {

  private static final String PAIR =
      "(tcp://127.0.0.1:61617?name=primary,tcp://127.0.0.1:61618?name=backup)?ha=true&reconnectAttempts=-1";

  @Test
  void every_connector_of_a_failover_list_uses_tls_with_the_hubs_stores() throws Exception {
    try (ActiveMQConnectionFactory factory = broker(PAIR).hubConnections()) {
      assertThat(factory.isHA()).isTrue();
      assertThat(factory.getReconnectAttempts()).isEqualTo(-1);
      assertThat(factory.isUseTopologyForLoadBalancing()).as("connections go to the brokers the URL names").isFalse();
      assertThat(factory.getCallFailoverTimeout()).isEqualTo(ExternalBroker.CALL_FAILOVER_TIMEOUT_MS);
      TransportConfiguration[] connectors = factory.getStaticConnectors();
      assertThat(connectors).extracting(TransportConfiguration::getName).containsExactly("primary", "backup");
      for (TransportConfiguration c : connectors) {
        assertThat(c.getParams()).containsEntry("sslEnabled", "true")
            .containsEntry("keyStorePath", Path.of("pki", "hub.p12").toAbsolutePath().toString())
            .containsEntry("trustStorePath", Path.of("pki", "truststore.p12").toAbsolutePath().toString());
      }
    }
  }

  @Test
  void the_url_given_keeps_its_own_timeouts_and_is_what_the_hub_shows() throws Exception {
    ExternalBroker broker = broker("tcp://10.0.0.1:61617?callFailoverTimeout=5000");
    try (ActiveMQConnectionFactory factory = broker.hubConnections()) {
      assertThat(factory.getCallFailoverTimeout()).isEqualTo(5000);
    }
    assertThat(broker.networkUrl()).isEqualTo("tcp://10.0.0.1:61617?callFailoverTimeout=5000");
    assertThat(broker.toString()).doesNotContain("s3cret").doesNotContain("keyStore");
    assertThat(broker.server()).isNull();
    assertThat(broker.isStarted()).isFalse();
  }

  @Test
  void a_url_with_tls_parameters_of_its_own_is_refused() {
    assertThatThrownBy(() -> broker("tcp://10.0.0.1:61617?sslEnabled=true&keyStorePassword=x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without TLS parameters");
  }

  private static ExternalBroker broker(String url) {
    return new ExternalBroker(url, Path.of("pki", "hub.p12"), Path.of("pki", "truststore.p12"), "s3cret");
  }
}
