package org.wildex.routes.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wildex.contracts.audit.AuditEvent;
import org.wildex.contracts.audit.AuditEventType;
import org.wildex.contracts.lifecycle.RecallOutcome;
import org.wildex.contracts.lifecycle.RecallReceipt;
import org.wildex.contracts.lifecycle.RecallRequest;
import org.wildex.routes.WildexHeaders;
import org.wildex.routes.audit.AuditEntry;
import org.wildex.routes.audit.AuditStore;

/**
 * Records the recall and settles each of the package's deliveries, as the trail lists them (ROUTED, HANDED_OVER):
 * removed from its queue while still waiting there (WITHDRAWN), else taken by its recipient (EXPOSED), or gone to a peer
 * region (HANDED_OVER), as {@link Withdrawals} settles them, each recorded as soon as it is known. Body out: the
 * {@link RecallReceipt}.
 *
 * <p>The package is named to the broker's {@link RecallGuard} first, so no waiting delivery of it reaches a consumer
 * while the recall runs, and none given back by a consumer afterwards.
 */
final class WithdrawDeliveries implements Processor {

  private static final Logger LOG = LoggerFactory.getLogger(WithdrawDeliveries.class);

  /** The trail has not stored the package's routing yet (the audit writer is behind, or the package is still queued). */
  static final class NotYetInTrail extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    NotYetInTrail(String message) {
      super(message);
    }
  }

  private final Withdrawals withdrawals;
  private final Supplier<AuditStore> trail;

  WithdrawDeliveries(Withdrawals withdrawals, Supplier<AuditStore> trail) {
    this.withdrawals = withdrawals;
    this.trail = trail;
  }

  @Override
  public void process(Exchange exchange) throws Exception {
    Message in = exchange.getIn();
    RecallRequest request = exchange.getProperty(WildexHeaders.PROP_RECALL, RecallRequest.class);
    String originator = in.getHeader(WildexHeaders.CLIENT_ID, String.class);
    Recalls.Recorded recall = withdrawals.begin(request.packageId(), originator, request.reason(), request.requestedAt());
    String packageId = request.packageId().toString();

    // decided: the submission that carried the package was accepted or rejected (a second submission of the same id is
    // rejected as a duplicate, whatever became of the first)
    String submission = withdrawals.submissionOf(request.packageId());
    List<AuditEvent> routing = new ArrayList<>();
    boolean decided = false;
    for (AuditEntry entry : trail.get().trail(packageId)) {
      AuditEvent e = entry.event();
      if (!packageId.equals(e.packageId())) {
        continue;
      }
      decided |= (e.type() == AuditEventType.ACCEPTED || e.type() == AuditEventType.REJECTED)
          && submission.equals(e.trackingId());
      if (e.type() == AuditEventType.ROUTED || e.type() == AuditEventType.HANDED_OVER) {
        routing.add(e);
      }
    }
    if (!decided) {
      LOG.warn("stage=wildex.lifecycle.recall event=RECALL_WAITING recallId={} packageId={} (the trail has not stored"
          + " the package's routing yet; the broker hands the recall over again)", recall.recallId(), packageId);
      throw new NotYetInTrail("the trail holds no decision on package " + packageId + " yet");
    }

    List<RecallOutcome> outcomes = new ArrayList<>();
    for (AuditEvent routed : routing) {
      UUID deliveryId = UUID.fromString(routed.deliveryId());
      RecallOutcome outcome = withdrawals.settle(recall.recallId(), Withdrawals.queueOf(routed), routed.recipient(),
          deliveryId, Withdrawals.takenOutcome(routed));
      outcomes.add(outcome);
      LOG.info("stage=wildex.lifecycle.recall event=RECALLED recallId={} packageId={} deliveryId={} recipient={}"
          + " outcome={} reason={}", recall.recallId(), packageId, deliveryId, outcome.recipient(), outcome.outcome(),
          recall.reason().code());
    }
    withdrawals.finish(request.packageId());
    in.setHeader(WildexHeaders.RECALL_ID, recall.recallId().toString());
    in.setHeader(WildexHeaders.TRACKING_ID, recall.recallId().toString());
    in.setHeader(WildexHeaders.PACKAGE_ID, packageId);
    RecallReceipt receipt = new RecallReceipt(RecallReceipt.KIND, recall.recallId(), request.packageId(),
        recall.originator(), recall.reason(), recall.recalledAt(), outcomes);
    exchange.setProperty(WildexHeaders.PROP_RECALL_RECEIPT, receipt);
    in.setBody(receipt);
  }
}
