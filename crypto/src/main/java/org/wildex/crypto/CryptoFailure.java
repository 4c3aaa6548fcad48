package org.wildex.crypto;

/** Why a crypto operation failed; every constant name is also a {@code ReasonCode} name in contracts. */
public enum CryptoFailure {
  NOT_CMS,
  CMS_MALFORMED,
  NOT_ENCRYPTED_FOR_HUB,
  DECRYPT_FAILED,
  NOT_SIGNED,
  SIGNATURE_INVALID,
  /** The SignedData does not carry the signer's certificate (e.g. {@code openssl cms -sign -nocerts}). */
  SIGNER_CERT_MISSING,
  /** An algorithm outside {@link org.wildex.crypto.cms.AlgorithmPolicy}: refused before any key or signature work. */
  ALGORITHM_NOT_ALLOWED,
  SIGNER_UNTRUSTED,
  CERT_EXPIRED,
  CERT_NOT_YET_VALID,
  CERT_REVOKED,
  /** The hub itself could not sign or encrypt (unusable key, unsupported recipient key type): a fault, not bad input. */
  INTERNAL_ERROR
}
