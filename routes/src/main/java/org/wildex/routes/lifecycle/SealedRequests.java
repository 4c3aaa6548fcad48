package org.wildex.routes.lifecycle;

import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.WildexException;
import org.wildex.contracts.delivery.Delivery;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.crypto.CryptoException;
import org.wildex.crypto.cms.Cms;
import org.wildex.crypto.pki.KeyHolder;

/** Opening what participants seal to the hub for a lifecycle request, with the reason codes of a submission. */
final class SealedRequests {

  private SealedRequests() {}

  /** Decrypts and verifies a sealed request with the hub's keys (the signer is the caller's to check). */
  static Cms.Opened open(byte[] sealed, List<KeyHolder> hubKeys) {
    try {
      return Cms.open(sealed, hubKeys);
    } catch (CryptoException e) {
      throw new WildexException(ReasonCode.valueOf(e.failure().name()), e.getMessage(), e);
    }
  }

  /**
   * A delivery as the hub signed it (Base64 of the CMS SignedData the agency found inside its encryption): refused
   * ({@code REQUEST_INVALID}) unless its signature verifies and is one of the hub's own keys.
   */
  static Delivery hubDelivery(String base64, List<KeyHolder> hubKeys) {
    Cms.Opened opened;
    try {
      opened = Cms.verify(Base64.getDecoder().decode(base64));
    } catch (CryptoException | IllegalArgumentException e) {
      throw new WildexException(ReasonCode.REQUEST_INVALID, "delivery: not a signed delivery (" + e.getMessage() + ")");
    }
    X509Certificate signer = opened.signer();
    if (hubKeys.stream().noneMatch(k -> k.certificate().equals(signer))) {
      throw new WildexException(ReasonCode.REQUEST_INVALID, "delivery: not signed by this hub");
    }
    return PackageCodec.fromJson(opened.content(), Delivery.class);
  }

  /** Decodes Base64 carried in a request field, refusing what is not ({@code REQUEST_INVALID}). */
  static byte[] base64(String field, String value) {
    try {
      return Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw new WildexException(ReasonCode.REQUEST_INVALID, field + ": not Base64");
    }
  }
}
