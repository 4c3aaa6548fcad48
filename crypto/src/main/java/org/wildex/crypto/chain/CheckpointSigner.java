package org.wildex.crypto.chain;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.wildex.crypto.CryptoException;
import org.wildex.crypto.CryptoFailure;
import org.wildex.crypto.cms.Cms;
import org.wildex.crypto.pki.CertificateCheck;
import org.wildex.crypto.pki.KeyHolder;

/**
 * Signs and checks checkpoints as CMS SignedData (content attached, signer certificate included), so {@code openssl cms
 * -verify -inform DER -CAfile ca.crt.pem} checks one without wildex.
 */
public final class CheckpointSigner {

  private CheckpointSigner() {}

  /** The hub's signature over the checkpoint, DER. */
  public static byte[] sign(Checkpoint checkpoint, KeyHolder hub) throws CryptoException {
    return Cms.sign(checkpoint.payload(), hub);
  }

  /**
   * Verifies the signature, that the signer is exactly {@code hub} and that {@code hub} is issued by {@code ca} (when
   * given); returns the checkpoint signed.
   */
  public static Checkpoint verify(byte[] signedDer, X509Certificate hub, X509Certificate ca) throws CryptoException {
    return verify(signedDer, List.of(hub), ca == null ? List.of() : List.of(ca));
  }

  /**
   * As {@link #verify(byte[], X509Certificate, X509Certificate)} for a hub whose key was renewed: the signer must be
   * one of {@code hubs} (the current certificate and the retired ones) and issued by one of {@code cas} (none: not
   * checked) at the time it signed.
   */
  public static Checkpoint verify(byte[] signedDer, List<X509Certificate> hubs, List<X509Certificate> cas)
      throws CryptoException {
    Cms.Opened opened = Cms.verify(signedDer);
    X509Certificate hub = opened.signer();
    if (!hubs.contains(hub)) {
      throw new CryptoException(CryptoFailure.SIGNER_UNTRUSTED, "checkpoint is signed by "
          + hub.getSubjectX500Principal().getName() + ", not by " + (hubs.size() == 1 ? "the hub certificate"
          : "any of the " + hubs.size() + " hub certificates (current and retired)"));
    }
    Checkpoint checkpoint;
    try {
      checkpoint = Checkpoint.parse(opened.content());
    } catch (IllegalArgumentException e) {
      throw new CryptoException(CryptoFailure.CMS_MALFORMED, "signed content is not a checkpoint: " + e.getMessage(), e);
    }
    if (!cas.isEmpty()) {
      // the hub certificate must have been valid when it signed
      CertificateCheck.checkIssuedByAny(hub, cas, checkpoint.at());
    }
    return checkpoint;
  }

  /** Convenience for the hub: a checkpoint of {@code head} at {@code seq}, signed now. */
  public static byte[] signNow(long seq, String head, KeyHolder hub) throws CryptoException {
    return sign(new Checkpoint(seq, head, Instant.now()), hub);
  }
}
