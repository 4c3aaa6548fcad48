package org.wildex.contracts.receipt;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.lifecycle.RecallOutcome;

/**
 * The hub's signed answer to a submission: ACCEPTED with its deliveries, or REJECTED with a reason. For an accepted
 * update it also names the package it superseded, its version, and what became of the earlier version's deliveries to
 * recipients the update does not go to ({@code superseded}: WITHDRAWN before they took it, or EXPOSED and sent a
 * recall notice); all three are absent otherwise.
 */
public record Receipt(
    UUID trackingId,
    UUID packageId,
    String originator,
    String status,
    ReasonCode reason,
    String detail,
    Instant at,
    List<ReceiptDelivery> deliveries,
    UUID supersedes,
    Integer version,
    List<RecallOutcome> superseded) {

  public static final String ACCEPTED = "ACCEPTED";
  public static final String REJECTED = "REJECTED";

  public Receipt {
    deliveries = deliveries == null ? List.of() : List.copyOf(deliveries);
  }
}
