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
 * Closes network connections that have not logged in within {@link #DEADLINE} of being opened. Without it a client
 * that announces a huge frame and then stalls holds its connection until Artemis's connection TTL (30 to 60 s), one
 * stuck in AMQP SASL after a bad frame header as long, and a Core client that only sends pings forever; none of the
 * three protocols bounds the time to log in. Every client logs in at once (Core CREATE_SESSION, AMQP open, STOMP
 * CONNECT), so the deadline costs honest clients nothing. Connections presenting the hub's certificate are left
 * alone: the other brokers of a pair or cluster authenticate as the cluster user, which leaves no subject behind.
 * Checked once per {@link #PERIOD} on the broker's scheduled pool.
 */
final class LoginDeadline implements Runnable {

  /** How long a network connection may take to log in. */
  static final Duration DEADLINE = Duration.ofSeconds(10);
  /** How often the open connections are checked. */
  static final Duration PERIOD = Duration.ofSeconds(1);

  private static final Logger LOG = LoggerFactory.getLogger(LoginDeadline.class);

  private final ActiveMQServer server;
  private final Predicate<X509Certificate> hub;

  private LoginDeadline(ActiveMQServer server, Predicate<X509Certificate> hub) {
    this.server = server;
    this.hub = hub;
  }

  /** Checks the server's connections from each activation on; {@code hub} tells the hub's certificate. */
  static void watch(ActiveMQServer server, Predicate<X509Certificate> hub) {
    LoginDeadline sweep = new LoginDeadline(server, hub);
    long period = PERIOD.toMillis();
    server.registerActivateCallback(new ActivateCallback() {
      @Override
      public void activationComplete() {
        server.getScheduledPool().scheduleWithFixedDelay(sweep, period, period, TimeUnit.MILLISECONDS);
      }
    });
  }

  @Override
  public void run() {
    try {
      long tooOld = System.currentTimeMillis() - DEADLINE.toMillis();
      RemotingService remoting = server.getRemotingService();
      for (RemotingConnection connection : remoting.getConnections()) {
        X509Certificate[] chain = CertificateUtil.getCertsFromConnection(connection);
        if (chain == null || chain.length == 0 || chain[0] == null) {
          continue; // the hub's own in-VM connections; every network client has a certificate
        }
        if (connection.getSubject() == null && connection.getCreationTime() < tooOld && !hub.test(chain[0])) {
          LOG.info("event=CONNECTION_CLOSED reason={} remote={} protocol={} (not logged in within {})",
              ReasonCode.REQUEST_TIMEOUT, connection.getRemoteAddress(), connection.getProtocolName(), DEADLINE);
          remoting.removeConnection(connection.getID());
          connection.fail(new ActiveMQSecurityException(ReasonCode.REQUEST_TIMEOUT.description()));
        }
      }
    } catch (RuntimeException e) {
      // a failed look must not cancel the next ones (a scheduled task that throws is never run again)
      LOG.error("event=LOGIN_DEADLINE_SWEEP_FAILED error={}: {}", e.getClass().getSimpleName(), e.getMessage());
    }
  }
}
