package org.wildex.routes.broker;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.apache.activemq.artemis.core.remoting.server.RemotingService;
import org.apache.activemq.artemis.core.server.ActivateCallback;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.utils.CertificateUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wildex.contracts.ReasonCode;

/**
 * Closes the broker connections whose client certificate was revoked after they logged in. Login refuses a revoked
 * certificate, but a connection opened before the revocation would otherwise keep its consumers (and receive new
 * deliveries) for as long as it stays up. Once per {@link #PERIOD} on the broker's scheduled pool, every connection
 * that carries a client certificate is checked (the CRL is re-read when its file changes); a revoked one is removed
 * and failed with its sessions, so its AMQP links, Core consumers and STOMP subscriptions end within seconds and
 * whatever they had not acknowledged goes back to the queue.
 */
final class RevokedConnections implements Runnable {

  /** How often the open connections are checked. */
  static final Duration PERIOD = Duration.ofSeconds(1);

  private static final Logger LOG = LoggerFactory.getLogger(RevokedConnections.class);

  private final ActiveMQServer server;
  private final Predicate<X509Certificate> revoked;

  private RevokedConnections(ActiveMQServer server, Predicate<X509Certificate> revoked) {
    this.server = server;
    this.revoked = revoked;
  }

  /** Checks the server's connections from each activation on (a backup's only once it takes over); call before start. */
  static void watch(ActiveMQServer server, Predicate<X509Certificate> revoked) {
    RevokedConnections sweep = new RevokedConnections(server, revoked);
    server.registerActivateCallback(new ActivateCallback() {
      @Override
      public void activationComplete() {
        server.getScheduledPool().scheduleWithFixedDelay(sweep, PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
      }
    });
  }

  @Override
  public void run() {
    try {
      RemotingService remoting = server.getRemotingService();
      for (RemotingConnection connection : remoting.getConnections()) {
        X509Certificate[] chain = CertificateUtil.getCertsFromConnection(connection);
        if (chain != null && chain.length > 0 && chain[0] != null && revoked.test(chain[0])) {
          LOG.warn("event=CONNECTION_CLOSED reason={} serial={} remote={} (certificate revoked while connected)",
              ReasonCode.CERT_REVOKED, chain[0].getSerialNumber().toString(16), connection.getRemoteAddress());
          remoting.removeConnection(connection.getID());
          connection.fail(new ActiveMQSecurityException(ReasonCode.CERT_REVOKED.description()));
        }
      }
    } catch (RuntimeException e) {
      // a failed look must not cancel the next ones (a scheduled task that throws is never run again)
      LOG.error("event=REVOCATION_SWEEP_FAILED error={}: {}", e.getClass().getSimpleName(), e.getMessage());
    }
  }
}
