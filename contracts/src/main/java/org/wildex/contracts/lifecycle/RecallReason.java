package org.wildex.contracts.lifecycle;

import org.wildex.contracts.ReasonCode;

/** Why an originator recalls a package; each has its reason code in the trail (e.g. {@code RECALL_SOURCE_AT_RISK}). */
public enum RecallReason {
  /** Someone who gave or handled the intelligence would be endangered if it spread further. */
  SOURCE_AT_RISK(ReasonCode.RECALL_SOURCE_AT_RISK),
  /** The intelligence proved wrong (a false tip, a mistaken identity). */
  INACCURATE(ReasonCode.RECALL_INACCURATE),
  /** A court, a data-protection authority or counsel requires it. */
  LEGAL(ReasonCode.RECALL_LEGAL),
  /** Anything else; the request then says why in its text. */
  OTHER(ReasonCode.RECALL_OTHER),
  /**
   * Not for a request: the hub's own, when an update of the package does not go to a recipient of the version it
   * replaces (the notice's text names the update).
   */
  SUPERSEDED(ReasonCode.RECALL_SUPERSEDED);

  private final ReasonCode code;

  RecallReason(ReasonCode code) {
    this.code = code;
  }

  /** The reason code the trail records for this recall reason. */
  public ReasonCode code() {
    return code;
  }
}
