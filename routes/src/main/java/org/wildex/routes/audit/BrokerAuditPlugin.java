package org.wildex.routes.audit;

import java.util.ArrayList;
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
import org.apache.activemq.artemis.core.transaction.TransactionOperation;
import org.apache.activemq.artemis.core.transaction.TransactionOperationAbstract;
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
 *       committed (a cluster node handing the message to another node is no delivery). The acknowledgements of one
 *       transaction are published as one audit message ({@link TransactionEvents});
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

  /** Where a broker transaction keeps its {@link TransactionEvents} (Artemis's own property indexes are small). */
  private static final int TRANSACTION_EVENTS = 0x57444c56;

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
    if (event == null) {
      return;
    }
    if (tx == null) {
      publish(List.of(event), null);
    } else {
      TransactionEvents pending = (TransactionEvents) tx.getProperty(TRANSACTION_EVENTS);
      if (pending == null) {
        pending = new TransactionEvents();
        tx.putProperty(TRANSACTION_EVENTS, pending);
        // run after the transaction's own operations (see TransactionEvents), before its prepare or commit record
        tx.afterStore(pending);
      }
      pending.add(event);
    }
  }

  /**
   * The events of one broker transaction's acknowledgements, routed to {@code wildex.audit} as one message in that
   * transaction just before it prepares or commits (and gone with it when it rolls back). Artemis runs the operations
   * a transaction collected, then those registered with {@code afterStore} (this one), then writes the commit record:
   * the audit message is in the same journal transaction as the acknowledgements. Routing adds its own operations (the
   * audit queue's, and a paging store's when the address pages) after the transaction ran its list, so this runs
   * their {@code beforePrepare}/{@code beforeCommit} itself; their {@code afterCommit} runs as usual.
   */
  private final class TransactionEvents extends TransactionOperationAbstract {
    private final List<AuditEvent> events = new ArrayList<>();

    synchronized void add(AuditEvent event) {
      events.add(event);
    }

    @Override
    public void beforePrepare(Transaction tx) throws Exception {
      route(tx, true);
    }

    @Override
    public void beforeCommit(Transaction tx) throws Exception {
      route(tx, false);
    }

    private void route(Transaction tx, boolean prepare) throws Exception {
      List<AuditEvent> batch;
      synchronized (this) {
        if (events.isEmpty()) {
          return;
        }
        batch = List.copyOf(events);
      }
      int before = tx.getAllOperations().size();
      publish(batch, tx);
      synchronized (this) {
        events.subList(0, batch.size()).clear(); // kept if routing failed: the commit fails, a retry publishes them
      }
      List<TransactionOperation> all = tx.getAllOperations();
      for (TransactionOperation added : all.subList(before, all.size())) {
        if (prepare) {
          added.beforePrepare(tx);
        } else {
          added.beforeCommit(tx);
        }
      }
    }
  }

  @Override
  public void beforeDeliver(ServerConsumer consumer, MessageReference ref) throws ActiveMQException {
    if (ref.getDeliveryCount() > 1) {
      String queue = ref.getQueue().getName().toString();
      if (queue.equals(Endpoints.INTAKE_ADDRESS) || queue.startsWith(Endpoints.DELIVER_PREFIX)) {
        AuditEvent event = base(AuditEventType.REDELIVERED, ref.getMessage()).attempt(ref.getDeliveryCount()).build();
        publish(List.of(event), null);
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

  private void publish(List<AuditEvent> events, Transaction tx) throws ActiveMQException {
    ActiveMQServer s = server;
    if (s == null) {
      return;
    }
    byte[] json = PackageCodec.toJson(new AuditBatch(events, List.of()));
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
      AuditEvent first = events.get(0);
      LOG.error("event=AUDIT_PUBLISH_FAILED type={} events={} packageId={} deliveryId={} error={}",
          first.type(), events.size(), first.packageId(), first.deliveryId(), e.toString());
      throw new ActiveMQException("cannot publish audit event " + first.type() + ": " + e.getMessage());
    }
    AuditObserver o = observer;
    if (o != null) {
      o.observed(events);
    }
  }

  private static String property(Message m, String name) {
    Object v = m.getObjectProperty(name);
    return v == null ? null : v.toString();
  }
}
