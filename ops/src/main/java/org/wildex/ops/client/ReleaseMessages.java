package org.wildex.ops.client;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.wildex.contracts.delivery.Delivery;
import org.wildex.contracts.lifecycle.ReleaseDecision;
import org.wildex.contracts.lifecycle.ReleaseRequest;
import org.wildex.contracts.lifecycle.ReleaseRequestNotice;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.crypto.cms.Cms;
import org.wildex.crypto.CryptoException;
import org.wildex.crypto.pki.KeyHolder;

/**
 * The two messages of a release, each signed by its author and encrypted to the hub: an agency's request for paths
 * withheld from one of its deliveries, and the originator's decision on it. {@code wildex request-release}, {@code
 * wildex decide} and the demo build them here.
 */
public final class ReleaseMessages {

  /** A request ready to post: the package it is about and the sealed CMS. */
  public record SealedRequest(UUID packageId, byte[] sealed) {}

  private ReleaseMessages() {}

  /**
   * An agency's request: {@code fetched} is its delivery as it came off its address (encrypted to it); the request
   * carries the hub-signed delivery inside, so the hub checks it without keeping deliveries.
   */
  public static SealedRequest request(byte[] fetched, List<String> paths, String justification, KeyHolder agency,
      X509Certificate hub) throws CryptoException, IOException {
    byte[] signed = Cms.decrypt(fetched, agency);
    Delivery delivery = PackageCodec.fromJson(Cms.verify(signed).content(), Delivery.class);
    ReleaseRequest request = new ReleaseRequest(delivery.packageId(), paths, justification, Instant.now(),
        Base64.getEncoder().encodeToString(signed)).checked();
    return new SealedRequest(delivery.packageId(), Cms.seal(PackageCodec.toJson(request), agency, hub));
  }

  /**
   * The originator's decision on {@code notice}: an approval carries {@code submission}, the package exactly as it was
   * submitted (the sealed CMS), from which the hub cuts the new delivery; a decline carries none.
   */
  public static byte[] decision(ReleaseRequestNotice notice, boolean approve, byte[] submission, String text,
      KeyHolder originator, X509Certificate hub) throws CryptoException, IOException {
    ReleaseDecision decision = new ReleaseDecision(notice.requestId(), notice.packageId(), approve, text,
        approve ? Base64.getEncoder().encodeToString(submission) : null, Instant.now()).checked();
    return Cms.seal(PackageCodec.toJson(decision), originator, hub);
  }
}
