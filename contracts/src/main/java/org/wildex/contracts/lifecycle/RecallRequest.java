package org.wildex.contracts.lifecycle;

import java.time.Instant;
import java.util.UUID;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.WildexException;

/**
 * What an originator signs to recall one of its packages ({@code POST /api/v1/packages/{id}/recall}, the body a CMS
 * SignedData of this JSON).
 *
 * @param packageId the package recalled (must equal the id in the URL)
 * @param reason why
 * @param text a short explanation for the recipients (required with {@link RecallReason#OTHER}); the trail never holds it
 * @param requestedAt when the originator signed the request
 */
public record RecallRequest(UUID packageId, RecallReason reason, String text, Instant requestedAt) {

  /** Longest text accepted, in characters. */
  public static final int MAX_TEXT = 500;

  /** Refuses ({@link ReasonCode#REQUEST_INVALID}) a request with a missing field or an unexplained OTHER. */
  public RecallRequest checked() {
    if (packageId == null || reason == null || requestedAt == null) {
      throw new WildexException(ReasonCode.REQUEST_INVALID, "a recall names packageId, reason and requestedAt");
    }
    if (reason == RecallReason.SUPERSEDED) {
      throw new WildexException(ReasonCode.REQUEST_INVALID, "SUPERSEDED is the hub's own reason: submit the update");
    }
    if (reason == RecallReason.OTHER && (text == null || text.isBlank())) {
      throw new WildexException(ReasonCode.REQUEST_INVALID, "a recall for reason OTHER says why in text");
    }
    if (text != null && text.length() > MAX_TEXT) {
      throw new WildexException(ReasonCode.REQUEST_INVALID, "text is longer than " + MAX_TEXT + " characters");
    }
    return this;
  }
}
