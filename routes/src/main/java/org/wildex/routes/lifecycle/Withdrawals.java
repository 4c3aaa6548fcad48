package org.wildex.routes.lifecycle;

import java.time.Instant;
import java.util.UUID;
import org.wildex.contracts.audit.AuditEvent;
import org.wildex.contracts.audit.AuditEventType;
import org.wildex.contracts.lifecycle.RecallOutcome;
import org.wildex.contracts.lifecycle.RecallReason;
import org.wildex.routes.Endpoints;
import org.wildex.routes.audit.AuditTrail;

/**
 * How a hub carries out a recall on its own broker, for the originator's region ({@link WithdrawDeliveries}) and for a
 * peer region's ({@code ApplyPeerRecall}): record the recall and name it to the guard, settle each delivery, then drop
 * what was set aside.
 */
public final class Withdrawals {

  private final Recalls recalls;
  private final DeliveryQueues queues;
  private final RecallGuard guard;

  /** @param guard the embedded broker's guard, or null (an external broker has none) */
  public Withdrawals(Recalls recalls, DeliveryQueues queues, RecallGuard guard) {
    this.recalls = recalls;
    this.queues = queues;
    this.guard = guard;
  }

  /** Records the recall (or finds it recorded) and, from now on, keeps every delivery of the package from consumers. */
  Recalls.Recorded begin(UUID packageId, String originator, RecallReason reason, Instant requestedAt) throws Exception {
    Recalls.Recorded recall = recalls.record(packageId, originator, reason, requestedAt);
    if (guard != null) {
      guard.recalled(packageId.toString());
    }
    return recall;
  }

  /**
   * The outcome for one delivery under {@code recallId} (a recall's, or an update's {@link Superseding#withdrawalId}):
   * as an earlier attempt recorded it, else found now and recorded at once. The delivery
   * is moved from {@code queue} to {@code wildex.withdrawn} in one broker operation; found there (moved now, or by an
   * attempt a crash cut short before it recorded the outcome) it was WITHDRAWN, found in neither place it was taken,
   * and the outcome is {@code taken} (EXPOSED, or HANDED_OVER for a hand-over the bridge had forwarded).
   */
  RecallOutcome settle(UUID recallId, String queue, String recipient, UUID deliveryId, String taken)
      throws Exception {
    for (RecallOutcome known : recalls.outcomes(recallId)) {
      if (known.deliveryId().equals(deliveryId)) {
        return known;
      }
    }
    boolean withdrawn = queues.moveDelivery(queue, deliveryId, Endpoints.WITHDRAWN_ADDRESS) > 0
        || queues.countDelivery(Endpoints.WITHDRAWN_ADDRESS, deliveryId) > 0;
    RecallOutcome outcome = new RecallOutcome(recipient, deliveryId, withdrawn ? RecallOutcome.WITHDRAWN : taken);
    recalls.record(recallId, outcome);
    return outcome;
  }

  /**
   * Where a delivery the trail lists would be waiting: its recipient's queue (ROUTED), or the bridge's queue to the
   * peer region (HANDED_OVER, rule {@code peer:<region>}).
   */
  static String queueOf(AuditEvent routed) {
    return routed.type() == AuditEventType.HANDED_OVER
        ? Endpoints.FEDERATION_OUT_PREFIX + routed.rule().substring(AuditTrail.PEER_RULE_PREFIX.length())
        : Endpoints.DELIVER_PREFIX + routed.recipient();
  }

  /** What a delivery gone from {@link #queueOf} was: taken by its recipient (EXPOSED), or forwarded (HANDED_OVER). */
  static String takenOutcome(AuditEvent routed) {
    return routed.type() == AuditEventType.HANDED_OVER ? RecallOutcome.HANDED_OVER : RecallOutcome.EXPOSED;
  }

  /** The tracking id of the submission that carried the package (a later one with its id is a rejected duplicate). */
  String submissionOf(UUID packageId) throws Exception {
    return recalls.submissionOf(packageId).orElseThrow(() -> new IllegalStateException(
        "package " + packageId + " has no submission on record"));
  }

  /**
   * Every outcome is recorded: once that is on the disk, what was set aside (sealed copies only its recipient could
   * open) can go. Before, a crash would leave outcomes that exist nowhere, found EXPOSED by the next attempt.
   */
  void finish(UUID packageId) throws Exception {
    recalls.makeDurable();
    queues.removePackage(Endpoints.WITHDRAWN_ADDRESS, packageId);
  }
}
