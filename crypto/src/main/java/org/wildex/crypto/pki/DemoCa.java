package org.wildex.crypto.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.operator.OperatorCreationException;
import org.wildex.crypto.CryptoException;
import org.wildex.crypto.pki.DemoPki.KeyType;

/**
 * The demo CA's life after {@code wildex pki demo}: renew a participant's or the hub's key and certificate, and rotate
 * the CA itself with an overlap period. Files in the PKI folder:
 *
 * <pre>
 * ca.crt.pem            the trusted CA(s): the issuing CA first; during a rotation also the outgoing one
 * ca.key.pem            the issuing CA's key;  ca.previous.key.pem  the outgoing CA's key, during a rotation only
 * truststore.p12        the same CA(s), for TLS
 * ca.retired.crt.pem    CAs no longer trusted, kept to verify what their certificates signed (audit checkpoints)
 * ID.retired.crt.pem    a participant's (or the hub's) earlier certificates, kept for the same reason
 * ID.retired.key.pem    a participant's earlier keys, so what was sealed to them before a renewal still opens
 * </pre>
 */
public final class DemoCa {

  public static final String CA_CERT = "ca.crt.pem";
  public static final String CA_KEY = "ca.key.pem";
  public static final String PREVIOUS_CA_KEY = "ca.previous.key.pem";
  public static final String TRUST_STORE = "truststore.p12";

  /** A certificate replaced: the one before (now in {@code ID.retired.crt.pem}; null if there was none) and the new one. */
  public record Renewal(String id, X509Certificate previous, X509Certificate current) {}

  private DemoCa() {}

  /** The trusted CAs of a PKI folder, issuing CA first. */
  public static List<X509Certificate> cas(Path pkiDir) throws IOException {
    List<X509Certificate> cas = Pem.readCertificates(pkiDir.resolve(CA_CERT));
    if (cas.isEmpty()) {
      throw new IOException("no CA certificate in " + pkiDir.resolve(CA_CERT));
    }
    return cas;
  }

  /** Key of the {@code index}-th CA of {@code ca.crt.pem}: the issuing CA's, or during a rotation the outgoing one's. */
  static PrivateKey caKey(Path pkiDir, int index) throws IOException {
    Path file = pkiDir.resolve(index == 0 ? CA_KEY : PREVIOUS_CA_KEY);
    if (index > 1 || !Files.isRegularFile(file)) {
      throw new IOException("no key for CA number " + (index + 1) + " of " + pkiDir.resolve(CA_CERT) + " (" + file
          + " missing); revoke with the CA that issued the certificate");
    }
    return Pem.readPrivateKey(file);
  }

  /**
   * The issuing CA gives {@code id} a new key of the same kind and a certificate for the same subject (and, for the
   * hub, the same host names); writes {@code ID.crt.pem}, {@code ID.key.pem} and {@code ID.p12} (under
   * {@code p12Password}) and keeps the old certificate in {@code ID.retired.crt.pem}. Revoking the old one is the
   * caller's choice.
   */
  public static Renewal renew(Path pkiDir, String id, char[] p12Password) throws IOException {
    X509Certificate old = Pem.readCertificate(pkiDir.resolve(id + ".crt.pem"));
    X509Certificate ca = cas(pkiDir).get(0);
    try {
      KeyPair keys = DemoPki.generate(old.getPublicKey().getAlgorithm().startsWith("EC") ? KeyType.EC_P256 : KeyType.RSA_2048);
      boolean hub = id.equals(DemoPki.HUB_ID) || old.getSubjectAlternativeNames() != null;
      X509Certificate cert = DemoPki.leafCertificate(old.getSubjectX500Principal(), keys.getPublic(), hub, ca, caKey(pkiDir, 0),
          Instant.now());
      return install(pkiDir, id, cert, keys.getPrivate(), p12Password);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IOException("cannot issue a certificate for " + id + " with the demo CA", e);
    }
  }

  /**
   * Installs a key and certificate for {@code id} (from the demo CA or your own): the certificate must be issued by a CA
   * in {@code ca.crt.pem} and valid now, and the key must belong to it. Writes {@code ID.p12} (key, certificate, CA;
   * under {@code p12Password}), {@code ID.key.pem} and {@code ID.crt.pem}; the certificate it replaces goes to
   * {@code ID.retired.crt.pem}.
   */
  public static Renewal install(Path pkiDir, String id, X509Certificate cert, PrivateKey key, char[] p12Password)
      throws IOException {
    X509Certificate ca;
    try {
      ca = CertificateCheck.checkIssuedByAny(cert, cas(pkiDir), Instant.now());
    } catch (CryptoException e) {
      throw new IOException("the new certificate for " + id + " is not usable: " + e.getMessage(), e);
    }
    FileKeyHolder.of(cert, key); // the key belongs to the certificate
    Path certFile = pkiDir.resolve(id + ".crt.pem");
    X509Certificate old = Files.isRegularFile(certFile) ? Pem.readCertificate(certFile) : null;
    try {
      DemoPki.writeKeyStore(pkiDir.resolve(id + ".p12"), id, key, cert, ca, p12Password);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot write " + pkiDir.resolve(id + ".p12"), e);
    }
    Path keyFile = pkiDir.resolve(id + ".key.pem");
    if (old != null && Files.isRegularFile(keyFile)) {
      // keep the old key: what was sealed to it must still open (a participant's deliveries and receipts waiting in its
      // queue; for the hub, submissions accepted before the renewal and still on wildex.intake)
      PrivateKey oldKey = Pem.readPrivateKey(keyFile);
      FileKeyHolder.of(old, oldKey);
      RetiredCertificates.retireKey(keyFile, oldKey);
    }
    Pem.writePrivateKey(keyFile, key);
    if (old != null) {
      RetiredCertificates.retire(certFile, List.of(old));
    }
    Path tmp = pkiDir.resolve(id + ".crt.pem.tmp");
    Pem.writeCertificate(tmp, cert);
    Files.move(tmp, certFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return new Renewal(id, old, cert);
  }

  /**
   * Begins a CA rotation: a new CA key and self-signed certificate, which issues from now on ({@code ca.key.pem}; the
   * outgoing key moves to {@code ca.previous.key.pem} so it can still revoke); {@code ca.crt.pem} and
   * {@code truststore.p12} (under {@code storePassword}) hold the new CA and the outgoing one. Returns the new CA.
   */
  public static X509Certificate beginRotation(Path pkiDir, char[] storePassword) throws IOException {
    List<X509Certificate> cas = cas(pkiDir);
    if (cas.size() > 1 || Files.exists(pkiDir.resolve(PREVIOUS_CA_KEY))) {
      throw new IOException("a CA rotation is already in progress (" + pkiDir.resolve(CA_CERT) + " holds " + cas.size()
          + " CAs): finish it first with `wildex pki rotate-ca --finish`");
    }
    try {
      KeyPair keys = DemoPki.generate(KeyType.EC_P256);
      String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
      X509Certificate ca = DemoPki.caCertificate(new X500Principal("CN=wildex demo CA " + stamp + ", O=wildex"), keys, Instant.now());
      List<X509Certificate> both = List.of(ca, cas.get(0));
      DemoPki.writeTrustStore(pkiDir.resolve(TRUST_STORE), both, storePassword);
      Files.move(pkiDir.resolve(CA_KEY), pkiDir.resolve(PREVIOUS_CA_KEY));
      Pem.writePrivateKey(pkiDir.resolve(CA_KEY), keys.getPrivate());
      Pem.writeCertificates(pkiDir.resolve(CA_CERT), both);
      return ca;
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IOException("cannot make the new demo CA", e);
    }
  }

  /**
   * Ends a CA rotation: {@code ca.crt.pem} and {@code truststore.p12} hold only the new CA; the outgoing CA moves to
   * {@code ca.retired.crt.pem}, its key and its CRL are deleted. Refuses, naming them, while a certificate of
   * {@code inUse} (id to certificate: the hub and every participant not revoked) is still issued by the outgoing CA.
   * Returns the CA retired.
   */
  public static X509Certificate finishRotation(Path pkiDir, char[] storePassword, Map<String, X509Certificate> inUse)
      throws IOException {
    List<X509Certificate> cas = cas(pkiDir);
    if (cas.size() < 2) {
      throw new IOException("no CA rotation in progress (" + pkiDir.resolve(CA_CERT) + " holds one CA): begin one with"
          + " `wildex pki rotate-ca`");
    }
    X509Certificate current = cas.get(0);
    List<String> left = new ArrayList<>();
    inUse.forEach((id, cert) -> {
      if (!cert.getIssuerX500Principal().equals(current.getSubjectX500Principal())) {
        left.add(id);
      }
    });
    if (!left.isEmpty()) {
      throw new IOException(left.size() + " certificate(s) in use are still issued by the outgoing CA: " + String.join(", ", left)
          + "; renew them first (`wildex pki renew ID`, `wildex pki renew-hub`), or revoke them");
    }
    List<X509Certificate> outgoing = cas.subList(1, cas.size());
    RetiredCertificates.retire(pkiDir.resolve(CA_CERT), outgoing);
    try {
      DemoPki.writeTrustStore(pkiDir.resolve(TRUST_STORE), List.of(current), storePassword);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot write " + pkiDir.resolve(TRUST_STORE), e);
    }
    Pem.writeCertificates(pkiDir.resolve(CA_CERT), List.of(current));
    RevocationList.retainIssuers(pkiDir, List.of(current));
    Files.deleteIfExists(pkiDir.resolve(PREVIOUS_CA_KEY));
    return outgoing.get(0);
  }
}
