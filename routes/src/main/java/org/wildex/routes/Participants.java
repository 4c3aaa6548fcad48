package org.wildex.routes;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.wildex.contracts.directory.Directory;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.directory.Peer;
import org.wildex.crypto.CryptoException;
import org.wildex.crypto.Digests;
import org.wildex.crypto.pki.CertificateCheck;
import org.wildex.crypto.pki.Pem;
import org.wildex.crypto.pki.RevocationList;

/** The directory with every participant's certificate loaded once: who a certificate belongs to, and where to encrypt to. */
public final class Participants {

  private final Directory directory;
  private final List<X509Certificate> cas;
  private final Map<String, X509Certificate> certificates = new HashMap<>();
  private final Map<String, Participant> byEncodedCertificate = new HashMap<>();
  private final Revocations revocations;
  private final Map<String, X509Certificate> peerHubs = new HashMap<>();
  private final Map<String, List<X509Certificate>> peerCas = new HashMap<>();

  private Participants(Directory directory) throws IOException {
    this.directory = directory;
    this.cas = Pem.readCertificates(directory.caCertificate());
    if (cas.isEmpty()) {
      throw new IOException("no CA certificate in " + directory.caCertificate());
    }
    this.revocations = new Revocations(directory.caCertificate().resolveSibling(RevocationList.FILE), cas);
    for (Participant p : directory.participants()) {
      X509Certificate cert = Pem.readCertificate(directory.resolve(p.certificate()));
      certificates.put(p.id(), cert);
      if (!directory.isRemote(p.id())) { // another region's participant is no one here: it reads from its own hub
        byEncodedCertificate.put(key(cert), p);
      }
    }
    for (Peer peer : directory.peers()) {
      peerHubs.put(peer.region(), Pem.readCertificate(directory.resolve(peer.hub())));
      peerCas.put(peer.region(), Pem.readCertificates(directory.resolve(peer.ca())));
    }
  }

  /** Loads the certificates of every participant named in the directory. */
  public static Participants load(Directory directory) throws IOException {
    return new Participants(directory);
  }

  public Directory directory() {
    return directory;
  }

  /** The issuing CA: the first of the directory's CA file. */
  public X509Certificate ca() {
    return cas.get(0);
  }

  /**
   * Every trusted CA: the directory's CA file holds one, or two while a CA rotation is in progress (the new CA first,
   * then the outgoing one), and a participant certificate from either is accepted.
   */
  public List<X509Certificate> cas() {
    return cas;
  }

  /** Passes when a trusted CA issued the certificate and both are valid at {@code at}. */
  public void checkIssued(X509Certificate cert, Instant at) throws CryptoException {
    CertificateCheck.checkIssuedByAny(cert, cas, at);
  }

  /** Whether the CA has revoked this certificate (its CRL sits next to the CA certificate and is re-read on change). */
  public boolean isRevoked(X509Certificate cert) {
    return revocations.test(cert);
  }

  /** The participant whose registered certificate is exactly this one (not merely one with the same name). */
  public Optional<Participant> byCertificate(X509Certificate cert) {
    return Optional.ofNullable(byEncodedCertificate.get(key(cert)));
  }

  /** The peer region whose hub certificate is exactly this one (federation), if any. */
  public Optional<Peer> peerHub(X509Certificate cert) {
    String k = key(cert);
    return directory.peers().stream().filter(p -> key(peerHubs.get(p.region())).equals(k)).findFirst();
  }

  /** The hub certificate of a peer region, as this region's directory names it. */
  public X509Certificate peerHubCertificate(String region) {
    X509Certificate cert = peerHubs.get(region);
    if (cert == null) {
      throw new IllegalArgumentException("no peer region " + region + " in the directory");
    }
    return cert;
  }

  /** Passes when the peer region's CA (as this directory names it) issued the certificate and both are valid at {@code at}. */
  public void checkIssuedByPeer(String region, X509Certificate cert, Instant at) throws CryptoException {
    CertificateCheck.checkIssuedByAny(cert, peerCas.get(region), at);
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
