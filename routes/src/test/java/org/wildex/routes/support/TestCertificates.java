package org.wildex.routes.support;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.wildex.crypto.Providers;
import org.wildex.crypto.pki.KeyHolder;
import org.wildex.crypto.pki.Pem;

/** Certificates the demo PKI never makes, for hostile tests: expired, not yet valid, or from a CA nobody trusts. */
public final class TestCertificates {

  private TestCertificates() {}

  /** A key and certificate in memory. */
  public record Issued(X509Certificate certificate, PrivateKey privateKey) implements KeyHolder {}

  /** A leaf signed by the demo CA under {@code pki/} with the given validity. */
  public static Issued fromDemoCa(Path pki, String cn, Instant notBefore, Instant notAfter) throws Exception {
    X509Certificate ca = Pem.readCertificate(pki.resolve("ca.crt.pem"));
    return issue(cn, notBefore, notAfter, ca.getSubjectX500Principal(), Pem.readPrivateKey(pki.resolve("ca.key.pem")), false);
  }

  /** A leaf valid now, issued by a fresh self-signed CA that no directory trusts. */
  public static Issued fromForeignCa(String cn) throws Exception {
    KeyPair caKeys = ecKeys();
    Instant now = Instant.now();
    Issued ca = issue("rogue CA", now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)),
        new X500Principal("CN=rogue CA, O=nobody"), caKeys.getPrivate(), true, caKeys);
    return issue(cn, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)),
        ca.certificate().getSubjectX500Principal(), caKeys.getPrivate(), false);
  }

  private static Issued issue(String cn, Instant from, Instant to, X500Principal issuer, PrivateKey issuerKey, boolean isCa)
      throws Exception {
    return issue(cn, from, to, issuer, issuerKey, isCa, ecKeys());
  }

  private static Issued issue(String cn, Instant from, Instant to, X500Principal issuer, PrivateKey issuerKey, boolean isCa,
      KeyPair keys) throws Exception {
    X500Principal subject = isCa ? issuer : new X500Principal("CN=" + cn + ", O=hostile test");
    X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(System.nanoTime()),
        Date.from(from), Date.from(to), subject, keys.getPublic())
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa))
        .addExtension(Extension.keyUsage, true, new KeyUsage(isCa ? KeyUsage.keyCertSign : KeyUsage.digitalSignature));
    X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(Providers.BC).build(issuerKey)));
    return new Issued(cert, keys.getPrivate());
  }

  private static KeyPair ecKeys() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", Providers.BC);
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }
}
