package org.wildex.crypto.cms;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.wildex.crypto.CryptoFailure;
import org.wildex.crypto.Openssl;
import org.wildex.crypto.pki.DemoPki;
import org.wildex.crypto.pki.DemoPki.KeyType;
import org.wildex.crypto.pki.DemoPki.Subject;
import org.wildex.crypto.pki.FileKeyHolder;
import org.wildex.crypto.pki.KeyHolder;

/**
 * Proves that wildex's CMS interoperates with the real {@code openssl cms} (OpenSSL 3) in both directions.
 * Runs under Failsafe; fails (never skips) when the openssl binary is missing.
 */
class OpensslInteropIT {
  /** Binary content with CR/LF, NUL and non-UTF-8 bytes: any MIME canonicalisation would change it. */
  private static final byte[] CONTENT = content();
  private static final AtomicInteger TAGS = new AtomicInteger();

  @TempDir static Path dir;

  @BeforeAll
  static void pki() throws Exception {
    Openssl.Result version = Openssl.ok(dir, null, "version");
    assertThat(version.out()).as("these tests need OpenSSL 3.x").startsWith("OpenSSL 3.");
    DemoPki.create(dir, List.of(
        new Subject("eia", "Environmental Investigation Agency", KeyType.EC_P256),
        new Subject("traffic", "TRAFFIC International", KeyType.RSA_2048),
        new Subject("hub-rsa", "wildex hub (RSA)", KeyType.RSA_2048)));
    Files.write(dir.resolve("content.bin"), CONTENT);
  }

  private static final List<String> ECDH_SHA256 = List.of("-aes-256-gcm", "-keyopt", "ecdh_kdf_md:sha256");
  private static final List<String> OAEP_SHA256 =
      List.of("-aes-256-gcm", "-keyopt", "rsa_padding_mode:oaep", "-keyopt", "rsa_oaep_md:sha256");

  static Stream<Arguments> opensslToWildex() {
    return Stream.of(
        Arguments.of("eia", List.of(), "hub", ECDH_SHA256, false),
        Arguments.of("eia", List.of(), "hub", List.of("-aes-256-gcm", "-keyopt", "ecdh_kdf_md:sha384"), false),
        Arguments.of("eia", List.of("-md", "sha512"), "hub", List.of("-aes-256-gcm", "-keyopt", "ecdh_kdf_md:sha512"), true),
        Arguments.of("eia", List.of(), "hub", ECDH_SHA256, true),
        Arguments.of("traffic", List.of(), "hub", ECDH_SHA256, false),
        Arguments.of("traffic", List.of("-keyopt", "rsa_padding_mode:pss"), "hub", ECDH_SHA256, false),
        Arguments.of("eia", List.of(), "hub-rsa", OAEP_SHA256, false),
        Arguments.of("traffic", List.of(), "hub-rsa", OAEP_SHA256, true));
  }

  @ParameterizedTest(name = "[{index}] openssl sign by {0} {1}, encrypt to {2} {3}, stream={4}")
  @MethodSource("opensslToWildex")
  void opens_package_sealed_by_openssl(String signer, List<String> signOptions, String recipient, List<String> encryptOptions,
      boolean stream) throws Exception {
    byte[] sealed = sealWithOpenssl(signer, signOptions, recipient, encryptOptions, stream);
    Cms.checkStructure(sealed);
    assertThat(Cms.parse(sealed).getContentType()).isEqualTo(CMSObjectIdentifiers.authEnvelopedData);
    Cms.Opened opened = Cms.open(sealed, holder(recipient));
    assertThat(opened.content()).isEqualTo(CONTENT);
    assertThat(opened.signer()).isEqualTo(holder(signer).certificate());
  }

  /** What openssl can make and the hub refuses (AlgorithmPolicy); "door" = refused by the structure check, before any key work. */
  static Stream<Arguments> refusedFromOpenssl() {
    return Stream.of(
        Arguments.of("AES-256-CBC", List.of(), "hub", List.of("-aes-256-cbc", "-keyopt", "ecdh_kdf_md:sha256"), "door:ALGORITHM_NOT_ALLOWED"),
        Arguments.of("AES-128-GCM", List.of(), "hub", List.of("-aes-128-gcm", "-keyopt", "ecdh_kdf_md:sha256"), "door:ALGORITHM_NOT_ALLOWED"),
        Arguments.of("3DES", List.of(), "hub", List.of("-des3", "-keyopt", "ecdh_kdf_md:sha256"), "door:ALGORITHM_NOT_ALLOWED"),
        Arguments.of("ECDH SHA-1 KDF (openssl's default)", List.of(), "hub", List.of("-aes-256-gcm"), "door:ALGORITHM_NOT_ALLOWED"),
        Arguments.of("RSA PKCS#1 v1.5 (openssl's default)", List.of(), "hub-rsa", List.of("-aes-256-gcm"), "door:ALGORITHM_NOT_ALLOWED"),
        Arguments.of("RSA-OAEP SHA-1", List.of(), "hub-rsa", List.of("-aes-256-gcm", "-keyopt", "rsa_padding_mode:oaep"),
            "door:ALGORITHM_NOT_ALLOWED"),
        Arguments.of("AES-256-CBC with RSA-OAEP SHA-256", List.of(), "hub-rsa",
            List.of("-aes-256-cbc", "-keyopt", "rsa_padding_mode:oaep", "-keyopt", "rsa_oaep_md:sha256"), "door:ALGORITHM_NOT_ALLOWED"),
        Arguments.of("SHA-1 signature", List.of("-md", "sha1"), "hub", ECDH_SHA256, "open:ALGORITHM_NOT_ALLOWED"),
        Arguments.of("signature without the signer's certificate", List.of("-nocerts"), "hub", ECDH_SHA256, "open:SIGNER_CERT_MISSING"));
  }

  @ParameterizedTest(name = "[{index}] {0}: {4}")
  @MethodSource("refusedFromOpenssl")
  void refuses_package_sealed_by_openssl_with_what_the_policy_does_not_allow(String what, List<String> signOptions,
      String recipient, List<String> encryptOptions, String expected) throws Exception {
    byte[] sealed = sealWithOpenssl("eia", signOptions, recipient, encryptOptions, false);
    CryptoFailure failure = CryptoFailure.valueOf(expected.substring(expected.indexOf(':') + 1));
    if (expected.startsWith("door:")) {
      CmsTest.assertFailure(() -> Cms.checkStructure(sealed), failure);
    } else {
      Cms.checkStructure(sealed);
    }
    CmsTest.assertFailure(() -> Cms.open(sealed, holder(recipient)), failure);
  }

  /** {@code openssl cms -sign} (SHA-256 unless the options name a digest) then {@code -encrypt}; DER. */
  private static byte[] sealWithOpenssl(String signer, List<String> signOptions, String recipient, List<String> encryptOptions,
      boolean stream) throws Exception {
    String tag = "p" + TAGS.incrementAndGet();
    List<String> sign = new ArrayList<>(List.of("cms", "-sign", "-binary", "-nodetach", "-signer", signer + ".crt.pem",
        "-inkey", signer + ".key.pem"));
    if (!signOptions.contains("-md")) {
      sign.addAll(List.of("-md", "sha256"));
    }
    sign.addAll(signOptions);
    sign.addAll(List.of("-in", "content.bin", "-outform", "DER", "-out", tag + ".p7s"));
    List<String> encrypt = new ArrayList<>(List.of("cms", "-encrypt", "-binary", "-recip", recipient + ".crt.pem"));
    encrypt.addAll(encryptOptions);
    encrypt.addAll(List.of("-in", tag + ".p7s", "-inform", "DER", "-outform", "DER", "-out", tag + ".p7m"));
    if (stream) {
      sign.add("-stream");
      encrypt.add("-stream");
    }
    Openssl.ok(dir, null, sign.toArray(String[]::new));
    Openssl.ok(dir, null, encrypt.toArray(String[]::new));
    return Files.readAllBytes(dir.resolve(tag + ".p7m"));
  }

  static Stream<Arguments> wildexToOpenssl() {
    return Stream.of(Arguments.of("eia", "hub"), Arguments.of("eia", "hub-rsa"), Arguments.of("traffic", "hub"),
        Arguments.of("traffic", "hub-rsa"), Arguments.of("hub", "eia"));
  }

  @ParameterizedTest(name = "[{index}] wildex seal by {0} to {1}, openssl decrypt and verify")
  @MethodSource("wildexToOpenssl")
  void openssl_decrypts_and_verifies_wildex_seal(String signer, String recipient) throws Exception {
    String tag = "seal-" + signer + "-" + recipient;
    Files.write(dir.resolve(tag + ".p7m"), Cms.seal(CONTENT, holder(signer), holder(recipient).certificate()));

    Openssl.ok(dir, null, "cms", "-decrypt", "-binary", "-inform", "DER", "-in", tag + ".p7m",
        "-recip", recipient + ".crt.pem", "-inkey", recipient + ".key.pem", "-out", tag + ".p7s");
    Openssl.Result verified = Openssl.ok(dir, null, "cms", "-verify", "-binary", "-inform", "DER", "-in", tag + ".p7s",
        "-CAfile", "ca.crt.pem", "-out", tag + ".out");
    assertThat(verified.stderr()).contains("Verification successful");
    assertThat(Files.readAllBytes(dir.resolve(tag + ".out"))).isEqualTo(CONTENT);

    Openssl.Result signers = Openssl.ok(dir, null, "cms", "-verify", "-binary", "-inform", "DER", "-in", tag + ".p7s",
        "-CAfile", "ca.crt.pem", "-out", "/dev/null", "-signer", tag + ".signer.pem");
    assertThat(signers.exitCode()).isZero();
    assertThat(org.wildex.crypto.pki.Pem.readCertificate(dir.resolve(tag + ".signer.pem"))).isEqualTo(holder(signer).certificate());
  }

  @ParameterizedTest(name = "[{index}] openssl -keyid identifiers, recipient {0}")
  @MethodSource("keyIdRecipients")
  void opens_openssl_package_that_names_signer_and_recipient_by_key_id(String recipient) throws Exception {
    String tag = "keyid-" + recipient;
    Openssl.ok(dir, null, "cms", "-sign", "-binary", "-nodetach", "-md", "sha256", "-keyid", "-signer", "eia.crt.pem",
        "-inkey", "eia.key.pem", "-in", "content.bin", "-outform", "DER", "-out", tag + ".p7s");
    List<String> encrypt = new ArrayList<>(List.of("cms", "-encrypt", "-binary", "-keyid", "-recip", recipient + ".crt.pem"));
    encrypt.addAll(recipient.equals("hub-rsa") ? OAEP_SHA256 : ECDH_SHA256);
    encrypt.addAll(List.of("-in", tag + ".p7s", "-outform", "DER", "-out", tag + ".p7m"));
    Openssl.ok(dir, null, encrypt.toArray(String[]::new));
    Cms.Opened opened = Cms.open(Files.readAllBytes(dir.resolve(tag + ".p7m")), holder(recipient));
    assertThat(opened.content()).isEqualTo(CONTENT);
    assertThat(opened.signer()).isEqualTo(holder("eia").certificate());
  }

  static Stream<String> keyIdRecipients() {
    return Stream.of("hub", "hub-rsa");
  }

  @Test
  void openssl_rejects_wildex_signature_under_a_foreign_ca() throws Exception {
    Path other = dir.resolve("other");
    DemoPki.create(other, List.of());
    Files.write(dir.resolve("foreign.p7s"), Cms.sign(CONTENT, holder("eia")));
    Openssl.Result r = Openssl.run(dir, null, "cms", "-verify", "-binary", "-inform", "DER", "-in", "foreign.p7s",
        "-CAfile", "other/ca.crt.pem", "-out", "/dev/null");
    assertThat(r.exitCode()).isNotZero();
  }

  @Test
  void wildex_refuses_openssl_package_encrypted_for_someone_else() throws Exception {
    Openssl.ok(dir, null, "cms", "-sign", "-binary", "-nodetach", "-md", "sha256", "-signer", "eia.crt.pem", "-inkey", "eia.key.pem",
        "-in", "content.bin", "-outform", "DER", "-out", "other.p7s");
    Openssl.ok(dir, null, "cms", "-encrypt", "-binary", "-aes-256-gcm", "-recip", "traffic.crt.pem", "-keyopt", "rsa_padding_mode:oaep",
        "-keyopt", "rsa_oaep_md:sha256", "-in", "other.p7s", "-outform", "DER", "-out", "other.p7m");
    byte[] sealed = Files.readAllBytes(dir.resolve("other.p7m"));
    CmsTest.assertFailure(() -> Cms.open(sealed, holder("hub")), CryptoFailure.NOT_ENCRYPTED_FOR_HUB);
  }

  private static KeyHolder holder(String id) throws Exception {
    return FileKeyHolder.fromPem(dir.resolve(id + ".crt.pem"), dir.resolve(id + ".key.pem"));
  }

  private static byte[] content() {
    byte[] text = "{\"title\":\"ivory, Mombasa \u2192 Da Nang\"}\r\nline two\n".getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[text.length + 4];
    System.arraycopy(text, 0, out, 0, text.length);
    out[text.length] = 0;
    out[text.length + 1] = (byte) 0xff;
    out[text.length + 2] = '\r';
    out[text.length + 3] = '\n';
    return out;
  }
}
