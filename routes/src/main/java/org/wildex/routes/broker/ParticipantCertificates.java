package org.wildex.routes.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.wildex.contracts.directory.Directory;
import org.wildex.contracts.directory.Participant;
import org.wildex.crypto.Digests;
import org.wildex.crypto.pki.Pem;

/** Participant ids by their exact registered certificate (SHA-256 of the DER encoding), loaded once from the directory. */
final class ParticipantCertificates {

  private final Map<String, String> idByFingerprint;

  private ParticipantCertificates(Map<String, String> idByFingerprint) {
    this.idByFingerprint = Map.copyOf(idByFingerprint);
  }

  static ParticipantCertificates load(Directory directory) {
    Map<String, String> ids = new HashMap<>();
    for (Participant p : directory.participants()) {
      try {
        X509Certificate cert = Pem.readCertificate(directory.resolve(p.certificate()));
        String previous = ids.putIfAbsent(fingerprint(cert), p.id());
        if (previous != null) {
          throw new IllegalArgumentException("participants " + previous + " and " + p.id() + " share one certificate");
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the certificate of participant " + p.id(), e);
      }
    }
    return new ParticipantCertificates(ids);
  }

  /** The participant registered with exactly this certificate; a certificate that merely shares its name does not count. */
  Optional<String> participantFor(X509Certificate cert) {
    return Optional.ofNullable(idByFingerprint.get(fingerprint(cert)));
  }

  static String fingerprint(X509Certificate cert) {
    try {
      return Digests.sha256Hex(cert.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("cannot fingerprint certificate", e);
    }
  }
}
