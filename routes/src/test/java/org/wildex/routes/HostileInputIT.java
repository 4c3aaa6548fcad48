package org.wildex.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.RecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.io.TempDir;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.Tlp;
import org.wildex.contracts.directory.Directory;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.directory.ParticipantKind;
import org.wildex.contracts.receipt.Receipt;
import org.wildex.crypto.Providers;
import org.wildex.crypto.cms.Cms;
import org.wildex.crypto.pki.KeyHolder;
import org.wildex.crypto.pki.Pem;
import org.wildex.crypto.pki.RevocationList;
import org.wildex.routes.support.TestCertificates;

/**
 * The hostile input corpus ({@code src/test/resources/hostile/cases.tsv}) against a running hub: every case gets its
 * reason code (in the HTTP answer, or in the signed REJECTED receipt), its bytes are kept in quarantine, and the hub
 * serves a valid package right after the whole corpus.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT {

  @TempDir static Path dir;
  static Hub hub;
  static HubTestClient client;
  static final Map<String, KeyHolder> specialSigners = new HashMap<>();
  /** The {@code how} options that seal with an envelope older tools make (see {@link #olderToolEncrypt}). */
  static final List<String> OLDER_TOOL_ENVELOPES = List.of("cbc", "3des", "aes128", "sha1-kdf");

  /** One line of cases.tsv. */
  record Case(String name, String payload, String client, List<String> how, String expected) {}

  @BeforeAll
  static void startHub() throws Exception {
    HubTestClient.createWorkdir(dir, List.of(
        member("eia", ParticipantKind.NGO, "GB"), member("wcs", ParticipantKind.NGO, "US"),
        member("ncb-la", ParticipantKind.NCB, "LA"), member("customs-la", ParticipantKind.CUSTOMS, "LA"),
        member("ncb-vn", ParticipantKind.NCB, "VN"), member("customs-vn", ParticipantKind.CUSTOMS, "VN")),
        "unregistered", "revoked");
    RevocationList.revoke(dir.resolve("pki"), Pem.readCertificate(dir.resolve("pki/revoked.crt.pem")));

    Instant now = Instant.now();
    specialSigners.put("foreign-ca", TestCertificates.fromForeignCa("eia"));
    specialSigners.put("expired", TestCertificates.fromDemoCa(dir.resolve("pki"), "eia", now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(35))));
    specialSigners.put("not-yet-valid", TestCertificates.fromDemoCa(dir.resolve("pki"), "eia", now.plus(Duration.ofDays(30)), now.plus(Duration.ofDays(400))));

    hub = HubTestClient.startHub(dir);
    client = new HubTestClient(hub, dir);
  }

  @AfterAll
  static void stopHub() throws Exception {
    if (hub != null) {
      hub.close();
    }
  }

  @Test
  @Order(0)
  void the_corpus_has_at_least_forty_cases_each_with_a_known_reason() throws IOException {
    List<Case> cases = cases();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(40);
    assertThat(cases).allSatisfy(c -> ReasonCode.valueOf(c.expected().substring(c.expected().lastIndexOf(':') + 1)));
    assertThat(cases.stream().map(Case::name).distinct()).hasSize(cases.size());
  }

  @TestFactory
  @Order(1)
  Stream<DynamicTest> every_case_gets_its_reason_code_and_is_quarantined() throws IOException {
    return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
  }

  @Test
  @Order(2)
  void a_body_over_the_size_limit_is_refused_with_413_before_it_is_read_whole() throws Exception {
    byte[] big = new byte[HubSettings.DEFAULT_MAX_BODY_BYTES + 1024];
    new Random(7).nextBytes(big);
    HttpResponse<String> answer = client.submit("eia", big);
    assertThat(answer.statusCode()).isEqualTo(413);
    assertThat(answer.body()).contains(ReasonCode.PAYLOAD_TOO_LARGE.name());
  }

  @Test
  @Order(3)
  void a_replayed_package_id_is_refused_as_a_duplicate() throws Exception {
    byte[] sealed = Cms.seal(payload("valid.json", "eia"), client.keys("eia"), hubCertificate());
    assertThat(client.submit("eia", sealed).statusCode()).isEqualTo(202);
    assertThat(client.receipt("eia").status()).isEqualTo(Receipt.ACCEPTED);
    assertThat(client.take("ncb-vn", "wildex.deliver.ncb-vn", 10_000)).isNotNull();

    assertThat(client.submit("eia", sealed).statusCode()).isEqualTo(202);
    Receipt replay = client.receipt("eia");
    assertThat(replay.status()).isEqualTo(Receipt.REJECTED);
    assertThat(replay.reason()).isEqualTo(ReasonCode.DUPLICATE_PACKAGE);
    assertThat(client.takeAsHub("wildex.quarantine", 10_000)).isEqualTo(sealed);
    assertThat(client.take("ncb-vn", "wildex.deliver.ncb-vn", 500)).as("no second delivery").isNull();
  }

  @Test
  @Order(3)
  void a_package_id_another_ngo_used_is_refused_without_telling_whose_it_was() throws Exception {
    String id = UUID.randomUUID().toString();
    assertThat(client.submit("eia", Cms.seal(payload("valid.json", "eia", id), client.keys("eia"), hubCertificate())).statusCode())
        .isEqualTo(202);
    Receipt accepted = client.receipt("eia");
    assertThat(accepted.status()).isEqualTo(Receipt.ACCEPTED);
    assertThat(client.take("ncb-vn", "wildex.deliver.ncb-vn", 10_000)).isNotNull();

    assertThat(client.submit("wcs", Cms.seal(payload("valid.json", "wcs", id), client.keys("wcs"), hubCertificate())).statusCode())
        .isEqualTo(202);
    Receipt refused = client.receipt("wcs");
    assertThat(client.takeAsHub("wildex.quarantine", 10_000)).isNotNull();
    assertThat(refused.reason()).isEqualTo(ReasonCode.DUPLICATE_PACKAGE);
    assertThat(refused.detail()).doesNotContain(accepted.trackingId().toString());
    tellsNothingOfOthers(refused.detail(), "wcs");

    // the originator's own replay is told the same: the answer does not depend on who holds the id
    assertThat(client.submit("eia", Cms.seal(payload("valid.json", "eia", id), client.keys("eia"), hubCertificate())).statusCode())
        .isEqualTo(202);
    Receipt replay = client.receipt("eia");
    assertThat(client.takeAsHub("wildex.quarantine", 10_000)).isNotNull();
    assertThat(replay.reason()).isEqualTo(ReasonCode.DUPLICATE_PACKAGE);
    assertThat(replay.detail()).isEqualTo(refused.detail());
    assertThat(client.take("ncb-vn", "wildex.deliver.ncb-vn", 500)).as("no second delivery").isNull();
  }

  @Test
  @Order(4)
  void the_hub_serves_a_valid_package_after_the_whole_corpus() throws Exception {
    byte[] sealed = Cms.seal(payload("valid.json", "eia"), client.keys("eia"), hubCertificate());
    assertThat(client.submit("eia", sealed).statusCode()).isEqualTo(202);
    Receipt receipt = client.receipt("eia");
    assertThat(receipt.status()).isEqualTo(Receipt.ACCEPTED);
    assertThat(client.take("ncb-vn", "wildex.deliver.ncb-vn", 10_000)).isNotNull();
  }

  private void check(Case c) throws Exception {
    byte[] body = build(c);
    String type = c.how().stream().filter(h -> h.startsWith("type=")).map(h -> h.substring(5)).findFirst()
        .orElse("application/pkcs7-mime");
    HttpResponse<String> answer = client.submit(c.client(), body, type);
    String[] expected = c.expected().split(":");
    // take everything the case produced before asserting, so one failing case cannot shift the next one's messages
    Receipt receipt = expected[0].equals("receipt") && answer.statusCode() == 202 ? client.receipt(c.client()) : null;
    byte[] quarantined = client.takeAsHub("wildex.quarantine", 10_000);
    if (expected[0].equals("http")) {
      assertThat(answer.statusCode()).as("HTTP status").isEqualTo(Integer.parseInt(expected[1]));
      assertThat(answer.body()).as("answer body").contains("\"reason\":\"" + expected[2] + "\"");
    } else {
      assertThat(answer.statusCode()).as("HTTP status (answer: %s)", answer.body()).isEqualTo(202);
      assertThat(receipt.status()).isEqualTo(Receipt.REJECTED);
      assertThat(receipt.reason()).as("receipt detail: %s", receipt.detail()).isEqualTo(ReasonCode.valueOf(expected[1]));
    }
    tellsNothingOfOthers(receipt == null ? answer.body() : receipt.detail(), c.client());
    assertThat(quarantined).as("quarantined bytes").isEqualTo(body);
  }

  /** What a sender is told names no other participant of the directory and quotes no Java exception. */
  private static void tellsNothingOfOthers(String told, String sender) {
    for (String id : List.of("eia", "wcs", "ncb-la", "customs-la", "ncb-vn", "customs-vn")) {
      if (!id.equals(sender)) {
        assertThat(told).as("what %s is told", sender).doesNotContainPattern("(?<![\\w-])" + id + "(?![\\w-])");
      }
    }
    assertThat(told).as("what %s is told", sender).doesNotContainPattern("Exception|\\b(java|javax|jakarta|tools\\.jackson)\\.");
  }

  /** The bytes a case sends: the payload, signed and encrypted (or damaged) as the case says. */
  private byte[] build(Case c) throws Exception {
    byte[] payload = payload(c.payload(), c.client());
    if (c.how().contains("raw")) {
      return payload;
    }
    KeyHolder signer = client.keys(c.client());
    for (String h : c.how()) {
      if (h.startsWith("signer=")) {
        String id = h.substring(7);
        signer = specialSigners.containsKey(id) ? specialSigners.get(id) : client.keys(id);
      }
    }
    java.security.cert.X509Certificate to = hubCertificate();
    for (String h : c.how()) {
      if (h.startsWith("to=")) {
        to = Pem.readCertificate(dir.resolve("pki/" + h.substring(3) + ".crt.pem"));
      }
    }
    if (c.how().contains("sign-only")) {
      return Cms.sign(payload, signer);
    }
    if (c.how().contains("encrypt-only")) {
      return Cms.encrypt(payload, to);
    }
    byte[] signed = c.how().contains("sha1") || c.how().contains("nocerts") ? olderToolSign(payload, signer, c.how())
        : Cms.sign(payload, signer);
    if (c.how().contains("alter-signed-content")) {
      signed = replaceOnce(signed, "Rhino".getBytes(StandardCharsets.UTF_8), "Rhinx".getBytes(StandardCharsets.UTF_8));
    }
    byte[] sealed = OLDER_TOOL_ENVELOPES.stream().anyMatch(c.how()::contains) ? olderToolEncrypt(signed, to, c.how())
        : Cms.encrypt(signed, to);
    if (c.how().contains("truncate")) {
      return java.util.Arrays.copyOf(sealed, sealed.length / 2);
    }
    if (c.how().contains("tamper-tag")) {
      sealed[sealed.length - 1] ^= 0x01;
    }
    if (c.how().contains("tamper-content")) {
      sealed[sealed.length - 100] ^= 0x01;
    }
    if (c.how().contains("pem")) {
      return ("-----BEGIN PKCS7-----\n" + Base64.getMimeEncoder().encodeToString(sealed) + "\n-----END PKCS7-----\n")
          .getBytes(StandardCharsets.US_ASCII);
    }
    return sealed;
  }

  /** A SignedData as older tools make it: SHA-1 ({@code sha1}) or without the signer's certificate ({@code nocerts}). */
  private static byte[] olderToolSign(byte[] content, KeyHolder signer, List<String> how) throws Exception {
    CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
    String algorithm = how.contains("sha1") ? "SHA1withECDSA" : "SHA256withECDSA";
    gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
        .build(new JcaContentSignerBuilder(algorithm).setProvider(Providers.BC).build(signer.privateKey()), signer.certificate()));
    if (!how.contains("nocerts")) {
      gen.addCertificate(new JcaX509CertificateHolder(signer.certificate()));
    }
    return gen.generate(new CMSProcessableByteArray(content), true).getEncoded();
  }

  /**
   * An envelope as older tools make it, to an EC certificate: AES-256-CBC ({@code cbc}) or 3DES ({@code 3des})
   * EnvelopedData, AES-128-GCM ({@code aes128}), or ECDH with the SHA-1 KDF ({@code sha1-kdf}).
   */
  private static byte[] olderToolEncrypt(byte[] content, java.security.cert.X509Certificate to, List<String> how) throws Exception {
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC", Providers.BC);
    ec.initialize(new ECGenParameterSpec("P-256"));
    KeyPair ephemeral = ec.generateKeyPair();
    RecipientInfoGenerator recipient = new JceKeyAgreeRecipientInfoGenerator(
        how.contains("sha1-kdf") ? CMSAlgorithm.ECDH_SHA1KDF : CMSAlgorithm.ECDH_SHA256KDF, ephemeral.getPrivate(),
        ephemeral.getPublic(), CMSAlgorithm.AES256_WRAP).setProvider(Providers.BC).addRecipient(to);
    if (how.contains("cbc") || how.contains("3des")) {
      CMSEnvelopedDataGenerator gen = new CMSEnvelopedDataGenerator();
      gen.addRecipientInfoGenerator(recipient);
      return gen.generate(new CMSProcessableByteArray(content), new JceCMSContentEncryptorBuilder(
          how.contains("cbc") ? CMSAlgorithm.AES256_CBC : CMSAlgorithm.DES_EDE3_CBC).setProvider(Providers.BC).build()).getEncoded();
    }
    CMSAuthEnvelopedDataGenerator gen = new CMSAuthEnvelopedDataGenerator();
    gen.addRecipientInfoGenerator(recipient);
    return gen.generate(new CMSProcessableByteArray(content), (OutputAEADEncryptor) new JceCMSContentEncryptorBuilder(
        how.contains("aes128") ? CMSAlgorithm.AES128_GCM : CMSAlgorithm.AES256_GCM).setProvider(Providers.BC).build()).getEncoded();
  }

  static List<Case> cases() throws IOException {
    List<Case> cases = new ArrayList<>();
    for (String line : resource("cases.tsv").toString().split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t", -1);
      List<String> how = f[3].isBlank() ? List.of() : List.of(f[3].split(","));
      cases.add(new Case(f[0], f[1], f[2], how, f[4].strip()));
    }
    return cases;
  }

  /** A payload file with its placeholders filled: a fresh id, now, and the sending organisation. */
  static byte[] payload(String file, String org) throws IOException {
    return payload(file, org, UUID.randomUUID().toString());
  }

  /** A payload file with the given package id. */
  static byte[] payload(String file, String org, String id) throws IOException {
    byte[] raw = resourceBytes("payloads/" + file);
    if (!file.endsWith(".json") || new String(raw, StandardCharsets.UTF_8).indexOf('\uFFFD') >= 0) {
      return raw; // binary or deliberately broken UTF-8: send exactly as stored
    }
    return new String(raw, StandardCharsets.UTF_8)
        .replace("${id}", id)
        .replace("${now}", Instant.now().toString())
        .replace("${org}", org)
        .getBytes(StandardCharsets.UTF_8);
  }

  private static StringBuilder resource(String name) throws IOException {
    return new StringBuilder(new String(resourceBytes(name), StandardCharsets.UTF_8));
  }

  private static byte[] resourceBytes(String name) throws IOException {
    try (InputStream in = HostileInputIT.class.getResourceAsStream("/hostile/" + name)) {
      if (in == null) {
        throw new IOException("missing test resource hostile/" + name);
      }
      return in.readAllBytes();
    }
  }

  private static byte[] replaceOnce(byte[] haystack, byte[] needle, byte[] replacement) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        byte[] copy = haystack.clone();
        System.arraycopy(replacement, 0, copy, i, replacement.length);
        return copy;
      }
    }
    throw new IllegalArgumentException("needle not found");
  }

  private static java.security.cert.X509Certificate hubCertificate() throws IOException {
    return Pem.readCertificate(dir.resolve("pki/hub.crt.pem"));
  }

  private static Participant member(String id, ParticipantKind kind, String country) {
    return HubTestClient.member(id, kind, Tlp.AMBER_STRICT, country);
  }
}
