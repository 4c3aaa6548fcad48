package org.wildex.crypto.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** A certificate and its private key: the one seam where an HSM or KMS can replace key files. */
public interface KeyHolder {
  X509Certificate certificate();

  PrivateKey privateKey();
}
