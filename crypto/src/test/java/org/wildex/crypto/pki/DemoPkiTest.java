package org.wildex.crypto.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildex.crypto.Openssl;
import org.wildex.crypto.pki.DemoPki.KeyType;
import org.wildex.crypto.pki.DemoPki.Subject;

class DemoPkiTest {
  private static final String EMAIL = "1.3.6.1.5.5.7.3.4";
  private static final String CLIENT = "1.3.6.1.5.5.7.3.2";
  private static final String SERVER = "1.3.6.1.5.5.7.3.1";

  @TempDir static Path dir;

  @BeforeAll
  static void createPki() throws Exception {
    DemoPki.create(dir, List.of(
        new Subject("eia", "Environmental Investigation Agency", KeyType.EC_P256),
        new Subject("ncb-ke", "INTERPOL NCB Nairobi, Kenya", KeyType.RSA_2048)));
  }

  @Test
  void writes_ca_truststore_and_files_for_hub_and_every_subject() {
    for (String f : List.of("ca.crt.pem", "ca.key.pem", "truststore.p12")) {
      assertThat(dir.resolve(f)).isRegularFile();
    }
    for (String id : List.of("hub", "eia", "ncb-ke")) {
      for (String suffix : List.of(".crt.pem", ".key.pem", ".p12")) {
        assertThat(dir.resolve(id + suffix)).isRegularFile();
      }
    }
  }

  @Test
  void subject_dn_is_cn_id_then_o_organisation_and_escapes_commas() throws Exception {
    assertThat(Pem.readCertificate(dir.resolve("eia.crt.pem")).getSubjectX500Principal().toString())
        .isEqualTo("CN=eia, O=Environmental Investigation Agency");
    assertThat(Pem.readCertificate(dir.resolve("ncb-ke.crt.pem")).getSubjectX500Principal().getName())
        .isEqualTo("CN=ncb-ke,O=INTERPOL NCB Nairobi\\, Kenya");
    assertThat(Openssl.ok(dir, null, "x509", "-in", "eia.crt.pem", "-noout", "-subject").out().trim())
        .isEqualTo("subject=O = Environmental Investigation Agency, CN = eia");
  }

  @Test
  void hub_certificate_names_localhost_and_loopback_and_allows_tls_both_ways() throws Exception {
    X509Certificate hub = Pem.readCertificate(dir.resolve("hub.crt.pem"));
    assertThat(hub.getSubjectAlternativeNames())
        .containsExactlyInAnyOrder(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
    assertThat(hub.getExtendedKeyUsage()).contains(SERVER, CLIENT, EMAIL);
    assertThat(hub.getSubjectX500Principal().toString()).startsWith("CN=hub, O=");
  }

  @Test
  void leaf_certificates_have_key_usage_per_key_type_and_all_three_ekus() throws Exception {
    X509Certificate ec = Pem.readCertificate(dir.resolve("eia.crt.pem"));
    X509Certificate rsa = Pem.readCertificate(dir.resolve("ncb-ke.crt.pem"));
    // KeyUsage bits: 0 digitalSignature, 2 keyEncipherment, 4 keyAgreement
    assertThat(ec.getKeyUsage()[0]).isTrue();
    assertThat(ec.getKeyUsage()[4]).isTrue();
    assertThat(ec.getKeyUsage()[2]).isFalse();
    assertThat(rsa.getKeyUsage()[0]).isTrue();
    assertThat(rsa.getKeyUsage()[2]).isTrue();
    assertThat(rsa.getPublicKey().getAlgorithm()).isEqualTo("RSA");
    assertThat(ec.getPublicKey().getAlgorithm()).isEqualTo("EC");
    for (X509Certificate c : List.of(ec, rsa)) {
      assertThat(c.getExtendedKeyUsage()).containsExactlyInAnyOrder(EMAIL, CLIENT, SERVER);
      assertThat(c.getBasicConstraints()).isEqualTo(-1);
      assertThat(c.getSubjectAlternativeNames()).isNull();
    }
  }

  @Test
  void leaf_validity_runs_from_an_hour_ago_for_two_years() throws Exception {
    X509Certificate c = Pem.readCertificate(dir.resolve("eia.crt.pem"));
    Instant now = Instant.now();
    assertThat(Duration.between(c.getNotBefore().toInstant(), now)).isBetween(Duration.ofMinutes(55), Duration.ofMinutes(65));
    assertThat(Duration.between(now, c.getNotAfter().toInstant())).isBetween(Duration.ofDays(729), Duration.ofDays(731));
    c.checkValidity();
  }

  @Test
  void ca_is_a_ca_and_signs_every_leaf() throws Exception {
    X509Certificate ca = Pem.readCertificate(dir.resolve("ca.crt.pem"));
    assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
    assertThat(ca.getKeyUsage()[5]).isTrue();
    for (String id : List.of("hub", "eia", "ncb-ke")) {
      X509Certificate leaf = Pem.readCertificate(dir.resolve(id + ".crt.pem"));
      leaf.verify(ca.getPublicKey());
      assertThat(leaf.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
    }
  }

  @Test
  void openssl_verifies_every_certificate_against_the_ca() {
    for (String id : List.of("hub", "eia", "ncb-ke")) {
      Openssl.Result r = Openssl.ok(dir, null, "verify", "-CAfile", "ca.crt.pem", id + ".crt.pem");
      assertThat(r.out()).contains(id + ".crt.pem: OK");
    }
    Openssl.ok(dir, null, "verify", "-CAfile", "ca.crt.pem", "-purpose", "sslserver", "-verify_hostname", "localhost", "hub.crt.pem");
    Openssl.ok(dir, null, "verify", "-CAfile", "ca.crt.pem", "-purpose", "smimesign", "eia.crt.pem");
  }

  @Test
  void pkcs12_files_load_with_changeit_and_hold_key_cert_and_ca_chain() throws Exception {
    X509Certificate ca = Pem.readCertificate(dir.resolve("ca.crt.pem"));
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(dir.resolve("eia.p12"))) {
      ks.load(in, DemoPki.PASSWORD.toCharArray());
    }
    assertThat(ks.isKeyEntry("eia")).isTrue();
    assertThat(ks.getCertificateChain("eia")).hasSize(2);
    assertThat(ks.getCertificateChain("eia")[1]).isEqualTo(ca);

    KeyStore trust = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(dir.resolve("truststore.p12"))) {
      trust.load(in, "changeit".toCharArray());
    }
    assertThat(java.util.Collections.list(trust.aliases())).hasSize(1);
    assertThat(trust.isCertificateEntry(trust.aliases().nextElement())).isTrue();

    Openssl.ok(dir, null, "pkcs12", "-in", "hub.p12", "-passin", "pass:changeit", "-noout");
  }

  @Test
  void key_holder_refuses_a_key_that_does_not_belong_to_the_certificate() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> FileKeyHolder.fromPem(dir.resolve("eia.crt.pem"), dir.resolve("hub.key.pem")))
        .isInstanceOf(java.io.IOException.class).hasMessageContaining("CN=eia");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> FileKeyHolder.fromPem(dir.resolve("eia.crt.pem"), dir.resolve("ncb-ke.key.pem")))
        .isInstanceOf(java.io.IOException.class);
  }

  @Test
  void key_holders_from_pem_and_pkcs12_agree() throws Exception {
    FileKeyHolder pem = FileKeyHolder.fromPem(dir.resolve("eia.crt.pem"), dir.resolve("eia.key.pem"));
    FileKeyHolder p12 = FileKeyHolder.fromPkcs12(dir.resolve("eia.p12"), "changeit".toCharArray());
    assertThat(pem.certificate()).isEqualTo(p12.certificate());
    assertThat(pem.privateKey().getEncoded()).isEqualTo(p12.privateKey().getEncoded());
    assertThat(pem.privateKey()).isInstanceOf(ECPrivateKey.class);
    assertThat(FileKeyHolder.fromPem(dir.resolve("ncb-ke.crt.pem"), dir.resolve("ncb-ke.key.pem")).privateKey())
        .isInstanceOf(RSAPrivateKey.class);
    assertThat(Files.readString(dir.resolve("eia.key.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");
    Openssl.ok(dir, null, "pkey", "-in", "ncb-ke.key.pem", "-noout");
  }
}
