package org.wildex.contracts.lifecycle;

import java.time.Instant;
import java.util.UUID;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.WildexException;

/**
 * The originator's signed answer to a release request ({@code POST /api/v1/release-requests/{requestId}/decision}).
 *
 * @param requestId the request answered (must equal the id in the URL)
 * @param packageId the package it is about
 * @param approved true to release the paths, false to decline
 * @param text a short word for the agency (optional; the trail never holds it)
 * @param submission for an approval: the package as submitted (Base64 of the sealed submission, the same bytes sent to
 *     the hub), from which the hub cuts the new delivery; the hub keeps no package content of its own
 * @param decidedAt when the originator signed it
 */
public record ReleaseDecision(UUID requestId, UUID packageId, Boolean approved, String text, String submission,
    Instant decidedAt) {

  /** Longest text, in characters. */
  public static final int MAX_TEXT = 500;

  /** Refuses ({@link ReasonCode#REQUEST_INVALID}) a decision with a missing field, or an approval without the package. */
  public ReleaseDecision checked() {
    if (requestId == null || packageId == null || approved == null || decidedAt == null) {
      throw new WildexException(ReasonCode.REQUEST_INVALID, "a decision names requestId, packageId, approved and decidedAt");
    }
    if (approved && (submission == null || submission.isBlank())) {
      throw new WildexException(ReasonCode.REQUEST_INVALID, "an approval carries the package as submitted (submission)");
    }
    if (text != null && text.length() > MAX_TEXT) {
      throw new WildexException(ReasonCode.REQUEST_INVALID, "text is longer than " + MAX_TEXT + " characters");
    }
    return this;
  }
}
