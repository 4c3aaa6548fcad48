package org.wildex.crypto.cms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAESOAEPparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.RecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.OutputAEADEncryptor;
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

class CmsTest {
  private static final byte[] CONTENT = "{\"title\":\"pangolin scales, Lagos to Haiphong\"}".getBytes(StandardCharsets.UTF_8);

  @TempDir static Path dir;
  static KeyHolder hub;
  static KeyHolder eia;
  static KeyHolder ncb;

  @BeforeAll
  static void pki() throws Exception {
    DemoPki.create(dir, List.of(new Subject("eia", "EIA", KeyType.EC_P256), new Subject("ncb-ke", "NCB Nairobi", KeyType.RSA_2048)));
    hub = holder("hub");
    eia = holder("eia");
    ncb = holder("ncb-ke");
  }

  static KeyHolder holder(String id) throws Exception {
    return FileKeyHolder.fromPem(dir.resolve(id + ".crt.pem"), dir.resolve(id + ".key.pem"));
  }

  @Test
  void seals_ec_signer_to_ec_recipient_and_opens_with_signer_certificate() throws Exception {
    Cms.Opened opened = Cms.open(Cms.seal(CONTENT, eia, hub.certificate()), hub);
    assertThat(opened.content()).isEqualTo(CONTENT);
    assertThat(opened.signer()).isEqualTo(eia.certificate());
  }

  @Test
  void seals_are_canonical_der_at_every_length_boundary() throws Exception {
    // the outer layers are written by hand (Der): each length form (short, one to three length octets) must come out
    // as Bouncy Castle would re-encode it, and open again
    for (int size : new int[] {0, 1, 60, 127, 128, 255, 256, 4000, 65_535, 65_536, 70_000}) {
      byte[] content = new byte[size];
      new SecureRandom().nextBytes(content);
      byte[] signed = Cms.sign(content, eia);
      assertThat(ASN1Primitive.fromByteArray(signed).getEncoded(ASN1Encoding.DER)).as("signed, %d bytes", size).isEqualTo(signed);
      assertThat(new CMSSignedData(signed).getVersion()).isEqualTo(1);
      for (KeyHolder recipient : List.of(hub, ncb)) {
        byte[] sealed = Cms.encrypt(signed, recipient.certificate());
        assertThat(ASN1Primitive.fromByteArray(sealed).getEncoded(ASN1Encoding.DER)).as("sealed, %d bytes", size).isEqualTo(sealed);
        Cms.Opened opened = Cms.open(sealed, recipient);
        assertThat(opened.content()).isEqualTo(content);
        assertThat(opened.signer()).isEqualTo(eia.certificate());
        // seal writes the SignedData inside the envelope and encrypts it there: the same structure as the two steps
        byte[] fused = Cms.seal(content, eia, recipient.certificate());
        assertThat(ASN1Primitive.fromByteArray(fused).getEncoded(ASN1Encoding.DER)).as("fused seal, %d bytes", size).isEqualTo(fused);
        Cms.Opened fusedOpened = Cms.open(fused, recipient);
        assertThat(fusedOpened.content()).isEqualTo(content);
        assertThat(fusedOpened.signer()).isEqualTo(eia.certificate());
      }
    }
  }

  @Test
  void seals_ec_signer_to_rsa_recipient() throws Exception {
    Cms.Opened opened = Cms.open(Cms.seal(CONTENT, eia, ncb.certificate()), ncb);
    assertThat(opened.content()).isEqualTo(CONTENT);
    assertThat(opened.signer()).isEqualTo(eia.certificate());
  }

  @Test
  void seals_rsa_signer_to_ec_recipient() throws Exception {
    Cms.Opened opened = Cms.open(Cms.seal(CONTENT, ncb, hub.certificate()), hub);
    assertThat(opened.content()).isEqualTo(CONTENT);
    assertThat(opened.signer()).isEqualTo(ncb.certificate());
  }

  @Test
  void seals_empty_and_large_content() throws Exception {
    byte[] large = new byte[3 * 1024 * 1024];
    new SecureRandom().nextBytes(large);
    assertThat(Cms.open(Cms.seal(large, eia, hub.certificate()), hub).content()).isEqualTo(large);
    assertThat(Cms.open(Cms.seal(new byte[0], eia, hub.certificate()), hub).content()).isEmpty();
  }

  @Test
  void sealed_output_is_auth_enveloped_and_passes_structure_check() throws Exception {
    byte[] sealed = Cms.seal(CONTENT, eia, hub.certificate());
    Cms.checkStructure(sealed);
    assertThat(Cms.parse(sealed).getContentType().getId()).isEqualTo("1.2.840.113549.1.9.16.1.23");
  }

  @Test
  void every_seal_uses_a_fresh_content_key() throws Exception {
    assertThat(Cms.seal(CONTENT, eia, hub.certificate())).isNotEqualTo(Cms.seal(CONTENT, eia, hub.certificate()));
  }

  @Test
  void rejects_garbage_as_not_cms() throws Exception {
    byte[] random = new byte[512];
    new SecureRandom().nextBytes(random);
    random[0] = 0x30;
    for (byte[] garbage : List.of(new byte[0], "{\"json\":true}".getBytes(StandardCharsets.UTF_8), random,
        eia.certificate().getEncoded(), new byte[] {0x30, 0x03, 0x02, 0x01, 0x01})) {
      assertFailure(() -> Cms.open(garbage, hub), CryptoFailure.NOT_CMS);
      assertFailure(() -> Cms.checkStructure(garbage), CryptoFailure.NOT_CMS);
    }
  }

  @Test
  void rejects_truncated_package_as_malformed() throws Exception {
    byte[] sealed = Cms.seal(CONTENT, eia, hub.certificate());
    for (int keep : List.of(sealed.length - 1, sealed.length / 2, 20)) {
      byte[] truncated = Arrays.copyOf(sealed, keep);
      assertFailure(() -> Cms.open(truncated, hub), CryptoFailure.CMS_MALFORMED);
      assertFailure(() -> Cms.checkStructure(truncated), CryptoFailure.CMS_MALFORMED);
    }
  }

  @Test
  void rejects_trailing_bytes_as_malformed() throws Exception {
    byte[] sealed = Cms.seal(CONTENT, eia, hub.certificate());
    assertFailure(() -> Cms.open(Arrays.copyOf(sealed, sealed.length + 3), hub), CryptoFailure.CMS_MALFORMED);
  }

  @Test
  void rejects_package_encrypted_for_someone_else() throws Exception {
    byte[] forNcb = Cms.seal(CONTENT, eia, ncb.certificate());
    assertFailure(() -> Cms.open(forNcb, hub), CryptoFailure.NOT_ENCRYPTED_FOR_HUB);
    byte[] forEia = Cms.seal(CONTENT, ncb, eia.certificate());
    assertFailure(() -> Cms.open(forEia, hub), CryptoFailure.NOT_ENCRYPTED_FOR_HUB);
  }

  @Test
  void rejects_tampered_ciphertext_as_decrypt_failed() throws Exception {
    byte[] content = new byte[4096];
    for (KeyHolder recipient : List.of(hub, ncb)) {
      byte[] sealed = Cms.seal(content, eia, recipient.certificate());
      byte[] body = sealed.clone();
      body[sealed.length - 200] ^= 0x01; // inside the encrypted content
      assertFailure(() -> Cms.open(body, recipient), CryptoFailure.DECRYPT_FAILED);
      byte[] tag = sealed.clone();
      tag[sealed.length - 1] ^= 0x01; // last byte of the GCM tag (mac)
      assertFailure(() -> Cms.open(tag, recipient), CryptoFailure.DECRYPT_FAILED);
    }
  }

  @Test
  void rejects_encrypted_content_that_is_not_signed() throws Exception {
    assertFailure(() -> Cms.open(Cms.encrypt(CONTENT, hub.certificate()), hub), CryptoFailure.NOT_SIGNED);
    byte[] envelopeInEnvelope = Cms.encrypt(Cms.encrypt(CONTENT, hub.certificate()), hub.certificate());
    assertFailure(() -> Cms.open(envelopeInEnvelope, hub), CryptoFailure.NOT_SIGNED);
  }

  @Test
  void rejects_signed_content_altered_after_signing() throws Exception {
    byte[] signed = Cms.sign(CONTENT, eia);
    int at = indexOf(signed, "pangolin".getBytes(StandardCharsets.UTF_8));
    signed[at] = 'P';
    assertFailure(() -> Cms.verify(signed), CryptoFailure.SIGNATURE_INVALID);
    assertFailure(() -> Cms.open(Cms.encrypt(signed, hub.certificate()), hub), CryptoFailure.SIGNATURE_INVALID);
  }

  @Test
  void verifiers_kept_per_signer_key_still_refuse_what_was_altered_and_name_the_right_signer() throws Exception {
    for (int i = 0; i < 3; i++) { // the first verification keeps each signer's verifier, the next ones use it
      for (KeyHolder signer : List.of(eia, hub, ncb)) {
        assertThat(Cms.verify(Cms.sign(CONTENT, signer)).signer()).isEqualTo(signer.certificate());
        byte[] detached = Cms.signDetached(CONTENT, signer);
        assertThat(Cms.verifyDetached(detached, CONTENT)).isEqualTo(signer.certificate());
        byte[] other = CONTENT.clone();
        other[0] = '[';
        assertFailure(() -> Cms.verifyDetached(detached, other), CryptoFailure.SIGNATURE_INVALID);
        byte[] altered = Cms.sign(CONTENT, signer);
        altered[indexOf(altered, "pangolin".getBytes(StandardCharsets.UTF_8))] = 'P';
        assertFailure(() -> Cms.verify(altered), CryptoFailure.SIGNATURE_INVALID);
      }
    }
  }

  @Test
  void signatures_carry_the_signing_time_as_a_utc_time_of_now() throws Exception {
    for (byte[] signed : List.of(Cms.sign(CONTENT, eia), Cms.signDetached(CONTENT, hub))) {
      long before = System.currentTimeMillis() / 1000 * 1000;
      Attribute time = new CMSSignedData(signed).getSignerInfos().getSigners().iterator().next().getSignedAttributes()
          .get(CMSAttributes.signingTime);
      ASN1Primitive value = time.getAttrValues().getObjectAt(0).toASN1Primitive();
      assertThat(value).isInstanceOf(ASN1UTCTime.class);
      long at = Time.getInstance(value).getDate().getTime();
      assertThat(at).isBetween(before - 60_000, System.currentTimeMillis());
    }
  }

  @Test
  void rejects_signed_data_with_two_signers() throws Exception {
    assertFailure(() -> Cms.verify(signedBy(true, eia, ncb)), CryptoFailure.SIGNATURE_INVALID);
    assertThat(Cms.verify(signedBy(true, eia)).signer()).isEqualTo(eia.certificate());
  }

  @Test
  void rejects_signature_without_the_signers_certificate_as_signer_cert_missing() throws Exception {
    byte[] noCerts = signedBy(false, eia);
    assertFailure(() -> Cms.verify(noCerts), CryptoFailure.SIGNER_CERT_MISSING);
    assertFailure(() -> Cms.open(Cms.encrypt(noCerts, hub.certificate()), hub), CryptoFailure.SIGNER_CERT_MISSING);
  }

  @Test
  void rejects_sha1_and_md5_signatures_as_algorithm_not_allowed() throws Exception {
    for (byte[] weak : List.of(signed(eia, "SHA1withECDSA"), signed(ncb, "SHA1withRSA"), signed(ncb, "MD5withRSA"),
        signed(ncb, "SHA1withRSAandMGF1"))) {
      assertFailure(() -> Cms.verify(weak), CryptoFailure.ALGORITHM_NOT_ALLOWED);
      assertFailure(() -> Cms.open(Cms.encrypt(weak, hub.certificate()), hub), CryptoFailure.ALGORITHM_NOT_ALLOWED);
    }
  }

  @Test
  void accepts_ecdsa_rsa_and_rsa_pss_signatures_with_sha2() throws Exception {
    for (String alg : List.of("SHA256withECDSA", "SHA384withECDSA", "SHA512withECDSA")) {
      assertThat(Cms.verify(signed(eia, alg)).content()).as(alg).isEqualTo(CONTENT);
    }
    for (String alg : List.of("SHA256withRSA", "SHA384withRSA", "SHA512withRSA", "SHA256withRSAandMGF1", "SHA512withRSAandMGF1")) {
      assertThat(Cms.verify(signed(ncb, alg)).content()).as(alg).isEqualTo(CONTENT);
    }
  }

  @Test
  void structure_check_rejects_plain_signed_data() throws Exception {
    assertFailure(() -> Cms.checkStructure(Cms.sign(CONTENT, eia)), CryptoFailure.NOT_CMS);
    assertFailure(() -> Cms.decrypt(Cms.sign(CONTENT, eia), hub), CryptoFailure.NOT_CMS);
  }

  @Test
  void verify_rejects_enveloped_data_as_not_signed() throws Exception {
    assertFailure(() -> Cms.verify(Cms.encrypt(CONTENT, hub.certificate())), CryptoFailure.NOT_SIGNED);
  }

  @Test
  void rejects_cbc_and_3des_enveloped_data_at_the_door_as_algorithm_not_allowed() throws Exception {
    for (ASN1ObjectIdentifier cipher : List.of(CMSAlgorithm.AES256_CBC, CMSAlgorithm.AES128_CBC, CMSAlgorithm.DES_EDE3_CBC)) {
      for (KeyHolder recipient : List.of(hub, ncb)) {
        CMSEnvelopedDataGenerator gen = new CMSEnvelopedDataGenerator();
        gen.addRecipientInfoGenerator(allowedRecipientInfo(recipient.certificate()));
        byte[] der = gen.generate(new CMSProcessableByteArray(Cms.sign(CONTENT, eia)),
            new JceCMSContentEncryptorBuilder(cipher).setProvider(Providers.BC).build()).getEncoded();
        assertFailure(() -> Cms.checkStructure(der), CryptoFailure.ALGORITHM_NOT_ALLOWED);
        assertFailure(() -> Cms.open(der, recipient), CryptoFailure.ALGORITHM_NOT_ALLOWED);
      }
    }
  }

  @Test
  void rejects_aes_gcm_with_a_shorter_key_as_algorithm_not_allowed() throws Exception {
    for (ASN1ObjectIdentifier cipher : List.of(CMSAlgorithm.AES128_GCM, CMSAlgorithm.AES192_GCM)) {
      byte[] der = authEnveloped(cipher, allowedRecipientInfo(hub.certificate()));
      assertFailure(() -> Cms.checkStructure(der), CryptoFailure.ALGORITHM_NOT_ALLOWED);
      assertFailure(() -> Cms.open(der, hub), CryptoFailure.ALGORITHM_NOT_ALLOWED);
    }
  }

  @Test
  void rejects_key_agreement_with_a_sha1_or_sha224_kdf_cofactor_dh_or_a_shorter_key_wrap() throws Exception {
    List<RecipientInfoGenerator> weak = List.of(
        keyAgree(CMSAlgorithm.ECDH_SHA1KDF, CMSAlgorithm.AES256_WRAP),
        keyAgree(CMSAlgorithm.ECDH_SHA224KDF, CMSAlgorithm.AES256_WRAP),
        keyAgree(CMSAlgorithm.ECCDH_SHA256KDF, CMSAlgorithm.AES256_WRAP),
        keyAgree(CMSAlgorithm.ECDH_SHA256KDF, CMSAlgorithm.AES128_WRAP));
    for (RecipientInfoGenerator info : weak) {
      byte[] der = authEnveloped(CMSAlgorithm.AES256_GCM, info);
      assertFailure(() -> Cms.checkStructure(der), CryptoFailure.ALGORITHM_NOT_ALLOWED);
      assertFailure(() -> Cms.open(der, hub), CryptoFailure.ALGORITHM_NOT_ALLOWED);
    }
  }

  @Test
  void rejects_rsa_pkcs1_v15_and_sha1_oaep_key_transport() throws Exception {
    AlgorithmIdentifier sha1 = new AlgorithmIdentifier(OIWObjectIdentifiers.idSHA1, DERNull.INSTANCE);
    AlgorithmIdentifier sha256 = new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE);
    List<RecipientInfoGenerator> weak = List.of(
        new JceKeyTransRecipientInfoGenerator(ncb.certificate()).setProvider(Providers.BC),
        new JceKeyTransRecipientInfoGenerator(ncb.certificate(), new AlgorithmIdentifier(PKCSObjectIdentifiers.id_RSAES_OAEP,
            new RSAESOAEPparams())).setProvider(Providers.BC),
        new JceKeyTransRecipientInfoGenerator(ncb.certificate(), new AlgorithmIdentifier(PKCSObjectIdentifiers.id_RSAES_OAEP,
            new RSAESOAEPparams(sha256, new AlgorithmIdentifier(PKCSObjectIdentifiers.id_mgf1, sha1),
                RSAESOAEPparams.DEFAULT_P_SOURCE_ALGORITHM))).setProvider(Providers.BC));
    for (RecipientInfoGenerator info : weak) {
      byte[] der = authEnveloped(CMSAlgorithm.AES256_GCM, info);
      assertFailure(() -> Cms.checkStructure(der), CryptoFailure.ALGORITHM_NOT_ALLOWED);
      assertFailure(() -> Cms.open(der, ncb), CryptoFailure.ALGORITHM_NOT_ALLOWED);
    }
  }

  @Test
  void opens_key_agreement_with_a_sha256_sha384_or_sha512_kdf() throws Exception {
    for (ASN1ObjectIdentifier kdf : List.of(CMSAlgorithm.ECDH_SHA256KDF, CMSAlgorithm.ECDH_SHA384KDF, CMSAlgorithm.ECDH_SHA512KDF)) {
      byte[] der = authEnveloped(CMSAlgorithm.AES256_GCM, keyAgree(kdf, CMSAlgorithm.AES256_WRAP));
      Cms.checkStructure(der);
      assertThat(Cms.open(der, hub).content()).as(kdf.getId()).isEqualTo(CONTENT);
    }
  }

  @Test
  void opens_authenticated_attributes_as_additional_data_and_refuses_them_altered() throws Exception {
    byte[] marker = "wildex-authenticated-attribute".getBytes(StandardCharsets.US_ASCII);
    ASN1ObjectIdentifier type = new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1");
    java.util.Hashtable<ASN1ObjectIdentifier, org.bouncycastle.asn1.cms.Attribute> attributes = new java.util.Hashtable<>();
    attributes.put(type, new org.bouncycastle.asn1.cms.Attribute(type,
        new org.bouncycastle.asn1.DERSet(new org.bouncycastle.asn1.DEROctetString(marker))));
    CMSAuthEnvelopedDataGenerator gen = new CMSAuthEnvelopedDataGenerator();
    gen.addRecipientInfoGenerator(keyAgree(CMSAlgorithm.ECDH_SHA256KDF, CMSAlgorithm.AES256_WRAP));
    gen.setAuthenticatedAttributeGenerator(new org.bouncycastle.cms.SimpleAttributeTableGenerator(
        new org.bouncycastle.asn1.cms.AttributeTable(attributes)));
    OutputAEADEncryptor encryptor =
        (OutputAEADEncryptor) new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_GCM).setProvider(Providers.BC).build();
    byte[] der = gen.generate(new CMSProcessableByteArray(Cms.sign(CONTENT, eia)), encryptor).getEncoded();

    assertThat(Cms.open(der, hub).content()).isEqualTo(CONTENT);
    byte[] altered = der.clone();
    altered[indexOf(altered, marker)] ^= 0x01;
    assertFailure(() -> Cms.open(altered, hub), CryptoFailure.DECRYPT_FAILED);
  }

  @Test
  void seal_and_open_are_safe_to_call_from_many_threads() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<byte[]>> jobs = new java.util.ArrayList<>();
      for (int i = 0; i < 64; i++) {
        byte[] content = ("package " + i).getBytes(StandardCharsets.UTF_8);
        KeyHolder recipient = i % 4 == 0 ? ncb : hub;
        jobs.add(() -> {
          byte[] opened = Cms.open(Cms.seal(content, eia, recipient.certificate()), recipient).content();
          assertThat(opened).isEqualTo(content);
          return opened;
        });
      }
      for (Future<byte[]> f : pool.invokeAll(jobs)) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static byte[] signedBy(boolean includeCerts, KeyHolder... signers) throws Exception {
    CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
    for (KeyHolder s : signers) {
      String alg = s.privateKey().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
      gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
          .build(new JcaContentSignerBuilder(alg).setProvider(Providers.BC).build(s.privateKey()), s.certificate()));
      if (includeCerts) {
        gen.addCertificate(new JcaX509CertificateHolder(s.certificate()));
      }
    }
    CMSSignedData sd = gen.generate(new CMSProcessableByteArray(CONTENT), true);
    return sd.getEncoded(ASN1Encoding.DER);
  }

  private static byte[] signed(KeyHolder signer, String algorithm) throws Exception {
    CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
    gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
        .build(new JcaContentSignerBuilder(algorithm).setProvider(Providers.BC).build(signer.privateKey()), signer.certificate()));
    gen.addCertificate(new JcaX509CertificateHolder(signer.certificate()));
    return gen.generate(new CMSProcessableByteArray(CONTENT), true).getEncoded(ASN1Encoding.DER);
  }

  /** AuthEnvelopedData of a signed {@link #CONTENT} with the given content cipher and recipient info. */
  private static byte[] authEnveloped(ASN1ObjectIdentifier cipher, RecipientInfoGenerator recipient) throws Exception {
    CMSAuthEnvelopedDataGenerator gen = new CMSAuthEnvelopedDataGenerator();
    gen.addRecipientInfoGenerator(recipient);
    OutputAEADEncryptor encryptor = (OutputAEADEncryptor) new JceCMSContentEncryptorBuilder(cipher).setProvider(Providers.BC).build();
    return gen.generate(new CMSProcessableByteArray(Cms.sign(CONTENT, eia)), encryptor).getEncoded();
  }

  /** Ephemeral-static ECDH to the hub with the given KDF scheme and key wrap. */
  private static RecipientInfoGenerator keyAgree(ASN1ObjectIdentifier scheme, ASN1ObjectIdentifier wrap) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC", Providers.BC);
    g.initialize(new ECGenParameterSpec("P-256"));
    KeyPair ephemeral = g.generateKeyPair();
    return new JceKeyAgreeRecipientInfoGenerator(scheme, ephemeral.getPrivate(), ephemeral.getPublic(), wrap)
        .setProvider(Providers.BC).addRecipient(hub.certificate());
  }

  /** A recipient info the policy allows: ECDH with the SHA-256 KDF for EC keys, RSA-OAEP with SHA-256 for RSA keys. */
  private static RecipientInfoGenerator allowedRecipientInfo(X509Certificate recipient) throws Exception {
    if (recipient.getPublicKey().getAlgorithm().equals("RSA")) {
      AlgorithmIdentifier sha256 = new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE);
      return new JceKeyTransRecipientInfoGenerator(recipient, new AlgorithmIdentifier(PKCSObjectIdentifiers.id_RSAES_OAEP,
          new RSAESOAEPparams(sha256, new AlgorithmIdentifier(PKCSObjectIdentifiers.id_mgf1, sha256),
              RSAESOAEPparams.DEFAULT_P_SOURCE_ALGORITHM))).setProvider(Providers.BC);
    }
    return keyAgree(CMSAlgorithm.ECDH_SHA256KDF, CMSAlgorithm.AES256_WRAP);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }

  interface Action {
    void run() throws Exception;
  }

  static void assertFailure(Action action, CryptoFailure expected) {
    assertThatThrownBy(action::run)
        .isInstanceOfSatisfying(CryptoException.class, e -> assertThat(e.failure()).as(e.toString()).isEqualTo(expected));
  }
}
