package org.wildex.crypto.pki;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.wildex.crypto.Providers;

/** A CA's certificate revocation list (X.509 CRL, PEM), checked against the CA before it is believed. */
public final class RevocationList {

  /** Where the demo CA keeps its CRL inside {@code pki/}. */
  public static final String FILE = "ca.crl.pem";

  private final X509CRL crl;

  private RevocationList(X509CRL crl) {
    this.crl = crl;
  }

  /** Loads a PEM CRL and verifies it was signed by {@code ca}. */
  public static RevocationList load(Path pem, X509Certificate ca) throws IOException {
    try (InputStream in = Files.newInputStream(pem)) {
      X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
      crl.verify(ca.getPublicKey(), Providers.BC);
      if (!crl.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
        throw new IOException("CRL " + pem + " is not issued by " + ca.getSubjectX500Principal());
      }
      return new RevocationList(crl);
    } catch (GeneralSecurityException e) {
      throw new IOException("CRL " + pem + " is not a valid CRL of " + ca.getSubjectX500Principal(), e);
    }
  }

  public boolean isRevoked(X509Certificate cert) {
    return crl.isRevoked(cert);
  }

  public int size() {
    return crl.getRevokedCertificates() == null ? 0 : crl.getRevokedCertificates().size();
  }

  /**
   * The demo CA revokes a certificate: rewrites {@code pkiDir/ca.crl.pem} with every earlier entry plus this one,
   * signed with {@code pkiDir/ca.key.pem}. A real deployment publishes its CA's CRL to the same file.
   */
  public static void revoke(Path pkiDir, X509Certificate cert) throws IOException {
    X509Certificate ca = Pem.readCertificate(pkiDir.resolve("ca.crt.pem"));
    PrivateKey caKey = Pem.readPrivateKey(pkiDir.resolve("ca.key.pem"));
    Path file = pkiDir.resolve(FILE);
    Instant now = Instant.now();
    X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(ca.getSubjectX500Principal(), Date.from(now));
    builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(30))));
    if (Files.exists(file)) {
      for (X509CRLEntry entry : load(file, ca).entries()) {
        builder.addCRLEntry(entry.getSerialNumber(), entry.getRevocationDate(), CRLReason.unspecified);
      }
    }
    builder.addCRLEntry(cert.getSerialNumber(), Date.from(now), CRLReason.keyCompromise);
    try {
      String algorithm = caKey.getAlgorithm().startsWith("EC") ? "SHA256withECDSA" : "SHA256withRSA";
      X509CRLHolder holder = builder.build(new JcaContentSignerBuilder(algorithm).setProvider(Providers.BC).build(caKey));
      X509CRL crl = new JcaX509CRLConverter().getCRL(holder);
      String pem = "-----BEGIN X509 CRL-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(crl.getEncoded())
          + "\n-----END X509 CRL-----\n";
      Path tmp = pkiDir.resolve(FILE + ".tmp");
      Files.writeString(tmp, pem);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (OperatorCreationException | GeneralSecurityException e) {
      throw new IOException("cannot sign the CRL with the demo CA key", e);
    }
  }

  private java.util.Set<? extends X509CRLEntry> entries() {
    return crl.getRevokedCertificates() == null ? java.util.Set.of() : crl.getRevokedCertificates();
  }

  /** For tests and logs: is this serial on the list. */
  public boolean contains(BigInteger serial) {
    return crl.getRevokedCertificate(serial) != null;
  }
}
