package org.wildex.crypto.pki;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildex.crypto.CryptoException;
import org.wildex.crypto.CryptoFailure;
import org.wildex.crypto.Providers;
import org.wildex.crypto.pki.DemoPki.KeyType;
import org.wildex.crypto.pki.DemoPki.Subject;

class CertificateCheckTest {
  private static final Instant NOW = Instant.now();

  @TempDir static Path dir;
  static X509Certificate ca;
  static PrivateKey caKey;
  static X509Certificate eia;

  @BeforeAll
  static void pki() throws Exception {
    DemoPki.create(dir, List.of(new Subject("eia", "EIA", KeyType.EC_P256)));
    ca = Pem.readCertificate(dir.resolve("ca.crt.pem"));
    caKey = Pem.readPrivateKey(dir.resolve("ca.key.pem"));
    eia = Pem.readCertificate(dir.resolve("eia.crt.pem"));
  }

  @Test
  void accepts_participant_certificate_from_the_demo_ca() {
    assertThatCode(() -> CertificateCheck.checkIssuedBy(eia, ca, NOW)).doesNotThrowAnyException();
  }

  @Test
  void rejects_expired_certificate() throws Exception {
    X509Certificate expired = issue("CN=old", NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(1)), ca, caKey, false);
    assertFailure(expired, ca, NOW, CryptoFailure.CERT_EXPIRED);
    assertFailure(eia, ca, NOW.plus(Duration.ofDays(800)), CryptoFailure.CERT_EXPIRED);
  }

  @Test
  void rejects_certificate_not_yet_valid() throws Exception {
    X509Certificate future = issue("CN=future", NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)), ca, caKey, false);
    assertFailure(future, ca, NOW, CryptoFailure.CERT_NOT_YET_VALID);
    assertFailure(eia, ca, NOW.minus(Duration.ofHours(2)), CryptoFailure.CERT_NOT_YET_VALID);
  }

  @Test
  void rejects_certificate_from_a_foreign_ca() throws Exception {
    KeyPair foreignKeys = DemoPki.generate(KeyType.EC_P256);
    X509Certificate foreignCa = selfSignedCa("CN=foreign CA, O=elsewhere", foreignKeys);
    X509Certificate foreignLeaf = issue("CN=eia, O=EIA", NOW.minusSeconds(60), NOW.plusSeconds(3600), foreignCa, foreignKeys.getPrivate(), false);
    assertFailure(foreignLeaf, ca, NOW, CryptoFailure.SIGNER_UNTRUSTED);
    assertFailure(eia, foreignCa, NOW, CryptoFailure.SIGNER_UNTRUSTED);
  }

  @Test
  void rejects_certificate_naming_our_ca_but_signed_by_another_key() throws Exception {
    KeyPair impostor = DemoPki.generate(KeyType.EC_P256);
    X509Certificate forged = issue("CN=eia, O=EIA", NOW.minusSeconds(60), NOW.plusSeconds(3600), ca, impostor.getPrivate(), false);
    assertFailure(forged, ca, NOW, CryptoFailure.SIGNER_UNTRUSTED);
  }

  @Test
  void a_signature_verified_once_still_binds_to_its_ca_and_validity_is_checked_every_time() throws Exception {
    // an impostor CA with our CA's name but another key: eia, already verified under the real CA, must not pass under it
    X509Certificate impostorCa = selfSignedCa(ca.getSubjectX500Principal().getName(), DemoPki.generate(KeyType.EC_P256));
    CertificateCheck.checkIssuedBy(eia, ca, NOW);
    assertFailure(eia, impostorCa, NOW, CryptoFailure.SIGNER_UNTRUSTED);
    assertFailure(eia, ca, NOW.plus(Duration.ofDays(800)), CryptoFailure.CERT_EXPIRED);
    assertThatCode(() -> CertificateCheck.checkIssuedBy(eia, ca, NOW)).doesNotThrowAnyException();
  }

  @Test
  void rejects_leaf_used_as_ca_and_ca_used_as_participant() throws Exception {
    PrivateKey eiaKey = Pem.readPrivateKey(dir.resolve("eia.key.pem"));
    X509Certificate issuedByLeaf = issue("CN=sub", NOW.minusSeconds(60), NOW.plusSeconds(3600), eia, eiaKey, false);
    assertFailure(issuedByLeaf, eia, NOW, CryptoFailure.SIGNER_UNTRUSTED);
    assertFailure(ca, ca, NOW, CryptoFailure.SIGNER_UNTRUSTED);
  }

  private static void assertFailure(X509Certificate cert, X509Certificate anchor, Instant at, CryptoFailure expected) {
    assertThatThrownBy(() -> CertificateCheck.checkIssuedBy(cert, anchor, at))
        .isInstanceOfSatisfying(CryptoException.class, e -> org.assertj.core.api.Assertions.assertThat(e.failure()).isEqualTo(expected));
  }

  static X509Certificate issue(String dn, Instant from, Instant to, X509Certificate issuer, PrivateKey issuerKey, boolean isCa)
      throws Exception {
    PublicKey key = DemoPki.generate(KeyType.EC_P256).getPublic();
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer.getSubjectX500Principal(), BigInteger.valueOf(System.nanoTime()),
        Date.from(from), Date.from(to), new X500Principal(dn), key)
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
    return new JcaX509CertificateConverter().getCertificate(
        b.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(Providers.BC).build(issuerKey)));
  }

  static X509Certificate selfSignedCa(String dn, KeyPair keys) throws Exception {
    X500Principal name = new X500Principal(dn);
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, Date.from(NOW.minusSeconds(3600)),
        Date.from(NOW.plus(Duration.ofDays(365))), name, keys.getPublic())
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign));
    return new JcaX509CertificateConverter().getCertificate(
        b.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(Providers.BC).build(keys.getPrivate())));
  }
}
