package org.wildex.contracts.lifecycle;

import java.time.Instant;
import java.util.UUID;

/**
 * The hub's signed notice to a recipient that had already taken a delivery of a recalled package: stop using it,
 * delete it, and tell whoever it was passed on to.
 *
 * @param kind always {@link #KIND}, so a client tells a notice from a delivery before anything else
 * @param recallId the recall's id (as in the originator's recall receipt)
 * @param packageId the package recalled
 * @param deliveryId the recipient's delivery of it
 * @param recipient the recipient
 * @param originator the NGO that recalled it
 * @param reason why
 * @param text the originator's explanation, if any
 * @param recalledAt when the hub carried out the recall
 */
public record RecallNotice(
    String kind,
    UUID recallId,
    UUID packageId,
    UUID deliveryId,
    String recipient,
    String originator,
    RecallReason reason,
    String text,
    Instant recalledAt) {

  public static final String KIND = "wildex.recall-notice";
}
