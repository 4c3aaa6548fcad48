package org.wildex.contracts.lifecycle;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.WildexException;

/**
 * What an agency signs to ask the originator for paths withheld from its delivery
 * ({@code POST /api/v1/packages/{id}/release-requests}, the body a CMS SignedData of this JSON, encrypted to the hub).
 *
 * @param packageId the package (must equal the id in the URL)
 * @param paths withheld paths of the delivery's manifest, as it lists them
 * @param justification why the agency needs them, for the originator (the trail never holds it)
 * @param requestedAt when the agency signed the request
 * @param delivery the delivery as the hub signed it (Base64 of the CMS SignedData inside the encryption to the agency):
 *     proves which delivery, and what its manifest withheld, without the hub keeping either
 */
public record ReleaseRequest(UUID packageId, List<String> paths, String justification, Instant requestedAt,
    String delivery) {

  /** Most paths one request may name. */
  public static final int MAX_PATHS = 50;

  /** Longest justification, in characters. */
  public static final int MAX_TEXT = 500;

  /** Refuses ({@link ReasonCode#REQUEST_INVALID}) a request with a missing field, no path or no justification. */
  public ReleaseRequest checked() {
    if (packageId == null || requestedAt == null || delivery == null || delivery.isBlank()) {
      throw new WildexException(ReasonCode.REQUEST_INVALID,
          "a release request names packageId, paths, justification, requestedAt and carries its delivery");
    }
    if (paths == null || paths.isEmpty() || paths.size() > MAX_PATHS
        || paths.stream().anyMatch(p -> p == null || !p.startsWith("/"))) {
      throw new WildexException(ReasonCode.REQUEST_INVALID,
          "paths: 1 to " + MAX_PATHS + " JSON Pointers from the delivery's manifest");
    }
    if (justification == null || justification.isBlank() || justification.length() > MAX_TEXT) {
      throw new WildexException(ReasonCode.REQUEST_INVALID,
          "a release request says why in justification (1 to " + MAX_TEXT + " characters)");
    }
    return this;
  }

  /**
   * The id of a request for {@code paths} of one delivery: the same whatever their order, so a retried request is one
   * request (the broker's duplicate id and the hub's record both use it).
   */
  public static UUID requestId(UUID deliveryId, List<String> paths) {
    return UUID.nameUUIDFromBytes(("wildex-release:" + deliveryId + ":" + String.join("\n", new TreeSet<>(paths)))
        .getBytes(StandardCharsets.UTF_8));
  }
}
