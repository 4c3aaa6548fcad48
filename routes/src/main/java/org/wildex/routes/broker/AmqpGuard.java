package org.wildex.routes.broker;

import java.util.regex.Pattern;
import org.apache.activemq.artemis.protocol.amqp.broker.ActiveMQProtonRemotingConnection;
import org.apache.activemq.artemis.protocol.amqp.proton.AmqpSupport;
import org.apache.activemq.artemis.protocol.amqp.proton.handler.EventHandler;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerConnectionPlugin;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.qpid.proton.amqp.messaging.Target;
import org.apache.qpid.proton.amqp.transaction.Coordinator;
import org.apache.qpid.proton.amqp.transport.AmqpError;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.apache.qpid.proton.engine.Link;
import org.apache.qpid.proton.engine.Receiver;
import org.apache.qpid.proton.engine.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wildex.contracts.ReasonCode;

/**
 * Keeps Artemis's Java exception texts from AMQP clients. Artemis 2.55 answers two attaches with a
 * {@code NullPointerException} instead of a refusal: one without a target (the connection closes with "Unrecoverable
 * error: Cannot invoke ...Target.getAddress()..."), and an anonymous relay, a target without an address, once a
 * message on it names the management address (Artemis has no paging store for it). Nobody sends to the broker over
 * AMQP (participants only consume; hub nodes, peer hubs and operator tools speak Core), so both are refused with
 * {@link ReasonCode#LINK_REFUSED} before Artemis sees them: an event handler on each AMQP connection hands such a link
 * the initializer Artemis runs instead of its own link set-up. A malformed or oversized frame closes the connection
 * with proton-j's exception as the description ({@code org.apache.qpid.proton.engine.TransportException: specified
 * frame size ...}); it leaves with {@link ReasonCode#FRAME_INVALID}'s description instead.
 */
final class AmqpGuard implements ActiveMQServerConnectionPlugin {

  private static final Logger LOG = LoggerFactory.getLogger(AmqpGuard.class);
  /** An exception's class name or message, a qualified class name or a stack frame. */
  private static final Pattern JAVA_TEXT =
      Pattern.compile("Exception|Cannot invoke|\\.java:|\\b(java|javax|jakarta|org|io|com|sun)\\.[a-z]+\\.");

  @Override
  public void afterCreateConnection(RemotingConnection connection) {
    if (connection instanceof ActiveMQProtonRemotingConnection amqp) {
      amqp.getAmqpConnection().addEventHandler(new Handler(amqp.getRemoteAddress()));
    }
  }

  /** Whether a description would show a participant Java exception text. */
  static boolean javaText(String description) {
    return description != null && JAVA_TEXT.matcher(description).find();
  }

  /** Runs on the connection's event loop, after Artemis's own handler, for every event. */
  private static final class Handler implements EventHandler {
    private final String remote;

    Handler(String remote) {
      this.remote = remote;
    }

    @Override
    public void onTransportError(Transport transport) {
      ErrorCondition condition = transport.getCondition();
      if (condition != null && javaText(condition.getDescription())) {
        condition.setDescription(ReasonCode.FRAME_INVALID.name() + ": " + ReasonCode.FRAME_INVALID.description());
      }
    }

    @Override
    public void onInit(Link link) {
      // the attach has been read (its source and target are known); Artemis sets the link up at the next event
      if (link instanceof Receiver && withoutTargetAddress(link.getRemoteTarget())) {
        link.attachments().set(AmqpSupport.AMQP_LINK_INITIALIZER_KEY, Runnable.class, () -> refuse(link));
      }
    }

    private static boolean withoutTargetAddress(org.apache.qpid.proton.amqp.transport.Target target) {
      if (target instanceof Coordinator) {
        return false; // a transaction coordinator, which Artemis handles
      }
      return !(target instanceof Target t) || !t.getDynamic() && (t.getAddress() == null || t.getAddress().isEmpty());
    }

    private void refuse(Link link) {
      ReasonCode reason = ReasonCode.LINK_REFUSED;
      LOG.warn("event=LINK_REFUSED reason={} remote={} (an AMQP sender link without a target address)", reason, remote);
      link.setTarget(null);
      link.setCondition(new ErrorCondition(AmqpError.NOT_ALLOWED, reason.name() + ": " + reason.description()));
      link.close();
    }
  }
}
