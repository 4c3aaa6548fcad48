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
import org.wildex.contracts.directory.Peer;
import org.wildex.crypto.Digests;
import org.wildex.crypto.pki.Pem;

/** Participant ids by their exact registered certificate (SHA-256 of the DER encoding), loaded once from the directory. */
final class ParticipantCertificates {

  private final Map<String, String> idByFingerprint;
  private final String hubFingerprint;
  private final Map<String, String> peerByFingerprint;

  private ParticipantCertificates(Map<String, String> idByFingerprint, String hubFingerprint,
      Map<String, String> peerByFingerprint) {
    this.idByFingerprint = Map.copyOf(idByFingerprint);
    this.hubFingerprint = hubFingerprint;
    this.peerByFingerprint = Map.copyOf(peerByFingerprint);
  }

  static ParticipantCertificates load(Directory directory) {
    Map<String, String> ids = new HashMap<>();
    for (Participant p : directory.participants()) {
      if (directory.isRemote(p.id())) {
        continue; // another region's participant reads from its own region's broker, never from this one
      }
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
    String hub;
    try {
      hub = fingerprint(Pem.readCertificate(directory.hubCertificate()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the hub certificate " + directory.hubCertificate(), e);
    }
    Map<String, String> peers = new HashMap<>();
    for (Peer peer : directory.peers()) {
      try {
        peers.put(fingerprint(Pem.readCertificate(directory.resolve(peer.hub()))), peer.region());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the hub certificate of peer region " + peer.region(), e);
      }
    }
    return new ParticipantCertificates(ids, hub, peers);
  }

  /** The peer region whose hub certificate is exactly this one (federation: it may only send hand-overs here). */
  Optional<String> peerFor(X509Certificate cert) {
    return Optional.ofNullable(peerByFingerprint.get(fingerprint(cert)));
  }

  /** The hub's own certificate: whoever holds the hub's key (its operators, other hub nodes) acts as the hub. */
  boolean isHub(X509Certificate cert) {
    return hubFingerprint.equals(fingerprint(cert));
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
