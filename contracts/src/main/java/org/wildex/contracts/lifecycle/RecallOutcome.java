package org.wildex.contracts.lifecycle;

import java.util.UUID;

/**
 * What a recall found for one delivery of the package.
 *
 * @param recipient the participant the delivery was for
 * @param deliveryId its delivery id
 * @param outcome {@link #WITHDRAWN}, {@link #EXPOSED} or {@link #HANDED_OVER}
 */
public record RecallOutcome(String recipient, UUID deliveryId, String outcome) {

  /** The delivery was still waiting in the recipient's queue and was removed: the recipient never saw it. */
  public static final String WITHDRAWN = "WITHDRAWN";

  /**
   * The delivery had left the queue (the recipient took it, or was taking it): the recipient may have opened it and got
   * a signed recall notice.
   */
  public static final String EXPOSED = "EXPOSED";

  /** The delivery had gone to a peer region's hub, which applies the recall to its own recipients. */
  public static final String HANDED_OVER = "HANDED_OVER";
}
