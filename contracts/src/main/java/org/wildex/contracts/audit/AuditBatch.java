package org.wildex.contracts.audit;

import java.util.List;

/**
 * The body of one message on {@code wildex.audit}: the events one stage transaction produced (in order) and the sealed
 * receipts it sent. One message per transaction keeps the broker's work per package small.
 */
public record AuditBatch(List<AuditEvent> events, List<SealedReceipt> receipts) {

  public AuditBatch {
    events = events == null ? List.of() : List.copyOf(events);
    receipts = receipts == null ? List.of() : List.copyOf(receipts);
  }
}
