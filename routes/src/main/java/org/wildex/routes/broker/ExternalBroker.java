package org.wildex.routes.broker;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import java.nio.file.Path;
import java.util.Objects;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.jms.client.ActiveMQConnection;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Artemis broker the hub does not run (a live/backup pair or a cluster started with {@code wildex broker}), reached
 * over TLS with the hub's own certificate: the broker's security manager maps that certificate to the hub role, so no
 * password is involved. The URL is Artemis's own: one broker ({@code tcp://host:61617}) or a list with failover
 * ({@code (tcp://a:61617?name=primary,tcp://b:61618?name=backup)?ha=true&reconnectAttempts=-1}); the TLS parameters
 * (key store, trust store, their type and password) are added here and never printed. Name each connector after the
 * broker's own connector for that node ({@code name=primary}): on failover the client then uses its own connector, with
 * the hub's certificate, instead of the one the cluster topology announces (which carries no key store). For the same
 * reason new connections go to the URL's brokers, not to others the topology names ({@code useTopologyForLoadBalancing=false}
 * unless the URL says otherwise).
 *
 * <p>A watch connection tells {@code /health/ready} whether the broker is reachable: it goes down when the client
 * detects a failure and up again once it failed over (or reconnected).
 */
public final class ExternalBroker implements HubBroker {

  private static final Logger LOG = LoggerFactory.getLogger(ExternalBroker.class);
  /** How often {@link #isStarted} tries to replace a watch connection that was lost for good. */
  private static final long REWATCH_EVERY_NANOS = 5_000_000_000L;
  /**
   * How long a blocking call (a send, a commit, closing a consumer) waits for a failover in progress before it fails,
   * unless the URL says otherwise: Artemis's default waits for ever, so a hub stopped while no broker is reachable would
   * never stop.
   */
  static final long CALL_FAILOVER_TIMEOUT_MS = 30_000;

  private final String url;
  private final String connectUrl;
  private ActiveMQConnectionFactory watchFactory;
  private Connection watch;
  /** Up, as far as the watch connection knows. */
  private volatile boolean connected;
  /** The watch connection failed for good (its failover gave up): {@link #isStarted} replaces it. */
  private volatile boolean lost;
  private volatile long lastWatchAttempt;

  /**
   * @param url the broker URL as the operator wrote it, without TLS parameters
   * @param keyStoreP12 the hub's key store ({@code hub.p12}), presented as client certificate
   * @param trustStoreP12 the CA the brokers' certificates must chain to
   * @param storePassword password of both stores
   */
  public ExternalBroker(String url, Path keyStoreP12, Path trustStoreP12, String storePassword) {
    this.url = Objects.requireNonNull(url, "url");
    if (url.contains("keyStorePassword") || url.contains("sslEnabled")) {
      throw new IllegalArgumentException("give the broker URL without TLS parameters: wildex adds the hub's key store and"
          + " trust store itself");
    }
    this.connectUrl = url + (url.contains("?") ? "&" : "?")
        + (url.contains("callFailoverTimeout") ? "" : "callFailoverTimeout=" + CALL_FAILOVER_TIMEOUT_MS + "&")
        + (url.contains("useTopologyForLoadBalancing") ? "" : "useTopologyForLoadBalancing=false&")
        + "sslEnabled=true&keyStoreType=PKCS12&keyStorePath=" + keyStoreP12.toAbsolutePath()
        + "&keyStorePassword=" + storePassword
        + "&trustStoreType=PKCS12&trustStorePath=" + trustStoreP12.toAbsolutePath()
        + "&trustStorePassword=" + storePassword;
  }

  /** Connects the watch connection; fails with the broker URL (never the TLS parameters) when it cannot. */
  @Override
  public synchronized void start() throws Exception {
    if (watch != null) {
      throw new IllegalStateException("already connected to " + url);
    }
    try {
      connectWatch();
    } catch (JMSException e) {
      throw new IllegalStateException("cannot connect to the broker at " + url + " with the hub's certificate: "
          + e.getMessage() + " (is `wildex broker` running there, with this workdir's CA and hub certificate?)", e);
    }
    LOG.info("event=BROKER_CONNECTED broker={} (external; TLS with the hub's certificate)", url);
  }

  private void connectWatch() throws JMSException {
    lastWatchAttempt = System.nanoTime();
    ActiveMQConnectionFactory factory = hubConnections();
    try {
      Connection c = factory.createConnection();
      ((ActiveMQConnection) c).setFailoverListener(event -> {
        switch (event) {
          case FAILURE_DETECTED -> {
            connected = false;
            LOG.warn("event=BROKER_CONNECTION_FAILED broker={} (reconnecting or failing over)", url);
          }
          case FAILOVER_COMPLETED -> {
            connected = true;
            LOG.info("event=BROKER_FAILOVER_COMPLETED broker={}", url);
          }
          case FAILOVER_FAILED -> {
            connected = false;
            lost = true;
            LOG.error("event=BROKER_FAILOVER_FAILED broker={} (the hub's consumers keep trying)", url);
          }
          default -> LOG.info("event=BROKER_{} broker={}", event, url);
        }
      });
      c.setExceptionListener(e -> {
        if (ActiveMQConnection.EXCEPTION_FAILOVER.equals(e.getErrorCode())) {
          return; // the client failed over and recreated its sessions; the failover listener said so
        }
        connected = false;
        lost = true;
        LOG.warn("event=BROKER_CONNECTION_LOST broker={} error={}", url, e.getMessage());
      });
      c.start();
      watch = c;
      watchFactory = factory;
      connected = true;
      lost = false;
    } catch (JMSException | RuntimeException e) {
      factory.close();
      throw e;
    }
  }

  @Override
  public synchronized void stop() throws Exception {
    connected = false;
    try {
      if (watch != null) {
        watch.close();
      }
    } finally {
      watch = null;
      if (watchFactory != null) {
        watchFactory.close();
        watchFactory = null;
      }
    }
  }

  /**
   * True while the watch connection is up. While the client fails over it is false; a watch connection whose failover
   * gave up is replaced, trying at most every 5 seconds.
   */
  @Override
  public boolean isStarted() {
    if (connected || !lost) {
      return connected;
    }
    synchronized (this) {
      if (watch == null || connected || System.nanoTime() - lastWatchAttempt < REWATCH_EVERY_NANOS) {
        return connected;
      }
      Connection old = watch;
      ActiveMQConnectionFactory oldFactory = watchFactory;
      try {
        connectWatch();
        LOG.info("event=BROKER_CONNECTED broker={} (watch connection replaced)", url);
        closeQuietly(old, oldFactory);
      } catch (JMSException | RuntimeException e) {
        LOG.debug("broker {} still unreachable: {}", url, e.getMessage());
      }
      return connected;
    }
  }

  private static void closeQuietly(Connection c, ActiveMQConnectionFactory factory) {
    try {
      c.close();
    } catch (JMSException e) {
      LOG.debug("closing the lost watch connection: {}", e.getMessage());
    } finally {
      factory.close();
    }
  }

  @Override
  public ActiveMQConnectionFactory hubConnections() {
    return new ActiveMQConnectionFactory(connectUrl);
  }

  @Override
  public String networkUrl() {
    return url;
  }

  /** Null: the broker's meters are on the broker's own node. */
  @Override
  public ActiveMQServer server() {
    return null;
  }

  @Override
  public String toString() {
    return "ExternalBroker[" + url + "]";
  }
}
