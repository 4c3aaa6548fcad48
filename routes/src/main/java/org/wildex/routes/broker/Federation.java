package org.wildex.routes.broker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.BridgeConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory;
import org.apache.activemq.artemis.core.remoting.impl.netty.TransportConstants;
import org.wildex.contracts.directory.Directory;
import org.wildex.contracts.directory.Peer;
import org.wildex.routes.TlsPolicy;

/**
 * Federation between regional hubs on the broker: for every peer region whose broker the directory names, an Artemis
 * core bridge from {@code wildex.federation.out.<region>} to the peer broker's {@code wildex.federation.in}, over TLS
 * with this hub's own certificate as client certificate (the peer's security manager knows it from the peer's
 * directory and lets it send there and nowhere else). Duplicate detection is on (a hand-over re-sent after a broken
 * connection is dropped by the peer's broker), and the bridge reconnects forever: hand-overs wait durably in the
 * outbound queue while the peer is down.
 */
final class Federation {

  /** Wait between reconnection attempts to a peer broker, doubling up to {@link #MAX_RETRY_INTERVAL_MS}. */
  static final long RETRY_INTERVAL_MS = 500;
  static final long MAX_RETRY_INTERVAL_MS = 5_000;

  private Federation() {}

  /** Adds one connector and one core bridge per peer region with a broker; nothing without peers. */
  static void bridges(Configuration config, BrokerSettings settings) {
    Directory directory = settings.directory();
    List<BridgeConfiguration> bridges = new ArrayList<>(config.getBridgeConfigurations());
    for (Peer peer : directory.peers()) {
      if (peer.broker() == null) {
        continue;
      }
      String connector = "federation-" + peer.region();
      config.addConnectorConfiguration(connector, connector(connector, peer, settings));
      bridges.add(new BridgeConfiguration()
          .setName(connector)
          .setQueueName(EmbeddedBroker.FEDERATION_OUT_PREFIX + peer.region())
          .setForwardingAddress(EmbeddedBroker.FEDERATION_IN)
          .setStaticConnectors(List.of(connector))
          .setUseDuplicateDetection(true)
          .setReconnectAttempts(-1)
          .setInitialConnectAttempts(-1)
          .setRetryInterval(RETRY_INTERVAL_MS)
          .setRetryIntervalMultiplier(2.0)
          .setMaxRetryInterval(MAX_RETRY_INTERVAL_MS)
          .setHA(false)
          // the peer's security manager accepts its certificate with no name or this region's name
          .setUser(directory.region())
          .setPassword(""));
    }
    config.setBridgeConfigurations(bridges);
  }

  private static TransportConfiguration connector(String name, Peer peer, BrokerSettings settings) {
    Map<String, Object> params = new HashMap<>();
    params.put(TransportConstants.HOST_PROP_NAME, peer.brokerHost());
    params.put(TransportConstants.PORT_PROP_NAME, peer.brokerPort());
    params.put(TransportConstants.SSL_ENABLED_PROP_NAME, true);
    params.put(TransportConstants.KEYSTORE_TYPE_PROP_NAME, "PKCS12");
    params.put(TransportConstants.KEYSTORE_PATH_PROP_NAME, settings.keyStoreP12().toAbsolutePath().toString());
    params.put(TransportConstants.KEYSTORE_PASSWORD_PROP_NAME, settings.storePassword());
    params.put(TransportConstants.TRUSTSTORE_TYPE_PROP_NAME, "PKCS12");
    params.put(TransportConstants.TRUSTSTORE_PATH_PROP_NAME, settings.trustStoreP12().toAbsolutePath().toString());
    params.put(TransportConstants.TRUSTSTORE_PASSWORD_PROP_NAME, settings.storePassword());
    params.put(TransportConstants.ENABLED_PROTOCOLS_PROP_NAME, String.join(",", TlsPolicy.PROTOCOLS));
    params.put(TransportConstants.ENABLED_CIPHER_SUITES_PROP_NAME, String.join(",", TlsPolicy.CIPHER_SUITES));
    return new TransportConfiguration(NettyConnectorFactory.class.getName(), params, name);
  }
}
