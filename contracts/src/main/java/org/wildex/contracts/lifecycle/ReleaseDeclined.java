package org.wildex.contracts.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The hub's signed message to an agency whose release request the originator declined (an approval comes as a new
 * delivery instead).
 *
 * @param kind always {@link #KIND}
 * @param requestId the request
 * @param packageId the package
 * @param deliveryId the agency's delivery the request was about
 * @param paths the paths it asked for, still withheld
 * @param text the originator's word, if any
 * @param decidedAt when the originator decided
 */
public record ReleaseDeclined(String kind, UUID requestId, UUID packageId, UUID deliveryId, List<String> paths,
    String text, Instant decidedAt) {

  public static final String KIND = "wildex.release-declined";
}
