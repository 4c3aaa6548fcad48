package org.wildex.routes.audit;

import java.util.List;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.message.impl.CoreMessage;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.MessageReference;
import org.apache.activemq.artemis.core.server.ServerConsumer;
import org.apache.activemq.artemis.core.server.impl.AckReason;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wildex.contracts.audit.AuditBatch;
import org.wildex.contracts.audit.AuditEvent;
import org.wildex.contracts.audit.AuditEventType;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.routes.Endpoints;
import org.wildex.routes.WildexHeaders;

/**
 * Events only the broker sees, published by the broker itself to {@code wildex.audit}:
 *
 * <ul>
 *   <li>{@code DELIVERED}: a recipient's consumer acknowledged its delivery on {@code wildex.deliver.<id>}. The event is
 *       routed inside the acknowledgement's own broker transaction, so it exists exactly when the acknowledgement
 *       committed (a cluster node handing the message to another node is no delivery);
 *   <li>{@code REDELIVERED}: the broker hands a submission on {@code wildex.intake} to the hub, or a delivery to its
 *       recipient, again after a failed attempt (attempt number included);
 *   <li>{@code DEAD_LETTERED}: a message was given up after its last attempt and moved to {@code wildex.dlq}.
 * </ul>
 *
 * Events carry the ids and hashes the hub put on the message as properties, never its body.
 */
public final class BrokerAuditPlugin implements ActiveMQServerMessagePlugin {

  /** Route id the trail names for events the broker observed. */
  public static final String BROKER_ROUTE = "wildex.broker";

  private static final Logger LOG = LoggerFactory.getLogger(BrokerAuditPlugin.class);

  private volatile ActiveMQServer server;
  private volatile AuditObserver observer;

  /** Tells {@code observer} (metrics) about every event this plugin publishes; set before the broker starts. */
  public void observe(AuditObserver observer) {
    this.observer = observer;
  }

  @Override
  public void registered(ActiveMQServer server) {
    this.server = server;
  }

  @Override
  public void messageAcknowledged(Transaction tx, MessageReference ref, AckReason reason, ServerConsumer consumer)
      throws ActiveMQException {
    String queue = ref.getQueue().getName().toString();
    if (queue.equals(Endpoints.AUDIT_ADDRESS) || queue.equals(Endpoints.DLQ_ADDRESS)
        || queue.equals(Endpoints.WITHDRAWN_ADDRESS)) {
      return;
    }
    Message m = ref.getMessage();
    AuditEvent event = null;
    // an acknowledgement without a consumer is the broker's own: in a cluster, the node moving the message to the node
    // where its recipient consumes (redistribution). The recipient's acknowledgement there is the delivery.
    if (reason == AckReason.NORMAL && consumer != null && queue.startsWith(Endpoints.DELIVER_PREFIX)) {
      event = AuditEvent.of(AuditEventType.DELIVERED, BROKER_ROUTE)
          .packageId(property(m, WildexHeaders.PACKAGE_ID))
          .deliveryId(property(m, WildexHeaders.DELIVERY_ID))
          .recipient(queue.substring(Endpoints.DELIVER_PREFIX.length()))
          // a recall notice names the delivery it recalls; its kind tells the two apart
          .rule(property(m, WildexHeaders.MESSAGE_KIND))
          .build();
    } else if (reason == AckReason.KILLED) {
      event = base(AuditEventType.DEAD_LETTERED, m).attempt(ref.getDeliveryCount()).build();
    }
    if (event != null) {
      publish(event, tx);
    }
  }

  @Override
  public void beforeDeliver(ServerConsumer consumer, MessageReference ref) throws ActiveMQException {
    if (ref.getDeliveryCount() > 1) {
      String queue = ref.getQueue().getName().toString();
      if (queue.equals(Endpoints.INTAKE_ADDRESS) || queue.startsWith(Endpoints.DELIVER_PREFIX)) {
        publish(base(AuditEventType.REDELIVERED, ref.getMessage()).attempt(ref.getDeliveryCount()).build(), null);
      }
    }
  }

  private static AuditEvent.Builder base(AuditEventType type, Message m) {
    return AuditEvent.of(type, BROKER_ROUTE)
        .trackingId(property(m, WildexHeaders.TRACKING_ID))
        .packageId(property(m, WildexHeaders.PACKAGE_ID))
        .originator(property(m, WildexHeaders.CLIENT_ID))
        .deliveryId(property(m, WildexHeaders.DELIVERY_ID))
        .recipient(property(m, WildexHeaders.RECIPIENT_ID))
        .ciphertextSha256(property(m, WildexHeaders.CIPHERTEXT_SHA256));
  }

  private void publish(AuditEvent event, Transaction tx) throws ActiveMQException {
    ActiveMQServer s = server;
    if (s == null) {
      return;
    }
    byte[] json = PackageCodec.toJson(new AuditBatch(List.of(event), List.of()));
    CoreMessage message = new CoreMessage(s.getStorageManager().generateID(), json.length + 512);
    message.setType(Message.BYTES_TYPE);
    message.setDurable(true);
    message.setTimestamp(System.currentTimeMillis());
    message.setAddress(Endpoints.AUDIT_ADDRESS);
    message.setRoutingType(RoutingType.ANYCAST);
    message.getBodyBuffer().writeBytes(json);
    try {
      if (tx != null) {
        s.getPostOffice().route(message, tx, false);
      } else {
        s.getPostOffice().route(message, false);
      }
    } catch (Exception e) {
      LOG.error("event=AUDIT_PUBLISH_FAILED type={} packageId={} deliveryId={} error={}",
          event.type(), event.packageId(), event.deliveryId(), e.toString());
      throw new ActiveMQException("cannot publish audit event " + event.type() + ": " + e.getMessage());
    }
    AuditObserver o = observer;
    if (o != null) {
      o.observed(List.of(event));
    }
  }

  private static String property(Message m, String name) {
    Object v = m.getObjectProperty(name);
    return v == null ? null : v.toString();
  }
}
