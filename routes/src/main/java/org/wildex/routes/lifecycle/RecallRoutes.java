package org.wildex.routes.lifecycle;

import java.util.List;
import java.util.function.Supplier;
import org.apache.camel.builder.RouteBuilder;
import org.wildex.crypto.pki.KeyHolder;
import org.wildex.routes.Endpoints;
import org.wildex.routes.Participants;
import org.wildex.routes.audit.AuditStore;
import org.wildex.routes.audit.AuditTrail;
import org.wildex.routes.errors.ErrorHandling;

/**
 * Carries out recalls, each in one broker transaction with its request's acknowledgement:
 *
 * <ul>
 *   <li>{@code wildex.lifecycle.recall} takes the sealed request from {@code wildex.recall}, records the recall, and
 *       takes each of the package's deliveries still waiting in its recipient's queue off it (WITHDRAWN); a delivery no
 *       longer there was taken (EXPOSED); one that went to a peer region is HANDED_OVER. RECALLED per delivery;
 *   <li>{@code wildex.lifecycle.notify} seals a recall notice to every EXPOSED recipient, on its own address;
 *   <li>{@code wildex.lifecycle.recall-receipt} seals the recall receipt (every outcome) to the originator.
 * </ul>
 *
 * Any failure (the trail has not stored the package yet, the database or broker is down) rolls the transaction back; the
 * broker hands the recall over again with backoff, never dead-letters it, and outcomes found before are kept.
 */
public final class RecallRoutes extends RouteBuilder {

  private final Participants participants;
  private final List<KeyHolder> hubKeys;
  private final Recalls recalls;
  private final Supplier<AuditStore> trail;
  private final DeliveryQueues queues;
  private final RecallGuard guard;

  /** @param guard the embedded broker's guard, or null (an external broker has none) */
  public RecallRoutes(Participants participants, List<KeyHolder> hubKeys, Recalls recalls, Supplier<AuditStore> trail,
      DeliveryQueues queues, RecallGuard guard) {
    this.participants = participants;
    this.hubKeys = List.copyOf(hubKeys);
    this.recalls = recalls;
    this.trail = trail;
    this.queues = queues;
    this.guard = guard;
  }

  @Override
  public void configure() {
    from(Endpoints.RECALL + Endpoints.transacted(1))
        .routeId("wildex.lifecycle.recall")
        .routeConfigurationId(ErrorHandling.LIFECYCLE)
        .process(new ReadRecall(hubKeys))
        .process(new WithdrawDeliveries(recalls, trail, queues, guard))
        .process(AuditTrail.recalled())
        .to(Endpoints.RECALL_NOTIFY)
        .to(Endpoints.RECALL_RECEIPT)
        .process(AuditTrail.publish());

    from(Endpoints.RECALL_NOTIFY)
        .routeId("wildex.lifecycle.notify")
        .routeConfigurationId(ErrorHandling.STAGE)
        .process(new ExposedOnly())
        .split(body())
        .stopOnException()
        .process(new SealRecallNotice(participants, hubKeys.get(0)))
        .to(Endpoints.DELIVER)
        .end();

    from(Endpoints.RECALL_RECEIPT)
        .routeId("wildex.lifecycle.recall-receipt")
        .routeConfigurationId(ErrorHandling.STAGE)
        .process(new SealRecallReceipt(participants, hubKeys.get(0)))
        .to(Endpoints.RECEIPTS)
        .process(AuditTrail.recallReceiptSent());
  }
}
