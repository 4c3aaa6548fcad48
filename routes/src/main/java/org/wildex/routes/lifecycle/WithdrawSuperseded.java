package org.wildex.routes.lifecycle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wildex.contracts.audit.AuditEvent;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.lifecycle.RecallOutcome;
import org.wildex.contracts.lifecycle.RecallReason;
import org.wildex.contracts.lifecycle.RecallReceipt;
import org.wildex.contracts.lifecycle.RecallRequest;
import org.wildex.routes.WildexHeaders;

/**
 * For an accepted update, settles each delivery of the earlier version to a recipient the update does not go to, as a
 * recall does ({@link Withdrawals}): still waiting in its queue, it is withdrawn; taken, the recipient gets a recall
 * notice (reason {@code SUPERSEDED}); handed over to a peer region, the notice goes to that region's hub, which does the
 * same for its agency. Recipients that get the update keep the earlier version, which the update names.
 * Leaves the outcomes for the trail, the notices and the receipt ({@link WildexHeaders#PROP_RECALL_RECEIPT},
 * {@link WildexHeaders#PROP_RECALL}, {@link #PROP_NOTICES}); the body is untouched.
 */
final class WithdrawSuperseded implements Processor {

  private static final Logger LOG = LoggerFactory.getLogger(WithdrawSuperseded.class);

  /** Exchange property: the outcomes that get a recall notice (EXPOSED, HANDED_OVER), for the split that seals them. */
  static final String PROP_NOTICES = "wildex.supersededNotices";

  private final Withdrawals withdrawals;

  WithdrawSuperseded(Withdrawals withdrawals) {
    this.withdrawals = withdrawals;
  }

  @Override
  public void process(Exchange exchange) throws Exception {
    Superseding superseding = exchange.getProperty(WildexHeaders.PROP_SUPERSEDING, Superseding.class);
    @SuppressWarnings("unchecked")
    List<Participant> recipients = exchange.getProperty(WildexHeaders.PROP_RECIPIENTS, List.class);
    Set<String> keep = recipients.stream().map(Participant::id).collect(java.util.stream.Collectors.toSet());
    UUID earlierId = superseding.earlier().packageId();
    UUID withdrawalId = Superseding.withdrawalId(superseding.update());

    List<RecallOutcome> outcomes = new ArrayList<>();
    for (AuditEvent delivery : superseding.deliveries()) {
      if (keep.contains(delivery.recipient())) {
        continue;
      }
      RecallOutcome outcome = withdrawals.settle(withdrawalId, Withdrawals.queueOf(delivery), delivery.recipient(),
          UUID.fromString(delivery.deliveryId()), Withdrawals.takenOutcome(delivery));
      outcomes.add(outcome);
      LOG.info("stage=wildex.lifecycle.update event=RECALLED packageId={} deliveryId={} recipient={} outcome={}"
          + " reason=RECALL_SUPERSEDED update={}", earlierId, outcome.deliveryId(), outcome.recipient(),
          outcome.outcome(), superseding.update());
    }
    if (!outcomes.isEmpty()) {
      withdrawals.finish(earlierId);
    }
    Instant now = Instant.now();
    exchange.setProperty(WildexHeaders.PROP_RECALL_RECEIPT, new RecallReceipt(RecallReceipt.KIND, withdrawalId,
        earlierId, superseding.earlier().originator(), RecallReason.SUPERSEDED, now, List.copyOf(outcomes)));
    exchange.setProperty(PROP_NOTICES,
        outcomes.stream().filter(NoticeRecipients::notified).toList());
    exchange.setProperty(WildexHeaders.PROP_RECALL, new RecallRequest(earlierId, RecallReason.SUPERSEDED,
        "superseded by package " + superseding.update() + " (version " + superseding.version()
            + "), which does not go to you",
        now));
  }
}
