package org.wildex.crypto.pki;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.wildex.crypto.CryptoException;
import org.wildex.crypto.CryptoFailure;
import org.wildex.crypto.Providers;

/** Checks that an end-entity certificate was issued by a given CA and is valid at a given instant (no revocation here). */
public final class CertificateCheck {
  private static final int KEY_CERT_SIGN = 5;
  private static final int MAX_VERIFIED = 4096;
  /**
   * Certificates whose CA signature verified, each with that CA: a signature over given bytes does not change, so it is
   * checked once per (certificate, CA); everything else (issuer, constraints, validity) is checked on every call.
   */
  private static final Map<X509Certificate, X509Certificate> VERIFIED = new ConcurrentHashMap<>();

  private CertificateCheck() {}

  /**
   * Passes when {@code ca} is a CA certificate (basic constraints cA, keyCertSign if key usage is present), {@code cert}
   * names it as issuer, carries its signature and is not itself a CA, and both are within their validity at {@code at}.
   *
   * @throws CryptoException SIGNER_UNTRUSTED (wrong issuer, bad signature, not a CA), CERT_EXPIRED or CERT_NOT_YET_VALID
   */
  public static void checkIssuedBy(X509Certificate cert, X509Certificate ca, Instant at) throws CryptoException {
    if (ca.getBasicConstraints() < 0) {
      throw new CryptoException(CryptoFailure.SIGNER_UNTRUSTED, "trust anchor is not a CA certificate");
    }
    boolean[] caUsage = ca.getKeyUsage();
    if (caUsage != null && (caUsage.length <= KEY_CERT_SIGN || !caUsage[KEY_CERT_SIGN])) {
      throw new CryptoException(CryptoFailure.SIGNER_UNTRUSTED, "trust anchor key usage does not allow certificate signing");
    }
    if (!cert.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
      throw new CryptoException(CryptoFailure.SIGNER_UNTRUSTED, "certificate " + cert.getSubjectX500Principal()
          + " is issued by " + cert.getIssuerX500Principal() + ", not by the trusted CA");
    }
    if (!ca.equals(VERIFIED.get(cert))) {
      try {
        cert.verify(ca.getPublicKey(), Providers.BC);
      } catch (GeneralSecurityException | RuntimeException e) {
        throw new CryptoException(CryptoFailure.SIGNER_UNTRUSTED,
            "certificate " + cert.getSubjectX500Principal() + " does not carry the trusted CA's signature", e);
      }
      if (VERIFIED.size() >= MAX_VERIFIED) {
        VERIFIED.clear();
      }
      VERIFIED.put(cert, ca);
    }
    if (cert.getBasicConstraints() >= 0) {
      throw new CryptoException(CryptoFailure.SIGNER_UNTRUSTED, "certificate " + cert.getSubjectX500Principal() + " is a CA, not a participant");
    }
    checkValidity(cert, at, "certificate " + cert.getSubjectX500Principal());
    checkValidity(ca, at, "CA certificate");
  }

  /**
   * As {@link #checkIssuedBy}, against whichever of {@code cas} issued {@code cert} (the trust store holds two CAs while a
   * CA rotation is in progress); returns that CA.
   *
   * @throws CryptoException as {@link #checkIssuedBy}; SIGNER_UNTRUSTED when no CA in {@code cas} issued it
   */
  public static X509Certificate checkIssuedByAny(X509Certificate cert, List<X509Certificate> cas, Instant at)
      throws CryptoException {
    if (cas.size() == 1) {
      checkIssuedBy(cert, cas.get(0), at);
      return cas.get(0);
    }
    CryptoException first = null;
    for (X509Certificate ca : cas) {
      if (!cert.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
        continue;
      }
      try {
        checkIssuedBy(cert, ca, at);
        return ca;
      } catch (CryptoException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
    throw new CryptoException(CryptoFailure.SIGNER_UNTRUSTED, "certificate " + cert.getSubjectX500Principal()
        + " is issued by " + cert.getIssuerX500Principal() + ", not by a trusted CA");
  }

  private static void checkValidity(X509Certificate c, Instant at, String what) throws CryptoException {
    Date when = Date.from(at);
    if (when.before(c.getNotBefore())) {
      throw new CryptoException(CryptoFailure.CERT_NOT_YET_VALID, what + " is valid only from " + c.getNotBefore().toInstant());
    }
    if (when.after(c.getNotAfter())) {
      throw new CryptoException(CryptoFailure.CERT_EXPIRED, what + " expired at " + c.getNotAfter().toInstant());
    }
  }
}
