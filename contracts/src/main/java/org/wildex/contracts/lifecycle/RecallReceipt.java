package org.wildex.contracts.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The hub's signed answer to a recall, on the originator's receipts address: per recipient, whether the delivery was
 * withdrawn in time or the recipient may have opened it.
 *
 * @param kind always {@link #KIND}
 * @param recallId the recall's id (the one the HTTPS answer gave)
 * @param packageId the package recalled
 * @param originator the NGO that recalled it
 * @param reason why
 * @param recalledAt when the hub carried out the recall
 * @param recipients one outcome per delivery the package had
 */
public record RecallReceipt(
    String kind,
    UUID recallId,
    UUID packageId,
    String originator,
    RecallReason reason,
    Instant recalledAt,
    List<RecallOutcome> recipients) {

  public static final String KIND = "wildex.recall-receipt";

  /** The status the hub keeps a recall receipt under, beside a submission receipt's ACCEPTED and REJECTED. */
  public static final String STATUS = "RECALLED";

  public RecallReceipt {
    recipients = recipients == null ? List.of() : List.copyOf(recipients);
  }
}
