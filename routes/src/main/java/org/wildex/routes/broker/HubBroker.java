package org.wildex.routes.broker;

import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The broker a hub works on: its own embedded Artemis ({@link EmbeddedBroker}, the default) or an external one shared
 * by several hub nodes ({@link ExternalBroker}: a live/backup pair or a cluster run by {@code wildex broker}).
 */
public interface HubBroker extends AutoCloseable {

  /** Starts the broker, or connects to it; fails when it cannot. */
  void start() throws Exception;

  /** Stops the broker, or disconnects from it. Idempotent. */
  void stop() throws Exception;

  @Override
  default void close() throws Exception {
    stop();
  }

  /** Whether the hub can use the broker now (for {@code /health/ready}). */
  boolean isStarted();

  /**
   * Whether the broker's journal has failed since it started (a critical I/O error, after which Artemis stops itself): a
   * write it confirms from then on may not be on disk. Only an embedded broker can tell; an external one answers false.
   */
  default boolean journalFailed() {
    return false;
  }

  /** A new connection factory whose connections act as the hub (every address, every operation). */
  ActiveMQConnectionFactory hubConnections();

  /** Where participants connect, as the hub prints it (never with secrets). */
  String networkUrl();

  /** The embedded server, for the broker's meters and queue gauges; null when the broker is external. */
  ActiveMQServer server();
}
