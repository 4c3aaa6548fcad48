package org.wildex.crypto.pki;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Collections;
import org.wildex.crypto.Providers;

/** A {@link KeyHolder} loaded once from PEM files or a PKCS#12 store. */
public final class FileKeyHolder implements KeyHolder {
  private final X509Certificate certificate;
  private final PrivateKey privateKey;

  private FileKeyHolder(X509Certificate certificate, PrivateKey privateKey) throws IOException {
    this.certificate = certificate;
    this.privateKey = privateKey;
    requireMatchingKeys(certificate, privateKey);
  }

  /** A certificate and its private key, checked to belong together. */
  public static FileKeyHolder of(X509Certificate cert, PrivateKey key) throws IOException {
    return new FileKeyHolder(cert, key);
  }

  /** Loads a certificate PEM (first certificate is the holder's) and an unencrypted private key PEM. */
  public static FileKeyHolder fromPem(Path cert, Path key) throws IOException {
    return new FileKeyHolder(Pem.readCertificate(cert), Pem.readPrivateKey(key));
  }

  /** Loads the first key entry of a PKCS#12 store; the key and store share the password. */
  public static FileKeyHolder fromPkcs12(Path p12, char[] password) throws IOException {
    try (InputStream in = Files.newInputStream(p12)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      for (String alias : Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias)) {
          Key key = store.getKey(alias, password);
          if (key instanceof PrivateKey pk && store.getCertificate(alias) instanceof X509Certificate c) {
            return new FileKeyHolder(c, toBouncyCastle(pk));
          }
        }
      }
      throw new IOException("no private key entry in " + p12);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read PKCS#12 store " + p12, e);
    }
  }

  @Override
  public X509Certificate certificate() {
    return certificate;
  }

  @Override
  public PrivateKey privateKey() {
    return privateKey;
  }

  @Override
  public String toString() {
    return "FileKeyHolder[" + certificate.getSubjectX500Principal() + "]";
  }

  /** Signs a random challenge and verifies it with the certificate, so a key/certificate mix-up fails at load, not per message. */
  private static void requireMatchingKeys(X509Certificate cert, PrivateKey key) throws IOException {
    String alg = switch (key.getAlgorithm()) {
      case "EC", "ECDSA" -> "SHA256withECDSA";
      case "RSA" -> "SHA256withRSA";
      default -> null;
    };
    if (alg == null) {
      return; // unknown key type: left to the operations that use it
    }
    try {
      byte[] challenge = new byte[32];
      new SecureRandom().nextBytes(challenge);
      Signature signer = Signature.getInstance(alg, Providers.BC);
      signer.initSign(key);
      signer.update(challenge);
      Signature verifier = Signature.getInstance(alg, Providers.BC);
      verifier.initVerify(cert.getPublicKey());
      verifier.update(challenge);
      if (verifier.verify(signer.sign())) {
        return;
      }
    } catch (GeneralSecurityException e) {
      throw new IOException("private key does not fit certificate " + cert.getSubjectX500Principal(), e);
    }
    throw new IOException("private key does not belong to certificate " + cert.getSubjectX500Principal());
  }

  /** Re-imports a key with the BC provider so later BC operations skip per-call key conversion. */
  private static PrivateKey toBouncyCastle(PrivateKey key) throws GeneralSecurityException {
    if (!"PKCS#8".equals(key.getFormat())) {
      return key;
    }
    return KeyFactory.getInstance(key.getAlgorithm(), Providers.BC)
        .generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
  }
}
