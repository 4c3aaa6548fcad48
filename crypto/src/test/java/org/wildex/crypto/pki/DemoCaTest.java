package org.wildex.crypto.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildex.crypto.CryptoException;
import org.wildex.crypto.chain.Checkpoint;
import org.wildex.crypto.chain.CheckpointSigner;

/** Renewing certificates and rotating the demo CA with an overlap in which both CAs are trusted. */
class DemoCaTest {

  private static final char[] PASSWORD = DemoPki.PASSWORD.toCharArray();

  @TempDir Path dir;

  @BeforeEach
  void pki() throws IOException {
    DemoPki.create(dir, List.of(new DemoPki.Subject("eia", "EIA", DemoPki.KeyType.EC_P256),
        new DemoPki.Subject("customs-th", "Customs TH", DemoPki.KeyType.RSA_2048)));
  }

  @Test
  void a_renewal_keeps_subject_and_key_type_writes_a_matching_p12_and_retires_the_old_certificate() throws Exception {
    X509Certificate old = cert("customs-th");
    DemoCa.Renewal r = DemoCa.renew(dir, "customs-th", PASSWORD);

    assertThat(r.previous()).isEqualTo(old);
    assertThat(r.current()).isEqualTo(cert("customs-th")).isNotEqualTo(old);
    assertThat(r.current().getSubjectX500Principal()).isEqualTo(old.getSubjectX500Principal());
    assertThat(r.current().getPublicKey().getAlgorithm()).isEqualTo("RSA");
    assertThat(FileKeyHolder.fromPkcs12(dir.resolve("customs-th.p12"), PASSWORD).certificate()).isEqualTo(r.current());
    assertThat(FileKeyHolder.fromPem(dir.resolve("customs-th.crt.pem"), dir.resolve("customs-th.key.pem")).certificate())
        .isEqualTo(r.current());
    assertThat(RetiredCertificates.retired(dir.resolve("customs-th.crt.pem"))).containsExactly(old);
    assertThat(RetiredCertificates.withRetired(dir.resolve("customs-th.crt.pem"))).containsExactly(r.current(), old);

    // what was sealed to the old key still opens with the key history
    byte[] sealedBefore = org.wildex.crypto.cms.Cms.encrypt("for the old key".getBytes(), old);
    List<KeyHolder> history = RetiredCertificates.keyHistory(dir.resolve("customs-th.crt.pem"), dir.resolve("customs-th.key.pem"));
    assertThat(history).extracting(KeyHolder::certificate).containsExactly(r.current(), old);
    assertThat(org.wildex.crypto.cms.Cms.decrypt(sealedBefore, history.get(1))).isEqualTo("for the old key".getBytes());
  }

  @Test
  void the_hub_keeps_its_old_key_so_submissions_sealed_to_it_still_open() throws Exception {
    KeyHolder eia = FileKeyHolder.fromPkcs12(dir.resolve("eia.p12"), PASSWORD);
    X509Certificate oldHub = cert("hub");
    byte[] sealedToOld = org.wildex.crypto.cms.Cms.seal("accepted before the renewal".getBytes(), eia, oldHub);
    DemoCa.Renewal r = DemoCa.renew(dir, DemoPki.HUB_ID, PASSWORD);

    KeyHolder current = FileKeyHolder.fromPkcs12(dir.resolve("hub.p12"), PASSWORD);
    List<KeyHolder> retired = RetiredCertificates.retiredKeys(dir.resolve("hub.crt.pem"), dir.resolve("hub.key.pem"));
    assertThat(retired).extracting(KeyHolder::certificate).containsExactly(oldHub);
    assertThatThrownBy(() -> org.wildex.crypto.cms.Cms.open(sealedToOld, List.of(current)))
        .isInstanceOfSatisfying(CryptoException.class,
            e -> assertThat(e.failure()).isEqualTo(org.wildex.crypto.CryptoFailure.NOT_ENCRYPTED_FOR_HUB));
    var opened = org.wildex.crypto.cms.Cms.open(sealedToOld, List.of(current, retired.get(0)));
    assertThat(opened.content()).isEqualTo("accepted before the renewal".getBytes());
    assertThat(opened.signer()).isEqualTo(eia.certificate());
    assertThat(r.current()).isEqualTo(current.certificate());
  }

  @Test
  void the_hub_keeps_its_host_names_and_its_old_certificate_still_verifies_what_it_signed() throws Exception {
    KeyHolder before = FileKeyHolder.fromPkcs12(dir.resolve("hub.p12"), PASSWORD);
    byte[] signedBefore = CheckpointSigner.sign(new Checkpoint(7, "ab".repeat(32), Instant.now()), before);
    DemoCa.Renewal r = DemoCa.renew(dir, DemoPki.HUB_ID, PASSWORD);
    assertThat(List.copyOf(r.current().getSubjectAlternativeNames()))
        .isEqualTo(List.copyOf(before.certificate().getSubjectAlternativeNames()));

    List<X509Certificate> hubs = RetiredCertificates.withRetired(dir.resolve("hub.crt.pem"));
    List<X509Certificate> cas = DemoCa.cas(dir);
    assertThat(CheckpointSigner.verify(signedBefore, hubs, cas).seq()).isEqualTo(7);
    assertThatThrownBy(() -> CheckpointSigner.verify(signedBefore, List.of(r.current()), cas))
        .isInstanceOf(CryptoException.class).hasMessageContaining("not by the hub certificate");
  }

  @Test
  void during_a_rotation_both_cas_are_trusted_and_each_revokes_its_own_certificates() throws Exception {
    X509Certificate oldCa = DemoCa.cas(dir).get(0);
    X509Certificate oldEia = cert("eia");
    X509Certificate newCa = DemoCa.beginRotation(dir, PASSWORD);

    assertThat(DemoCa.cas(dir)).containsExactly(newCa, oldCa);
    assertThat(newCa.getSubjectX500Principal()).isNotEqualTo(oldCa.getSubjectX500Principal());
    assertThat(trustStoreAliases()).hasSize(2);
    assertThatThrownBy(() -> DemoCa.beginRotation(dir, PASSWORD)).hasMessageContaining("already in progress");

    DemoCa.Renewal eia = DemoCa.renew(dir, "eia", PASSWORD);
    assertThat(CertificateCheck.checkIssuedByAny(eia.current(), DemoCa.cas(dir), Instant.now())).isEqualTo(newCa);
    assertThat(CertificateCheck.checkIssuedByAny(cert("customs-th"), DemoCa.cas(dir), Instant.now())).isEqualTo(oldCa);

    RevocationList.revoke(dir, oldEia);                // signed with the outgoing CA's key
    RevocationList.revoke(dir, cert("customs-th"));    // idem
    RevocationList.revoke(dir, eia.current());         // signed with the new CA's key
    RevocationList crl = RevocationList.load(dir.resolve(RevocationList.FILE), DemoCa.cas(dir));
    assertThat(crl.isRevoked(oldEia)).isTrue();
    assertThat(crl.isRevoked(eia.current())).isTrue();
    assertThat(crl.size()).isEqualTo(3);
    assertThatThrownBy(() -> RevocationList.load(dir.resolve(RevocationList.FILE), List.of(newCa)))
        .as("a CRL of a CA no longer trusted makes the file unusable").isInstanceOf(IOException.class);
  }

  @Test
  void finishing_refuses_while_a_certificate_in_use_is_from_the_outgoing_ca_then_retires_it() throws Exception {
    X509Certificate oldCa = DemoCa.cas(dir).get(0);
    RevocationList.revoke(dir, cert("customs-th"));
    X509Certificate newCa = DemoCa.beginRotation(dir, PASSWORD);
    DemoCa.renew(dir, "eia", PASSWORD);

    assertThatThrownBy(() -> DemoCa.finishRotation(dir, PASSWORD, Map.of("eia", cert("eia"), "hub", cert("hub"))))
        .hasMessageContaining("still issued by the outgoing CA: hub");
    assertThat(DemoCa.cas(dir)).hasSize(2);

    DemoCa.renew(dir, "hub", PASSWORD);
    assertThat(DemoCa.finishRotation(dir, PASSWORD, Map.of("eia", cert("eia"), "hub", cert("hub")))).isEqualTo(oldCa);
    assertThat(DemoCa.cas(dir)).containsExactly(newCa);
    assertThat(trustStoreAliases()).hasSize(1);
    assertThat(RetiredCertificates.retired(dir.resolve(DemoCa.CA_CERT))).containsExactly(oldCa);
    assertThat(dir.resolve(DemoCa.PREVIOUS_CA_KEY)).doesNotExist();
    assertThat(dir.resolve(RevocationList.FILE)).as("only the outgoing CA had revoked anything").doesNotExist();
    assertThatThrownBy(() -> DemoCa.finishRotation(dir, PASSWORD, Map.of())).hasMessageContaining("no CA rotation");
  }

  @Test
  void an_installed_certificate_must_come_from_a_trusted_ca_and_match_its_key() throws Exception {
    Path other = dir.resolve("other");
    DemoPki.create(other, List.of(new DemoPki.Subject("eia", "EIA", DemoPki.KeyType.EC_P256)));
    X509Certificate foreign = Pem.readCertificate(other.resolve("hub.crt.pem"));
    assertThatThrownBy(() -> DemoCa.install(dir, "hub", foreign, Pem.readPrivateKey(other.resolve("hub.key.pem")), PASSWORD))
        .hasMessageContaining("not usable");
    assertThatThrownBy(() -> DemoCa.install(dir, "hub", cert("eia"), Pem.readPrivateKey(dir.resolve("hub.key.pem")), PASSWORD))
        .hasMessageContaining("does not belong");
    assertThat(RetiredCertificates.retired(dir.resolve("hub.crt.pem"))).isEmpty();
  }

  private X509Certificate cert(String id) throws IOException {
    return Pem.readCertificate(dir.resolve(id + ".crt.pem"));
  }

  private List<String> trustStoreAliases() throws Exception {
    try (InputStream in = Files.newInputStream(dir.resolve(DemoCa.TRUST_STORE))) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, PASSWORD);
      return Collections.list(store.aliases());
    }
  }
}
