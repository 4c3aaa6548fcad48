package org.wildex.crypto.cms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildex.crypto.CryptoException;
import org.wildex.crypto.CryptoFailure;
import org.wildex.crypto.Providers;
import org.wildex.crypto.pki.DemoPki;
import org.wildex.crypto.pki.DemoPki.KeyType;
import org.wildex.crypto.pki.DemoPki.Subject;
import org.wildex.crypto.pki.FileKeyHolder;
import org.wildex.crypto.pki.KeyHolder;

class DetachedSignatureTest {
  private static final byte[] STATEMENT = "wildex-merkle-sha256-v1 root 3f6c2a1e ab12".getBytes(StandardCharsets.UTF_8);

  @TempDir static Path dir;
  static KeyHolder eia;
  static KeyHolder traffic;

  @BeforeAll
  static void pki() throws Exception {
    DemoPki.create(dir, List.of(new Subject("eia", "EIA", KeyType.EC_P256), new Subject("traffic", "TRAFFIC", KeyType.RSA_2048)));
    eia = FileKeyHolder.fromPem(dir.resolve("eia.crt.pem"), dir.resolve("eia.key.pem"));
    traffic = FileKeyHolder.fromPem(dir.resolve("traffic.crt.pem"), dir.resolve("traffic.key.pem"));
  }

  @Test
  void a_detached_signature_verifies_over_the_same_bytes_and_names_its_signer() throws Exception {
    for (KeyHolder k : List.of(eia, traffic)) {
      byte[] sig = Cms.signDetached(STATEMENT, k);
      assertThat(new String(sig, StandardCharsets.ISO_8859_1)).doesNotContain("wildex-merkle");
      assertThat(Cms.verifyDetached(sig, STATEMENT)).isEqualTo(k.certificate());
    }
  }

  @Test
  void it_fails_over_other_bytes() throws Exception {
    byte[] sig = Cms.signDetached(STATEMENT, eia);
    byte[] other = STATEMENT.clone();
    other[other.length - 1] ^= 1;
    assertThatThrownBy(() -> Cms.verifyDetached(sig, other))
        .isInstanceOf(CryptoException.class)
        .satisfies(e -> assertThat(((CryptoException) e).failure()).isEqualTo(CryptoFailure.SIGNATURE_INVALID));
  }

  @Test
  void a_sha1_signature_or_one_without_its_certificate_is_refused_with_what_is_wrong() throws Exception {
    assertThatThrownBy(() -> Cms.verifyDetached(detached("SHA1withECDSA", true), STATEMENT))
        .isInstanceOfSatisfying(CryptoException.class, e -> assertThat(e.failure()).isEqualTo(CryptoFailure.ALGORITHM_NOT_ALLOWED));
    assertThatThrownBy(() -> Cms.verifyDetached(detached("SHA256withECDSA", false), STATEMENT))
        .isInstanceOfSatisfying(CryptoException.class, e -> assertThat(e.failure()).isEqualTo(CryptoFailure.SIGNER_CERT_MISSING));
  }

  private static byte[] detached(String algorithm, boolean includeCertificate) throws Exception {
    CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
    gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
        .build(new JcaContentSignerBuilder(algorithm).setProvider(Providers.BC).build(eia.privateKey()), eia.certificate()));
    if (includeCertificate) {
      gen.addCertificate(new JcaX509CertificateHolder(eia.certificate()));
    }
    return gen.generate(new CMSProcessableByteArray(STATEMENT), false).getEncoded();
  }

  @Test
  void garbage_is_not_a_signature() {
    assertThatThrownBy(() -> Cms.verifyDetached("not cms".getBytes(StandardCharsets.UTF_8), STATEMENT))
        .isInstanceOf(CryptoException.class)
        .satisfies(e -> assertThat(((CryptoException) e).failure()).isEqualTo(CryptoFailure.NOT_CMS));
  }

  @Test
  void demo_pki_writes_a_pseudonym_secret() {
    assertThat(dir.resolve(DemoPki.PSEUDONYM_KEY)).isNotEmptyFile();
  }
}
