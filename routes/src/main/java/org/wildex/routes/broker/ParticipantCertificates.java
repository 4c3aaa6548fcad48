package org.wildex.routes.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wildex.contracts.directory.Directory;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.directory.Peer;
import org.wildex.crypto.Digests;
import org.wildex.crypto.pki.Pem;
import org.wildex.routes.FileWatch;
import org.wildex.routes.Participants;

/**
 * Participant ids by their exact registered certificate (SHA-256 of the DER encoding). A participant's certificate file
 * is re-read when it changes (looked at at most once per {@link Participants#RELOAD_INTERVAL}), so a renewal lets the
 * new certificate in without a restart; the hub's and the peer hubs' certificates are read once.
 */
final class ParticipantCertificates {

  private static final Logger LOG = LoggerFactory.getLogger(ParticipantCertificates.class);

  private final Directory directory;
  private final FileWatch files;
  private volatile Map<String, String> idByFingerprint;
  private final String hubFingerprint;
  private final Map<String, String> peerByFingerprint;

  private ParticipantCertificates(Directory directory, Duration reloadInterval, String hubFingerprint,
      Map<String, String> peerByFingerprint) {
    this.directory = directory;
    this.files = new FileWatch(directory.participants().stream().filter(p -> !directory.isRemote(p.id()))
        .map(p -> directory.resolve(p.certificate())).toList(), reloadInterval);
    this.idByFingerprint = participantIds(directory);
    this.hubFingerprint = hubFingerprint;
    this.peerByFingerprint = Map.copyOf(peerByFingerprint);
  }

  static ParticipantCertificates load(Directory directory) {
    return load(directory, Participants.RELOAD_INTERVAL);
  }

  static ParticipantCertificates load(Directory directory, Duration reloadInterval) {
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
    return new ParticipantCertificates(directory, reloadInterval, hub, peers);
  }

  private static Map<String, String> participantIds(Directory directory) {
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
    return Map.copyOf(ids);
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
    if (files.changed()) {
      try {
        idByFingerprint = participantIds(directory);
        LOG.info("event=CERTIFICATES_RELOADED participants={}", idByFingerprint.size());
      } catch (RuntimeException e) {
        files.forget();
        LOG.error("event=CERTIFICATES_RELOAD_FAILED error={}: {} (the certificates read before stay in force)",
            e.getClass().getSimpleName(), e.getMessage());
      }
    }
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
