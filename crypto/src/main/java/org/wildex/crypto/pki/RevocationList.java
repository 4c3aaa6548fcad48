package org.wildex.crypto.pki;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CRL;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.wildex.crypto.Providers;

/**
 * A CA's certificate revocation list (X.509 CRL, PEM), checked against the CA before it is believed. While a CA
 * rotation is in progress the file holds one CRL per trusted CA, each checked against the CA that issued it.
 */
public final class RevocationList {

  /** Where the demo CA keeps its CRL inside {@code pki/}. */
  public static final String FILE = "ca.crl.pem";

  private final List<X509CRL> crls;

  private RevocationList(List<X509CRL> crls) {
    this.crls = List.copyOf(crls);
  }

  /** Loads a PEM CRL and verifies it was signed by {@code ca}. */
  public static RevocationList load(Path pem, X509Certificate ca) throws IOException {
    return load(pem, List.of(ca));
  }

  /**
   * Loads every CRL in a PEM file and verifies each was signed by the CA of {@code cas} it names as issuer. A CRL of
   * any other issuer, or one that does not verify, makes the whole file unusable (the caller fails closed).
   */
  public static RevocationList load(Path pem, List<X509Certificate> cas) throws IOException {
    List<X509CRL> crls = new ArrayList<>();
    try (InputStream in = Files.newInputStream(pem)) {
      Collection<? extends CRL> all = CertificateFactory.getInstance("X.509").generateCRLs(in);
      for (CRL c : all) {
        X509CRL crl = (X509CRL) c;
        X509Certificate ca = cas.stream()
            .filter(a -> a.getSubjectX500Principal().equals(crl.getIssuerX500Principal()))
            .findFirst()
            .orElseThrow(() -> new IOException("CRL " + pem + " is issued by " + crl.getIssuerX500Principal()
                + ", which is not a trusted CA"));
        crl.verify(ca.getPublicKey(), Providers.BC);
        crls.add(crl);
      }
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IOException("CRL " + pem + " is not a valid CRL of a trusted CA", e);
    }
    if (crls.isEmpty()) {
      throw new IOException("no CRL in " + pem);
    }
    return new RevocationList(crls);
  }

  /** True when the CRL of the certificate's issuer lists it. */
  public boolean isRevoked(X509Certificate cert) {
    for (X509CRL crl : crls) {
      if (crl.getIssuerX500Principal().equals(cert.getIssuerX500Principal()) && crl.isRevoked(cert)) {
        return true;
      }
    }
    return false;
  }

  public int size() {
    return crls.stream().mapToInt(c -> entries(c).size()).sum();
  }

  /**
   * The demo CA revokes a certificate: rewrites {@code pkiDir/ca.crl.pem} with every earlier entry plus this one, in
   * the CRL of the CA that issued it, signed with that CA's key ({@code ca.key.pem}, or {@code ca.previous.key.pem}
   * for the outgoing CA during a rotation). A real deployment publishes its CA's CRL to the same file.
   */
  public static void revoke(Path pkiDir, X509Certificate cert) throws IOException {
    List<X509Certificate> cas = Pem.readCertificates(pkiDir.resolve(DemoCa.CA_CERT));
    int index = -1;
    for (int i = 0; i < cas.size() && index < 0; i++) {
      try {
        if (cert.getIssuerX500Principal().equals(cas.get(i).getSubjectX500Principal())) {
          cert.verify(cas.get(i).getPublicKey(), Providers.BC);
          index = i;
        }
      } catch (GeneralSecurityException e) {
        // not this CA
      }
    }
    if (index < 0) {
      throw new IOException(cert.getSubjectX500Principal() + " is not issued by a CA in " + pkiDir.resolve(DemoCa.CA_CERT));
    }
    X509Certificate ca = cas.get(index);
    PrivateKey caKey = DemoCa.caKey(pkiDir, index);
    Path file = pkiDir.resolve(FILE);
    List<X509CRL> kept = new ArrayList<>();
    Set<? extends X509CRLEntry> earlier = Set.of();
    if (Files.exists(file)) {
      for (X509CRL crl : load(file, cas).crls) {
        if (crl.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
          earlier = entries(crl);
        } else {
          kept.add(crl);
        }
      }
    }
    Instant now = Instant.now();
    X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(ca.getSubjectX500Principal(), Date.from(now));
    builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(30))));
    for (X509CRLEntry entry : earlier) {
      builder.addCRLEntry(entry.getSerialNumber(), entry.getRevocationDate(), CRLReason.unspecified);
    }
    builder.addCRLEntry(cert.getSerialNumber(), Date.from(now), CRLReason.keyCompromise);
    try {
      String algorithm = caKey.getAlgorithm().startsWith("EC") ? "SHA256withECDSA" : "SHA256withRSA";
      X509CRLHolder holder = builder.build(new JcaContentSignerBuilder(algorithm).setProvider(Providers.BC).build(caKey));
      X509CRL crl = new JcaX509CRLConverter().getCRL(holder);
      crl.verify(ca.getPublicKey(), Providers.BC); // the key file belongs to this CA
      kept.add(0, crl);
    } catch (OperatorCreationException | GeneralSecurityException e) {
      throw new IOException("cannot sign the CRL with the demo CA key", e);
    }
    write(pkiDir, kept);
  }

  /**
   * Keeps only the CRLs of {@code cas} in {@code pkiDir/ca.crl.pem} (after a CA rotation, the retired CA's list goes:
   * nothing it issued is trusted any more). Removes the file when no CRL is left.
   */
  public static void retainIssuers(Path pkiDir, List<X509Certificate> cas) throws IOException {
    Path file = pkiDir.resolve(FILE);
    if (!Files.exists(file)) {
      return;
    }
    List<X509Certificate> all = new ArrayList<>(cas);
    all.addAll(RetiredCertificates.retired(pkiDir.resolve(DemoCa.CA_CERT)));
    List<X509CRL> kept = new ArrayList<>();
    for (X509CRL crl : load(file, all).crls) {
      if (cas.stream().anyMatch(ca -> ca.getSubjectX500Principal().equals(crl.getIssuerX500Principal()))) {
        kept.add(crl);
      }
    }
    if (kept.isEmpty()) {
      Files.delete(file);
    } else {
      write(pkiDir, kept);
    }
  }

  private static void write(Path pkiDir, List<X509CRL> crls) throws IOException {
    StringBuilder pem = new StringBuilder();
    try {
      for (X509CRL crl : crls) {
        pem.append("-----BEGIN X509 CRL-----\n")
            .append(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(crl.getEncoded()))
            .append("\n-----END X509 CRL-----\n");
      }
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot encode the CRL", e);
    }
    Path tmp = pkiDir.resolve(FILE + ".tmp");
    Files.writeString(tmp, pem);
    Files.move(tmp, pkiDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static Set<? extends X509CRLEntry> entries(X509CRL crl) {
    return crl.getRevokedCertificates() == null ? Set.of() : crl.getRevokedCertificates();
  }

  /** For tests and logs: is this serial on a list. */
  public boolean contains(BigInteger serial) {
    return crls.stream().anyMatch(c -> c.getRevokedCertificate(serial) != null);
  }
}
