package org.wildex.routes.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wildex.contracts.lifecycle.RecallNotice;
import org.wildex.contracts.lifecycle.RecallOutcome;
import org.wildex.contracts.lifecycle.RecallReason;
import org.wildex.contracts.lifecycle.RecallReceipt;
import org.wildex.contracts.lifecycle.RecallRequest;
import org.wildex.routes.Endpoints;
import org.wildex.routes.WildexHeaders;

/**
 * Carries out, in this region, a recall the origin region sent for a package it handed over (body in: its verified
 * {@link RecallNotice} for one of this region's agencies): the delivery made here is withdrawn if it still waits, else
 * its recipient gets this hub's own notice. Body out: a {@link RecallReceipt} with that one outcome, for the trail and
 * the notice; the origin's receipt already told the originator the delivery was HANDED_OVER. An update's notice
 * (reason SUPERSEDED) takes back only that delivery: no recall of the package is recorded here.
 */
public final class ApplyPeerRecall implements Processor {

  private static final Logger LOG = LoggerFactory.getLogger(ApplyPeerRecall.class);

  private final Withdrawals withdrawals;

  public ApplyPeerRecall(Withdrawals withdrawals) {
    this.withdrawals = withdrawals;
  }

  @Override
  public void process(Exchange exchange) throws Exception {
    RecallNotice notice = exchange.getIn().getBody(RecallNotice.class);
    // a recall withdraws the package from this region; an update's notice only this one delivery of it, under the
    // origin's withdrawal id (the update itself, where it goes here, comes as a hand-over of its own)
    boolean superseded = notice.reason() == RecallReason.SUPERSEDED;
    UUID recallId = notice.recallId();
    Instant recalledAt = notice.recalledAt();
    if (!superseded) {
      Recalls.Recorded recall = withdrawals.begin(notice.packageId(), notice.originator(), notice.reason(),
          notice.recalledAt());
      recallId = recall.recallId();
      recalledAt = recall.recalledAt();
    }
    // the delivery made here has the hand-over's id
    RecallOutcome outcome = withdrawals.settle(recallId, Endpoints.DELIVER_PREFIX + notice.recipient(),
        notice.recipient(), notice.deliveryId(), RecallOutcome.EXPOSED);
    withdrawals.finish(notice.packageId());
    LOG.info("stage=wildex.federation.recall event=RECALLED recallId={} packageId={} deliveryId={} recipient={}"
        + " outcome={} reason={} peer={}", recallId, notice.packageId(), notice.deliveryId(), notice.recipient(),
        outcome.outcome(), notice.reason().code(), exchange.getIn().getHeader(WildexHeaders.PEER_REGION));
    RecallReceipt found = new RecallReceipt(RecallReceipt.KIND, recallId, notice.packageId(),
        notice.originator(), notice.reason(), recalledAt, List.of(outcome));
    exchange.setProperty(WildexHeaders.PROP_RECALL,
        new RecallRequest(notice.packageId(), notice.reason(), notice.text(), notice.recalledAt()));
    exchange.setProperty(WildexHeaders.PROP_RECALL_RECEIPT, found);
    Message in = exchange.getIn();
    in.setHeader(WildexHeaders.TRACKING_ID, recallId.toString());
    in.setHeader(WildexHeaders.CLIENT_ID, notice.originator());
    in.setBody(found);
  }
}
