package org.wildex.routes;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.wildex.contracts.directory.Directory;
import org.wildex.contracts.directory.Participant;
import org.wildex.crypto.Digests;
import org.wildex.crypto.pki.Pem;
import org.wildex.crypto.pki.RevocationList;

/** The directory with every participant's certificate loaded once: who a certificate belongs to, and where to encrypt to. */
public final class Participants {

  private final Directory directory;
  private final X509Certificate ca;
  private final Map<String, X509Certificate> certificates = new HashMap<>();
  private final Map<String, Participant> byEncodedCertificate = new HashMap<>();
  private final Revocations revocations;

  private Participants(Directory directory) throws IOException {
    this.directory = directory;
    this.ca = Pem.readCertificate(directory.caCertificate());
    this.revocations = new Revocations(directory.caCertificate().resolveSibling(RevocationList.FILE), ca);
    for (Participant p : directory.participants()) {
      X509Certificate cert = Pem.readCertificate(directory.resolve(p.certificate()));
      certificates.put(p.id(), cert);
      byEncodedCertificate.put(key(cert), p);
    }
  }

  /** Loads the certificates of every participant named in the directory. */
  public static Participants load(Directory directory) throws IOException {
    return new Participants(directory);
  }

  public Directory directory() {
    return directory;
  }

  /** The CA every participant certificate must be issued by. */
  public X509Certificate ca() {
    return ca;
  }

  /** Whether the CA has revoked this certificate (its CRL sits next to the CA certificate and is re-read on change). */
  public boolean isRevoked(X509Certificate cert) {
    return revocations.test(cert);
  }

  /** The participant whose registered certificate is exactly this one (not merely one with the same name). */
  public Optional<Participant> byCertificate(X509Certificate cert) {
    return Optional.ofNullable(byEncodedCertificate.get(key(cert)));
  }

  /** The registered certificate of a participant. */
  public X509Certificate certificate(String participantId) {
    X509Certificate cert = certificates.get(participantId);
    if (cert == null) {
      throw new IllegalArgumentException("no certificate registered for " + participantId);
    }
    return cert;
  }

  public List<Participant> all() {
    return directory.participants();
  }

  private static String key(X509Certificate cert) {
    try {
      return Digests.sha256Hex(cert.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("cannot encode certificate", e);
    }
  }
}
