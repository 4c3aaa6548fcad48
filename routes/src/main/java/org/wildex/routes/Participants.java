package org.wildex.routes;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.WildexException;
import org.wildex.contracts.directory.Directory;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.directory.Peer;
import org.wildex.crypto.CryptoException;
import org.wildex.crypto.Digests;
import org.wildex.crypto.pki.CertificateCheck;
import org.wildex.crypto.pki.Pem;
import org.wildex.crypto.pki.RevocationList;

/**
 * The directory with every participant's certificate: who a certificate belongs to, and where to encrypt to. A
 * participant's certificate file is re-read when it changes (looked at at most once per {@link #RELOAD_INTERVAL}), so a
 * renewal ({@code wildex pki renew}) takes effect without a restart; the CAs, the peers and the directory itself are
 * read once.
 */
public final class Participants {

  /** How often the participants' certificate files are looked at. */
  public static final Duration RELOAD_INTERVAL = Duration.ofSeconds(1);

  private static final Logger LOG = LoggerFactory.getLogger(Participants.class);

  private final Directory directory;
  private final List<X509Certificate> cas;
  private final FileWatch certificateFiles;
  private volatile Registered registered;
  private final Revocations revocations;
  private final Map<String, X509Certificate> peerHubs = new HashMap<>();
  private final Map<String, List<X509Certificate>> peerCas = new HashMap<>();

  /** Each participant's certificate by id, and each local participant by its certificate's SHA-256. */
  private record Registered(Map<String, X509Certificate> certificates, Map<String, Participant> byEncodedCertificate) {}

  private Participants(Directory directory, Duration reloadInterval) throws IOException {
    this.directory = directory;
    this.cas = Pem.readCertificates(directory.caCertificate());
    if (cas.isEmpty()) {
      throw new IOException("no CA certificate in " + directory.caCertificate());
    }
    this.revocations = new Revocations(directory.caCertificate().resolveSibling(RevocationList.FILE), cas);
    this.certificateFiles = new FileWatch(
        directory.participants().stream().map(p -> directory.resolve(p.certificate())).toList(), reloadInterval);
    this.registered = read(directory);
    for (Peer peer : directory.peers()) {
      peerHubs.put(peer.region(), Pem.readCertificate(directory.resolve(peer.hub())));
      peerCas.put(peer.region(), Pem.readCertificates(directory.resolve(peer.ca())));
    }
  }

  private static Registered read(Directory directory) throws IOException {
    Map<String, X509Certificate> certificates = new HashMap<>();
    Map<String, Participant> byEncodedCertificate = new HashMap<>();
    for (Participant p : directory.participants()) {
      X509Certificate cert = Pem.readCertificate(directory.resolve(p.certificate()));
      certificates.put(p.id(), cert);
      if (!directory.isRemote(p.id())) { // another region's participant is no one here: it reads from its own hub
        byEncodedCertificate.put(key(cert), p);
      }
    }
    return new Registered(Map.copyOf(certificates), Map.copyOf(byEncodedCertificate));
  }

  /** The certificates as the files hold them now (re-read after a change; the previous ones stay if that fails). */
  private Registered registered() {
    if (certificateFiles.changed()) {
      try {
        registered = read(directory);
        LOG.info("event=CERTIFICATES_RELOADED participants={}", registered.certificates().size());
      } catch (IOException | RuntimeException e) {
        certificateFiles.forget();
        LOG.error("event=CERTIFICATES_RELOAD_FAILED error={}: {} (the certificates read before stay in force)",
            e.getClass().getSimpleName(), e.getMessage());
      }
    }
    return registered;
  }

  /** Loads the certificates of every participant named in the directory. */
  public static Participants load(Directory directory) throws IOException {
    return new Participants(directory, RELOAD_INTERVAL);
  }

  /** As {@link #load(Directory)}, looking at the certificate files every {@code reloadInterval}. */
  static Participants load(Directory directory, Duration reloadInterval) throws IOException {
    return new Participants(directory, reloadInterval);
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

  /** Whether the CA has revoked the certificate registered for this participant (a routing candidate, say). */
  public boolean isRevoked(String participantId) {
    return isRevoked(certificate(participantId));
  }

  /** The participant whose registered certificate is exactly this one (not merely one with the same name). */
  public Optional<Participant> byCertificate(X509Certificate cert) {
    return Optional.ofNullable(registered().byEncodedCertificate().get(key(cert)));
  }

  /**
   * Proves who signed a request: a trusted CA issued the signer's certificate (valid now), it is not revoked, it is a
   * registered participant's, and that participant is {@code clientId}, the authenticated TLS client. Refuses with
   * the matching reason code otherwise; never names the signer's participant id when it is someone else's.
   */
  public Participant checkSigner(X509Certificate signer, String clientId) {
    try {
      checkIssued(signer, Instant.now());
    } catch (CryptoException e) {
      throw new WildexException(ReasonCode.valueOf(e.failure().name()), e.getMessage(), e);
    }
    if (isRevoked(signer)) {
      throw new WildexException(ReasonCode.CERT_REVOKED, "the signer's certificate has been revoked");
    }
    Participant participant = byCertificate(signer).orElseThrow(() -> new WildexException(ReasonCode.SIGNER_UNKNOWN,
        "signer " + signer.getSubjectX500Principal().getName() + " is not in the directory"));
    if (!participant.id().equals(clientId)) {
      throw new WildexException(ReasonCode.SIGNER_NOT_CLIENT, "not signed with the submitting client's certificate");
    }
    return participant;
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
    X509Certificate cert = registered().certificates().get(participantId);
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
