package org.wildex.routes.broker;

import java.nio.file.Path;
import java.util.Objects;
import org.wildex.contracts.directory.Directory;

/**
 * Where the embedded broker keeps its journal, where it listens and which TLS material and directory it trusts.
 *
 * @param dataDir the hub's data directory; the broker writes under {@code dataDir/broker}
 * @param host network acceptor host (e.g. {@code 0.0.0.0} or {@code 127.0.0.1})
 * @param port network acceptor port (CORE and AMQP, TLS only); 0 is not allowed by Artemis, pick a free port
 * @param keyStoreP12 the hub's PKCS#12 key store ({@code hub.p12})
 * @param trustStoreP12 PKCS#12 trust store holding the CA ({@code truststore.p12})
 * @param storePassword password of both stores
 * @param directory participants allowed to connect, with their certificates
 */
public record BrokerSettings(
    Path dataDir,
    String host,
    int port,
    Path keyStoreP12,
    Path trustStoreP12,
    String storePassword,
    Directory directory) {

  public BrokerSettings {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(keyStoreP12, "keyStoreP12");
    Objects.requireNonNull(trustStoreP12, "trustStoreP12");
    Objects.requireNonNull(storePassword, "storePassword");
    Objects.requireNonNull(directory, "directory");
    if (port <= 0 || port > 65535) {
      throw new IllegalArgumentException("broker port must be 1..65535, was " + port);
    }
  }

  /** The broker's own folder under the data directory. */
  public Path brokerDir() {
    return dataDir.resolve("broker");
  }

  @Override
  public String toString() {
    return "BrokerSettings[dataDir=" + dataDir + ", host=" + host + ", port=" + port
        + ", keyStoreP12=" + keyStoreP12 + ", trustStoreP12=" + trustStoreP12 + ", storePassword=***]";
  }
}
