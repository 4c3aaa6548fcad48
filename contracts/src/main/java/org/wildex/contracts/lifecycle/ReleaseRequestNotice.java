package org.wildex.contracts.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The hub's signed message to an originator: an agency asks for paths withheld from its delivery. Ids, paths and the
 * agency's justification; never content. The originator answers with a {@link ReleaseDecision}.
 *
 * @param kind always {@link #KIND}
 * @param requestId the request's id, for the decision
 * @param packageId the originator's package
 * @param deliveryId the agency's delivery of it
 * @param requester the agency
 * @param paths the withheld paths it asks for
 * @param justification why, in the agency's words
 * @param requestedAt when the agency signed the request
 */
public record ReleaseRequestNotice(String kind, UUID requestId, UUID packageId, UUID deliveryId, String requester,
    List<String> paths, String justification, Instant requestedAt) {

  public static final String KIND = "wildex.release-request";
}
