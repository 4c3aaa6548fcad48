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
 *   <li>{@code wildex.lifecycle.notify} seals a recall notice to every EXPOSED recipient, on its own address, and for
 *       every HANDED_OVER one to its region's hub, on {@code wildex.federation.out.<region>} (that hub withdraws or
 *       notifies in turn: {@code wildex.federation.recall});
 *   <li>{@code wildex.lifecycle.recall-receipt} seals the recall receipt (every outcome) to the originator.
 * </ul>
 *
 * Any failure (the trail has not stored the package yet, the database or broker is down) rolls the transaction back; the
 * broker hands the recall over again with backoff, never dead-letters it, and outcomes found before are kept.
 */
public final class RecallRoutes extends RouteBuilder {

  private final Participants participants;
  private final List<KeyHolder> hubKeys;
  private final Withdrawals withdrawals;
  private final Supplier<AuditStore> trail;

  public RecallRoutes(Participants participants, List<KeyHolder> hubKeys, Withdrawals withdrawals,
      Supplier<AuditStore> trail) {
    this.participants = participants;
    this.hubKeys = List.copyOf(hubKeys);
    this.withdrawals = withdrawals;
    this.trail = trail;
  }

  @Override
  public void configure() {
    from(Endpoints.RECALL + Endpoints.transacted(1))
        .routeId("wildex.lifecycle.recall")
        .routeConfigurationId(ErrorHandling.LIFECYCLE)
        .process(new ReadRecall(hubKeys))
        .process(new WithdrawDeliveries(withdrawals, trail))
        .process(AuditTrail.recalled("wildex.lifecycle.recall"))
        .to(Endpoints.RECALL_NOTIFY)
        .to(Endpoints.RECALL_RECEIPT)
        .process(AuditTrail.publish());

    from(Endpoints.RECALL_NOTIFY)
        .routeId("wildex.lifecycle.notify")
        .routeConfigurationId(ErrorHandling.STAGE)
        .process(new NoticeRecipients())
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
