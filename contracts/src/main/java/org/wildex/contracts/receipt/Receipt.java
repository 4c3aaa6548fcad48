package org.wildex.contracts.receipt;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.wildex.contracts.ReasonCode;

/** The hub's signed answer to a submission: ACCEPTED with its deliveries, or REJECTED with a reason. */
public record Receipt(
    UUID trackingId,
    UUID packageId,
    String originator,
    String status,
    ReasonCode reason,
    String detail,
    Instant at,
    List<ReceiptDelivery> deliveries) {

  public static final String ACCEPTED = "ACCEPTED";
  public static final String REJECTED = "REJECTED";

  public Receipt {
    deliveries = deliveries == null ? List.of() : List.copyOf(deliveries);
  }
}
