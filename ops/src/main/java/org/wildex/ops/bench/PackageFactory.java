package org.wildex.ops.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.wildex.contracts.directory.Directory;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.pkg.IntelligencePackage;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.contracts.policy.Policy;
import org.wildex.contracts.routing.RecipientSelector;
import org.wildex.crypto.cms.Cms;
import org.wildex.crypto.pki.KeyHolder;
import org.wildex.routes.process.PackageCommitter;

/**
 * Makes benchmark packages as an NGO analyst would with {@code wildex seal}: a valid package v1 of about the requested
 * size (subjects with identifiers, seizures with descriptions, an informant source), committed (Merkle root signed by
 * the NGO), signed and encrypted to the hub. Each touches ⌈R/3⌉ countries with {@code INFORMATION_ONLY}, which routes
 * to the NCB, customs and CITES authority of each; exclusions trim that to exactly R recipients.
 */
final class PackageFactory {

  /** One sealed package, ready to post, and the facts the harness checks deliveries against. */
  record SealedPackage(UUID id, String sender, byte[] submission, int plaintextBytes, List<String> recipients) {}

  static final List<String> COUNTRIES = List.of("KH", "TH", "VN", "LA", "CN");
  private static final List<String> KINDS = List.of("ncb-", "customs-", "cites-");
  private static final String[] WORDS = {
    "pangolin", "scales", "container", "warehouse", "consignment", "declared", "frozen", "fish", "manifest", "broker",
    "transit", "port", "truck", "border", "invoice", "shipment", "ivory", "tusks", "rhino", "horn", "buyer", "courier",
    "payment", "transfer", "storage", "permit", "forged", "customs", "seal", "vessel", "route", "cash", "network"
  };

  private final Directory directory;
  private final Policy policy;
  private final int targetBytes;
  private final int recipients;

  PackageFactory(Directory directory, Policy policy, int targetBytes, int recipients) {
    if (recipients < 1 || recipients > 3 * COUNTRIES.size()) {
      throw new IllegalArgumentException("--recipients must be 1.." + 3 * COUNTRIES.size());
    }
    this.directory = directory;
    this.policy = policy;
    this.targetBytes = targetBytes;
    this.recipients = recipients;
  }

  /** Package number {@code i} from {@code sender}: committed, signed with {@code senderKeys}, encrypted to {@code hub}. */
  SealedPackage seal(int i, String sender, KeyHolder senderKeys, java.security.cert.X509Certificate hub) throws Exception {
    IntelligencePackage pkg = PackageCodec.parse(json(i, sender));
    List<String> routed = RecipientSelector.select(pkg, directory, policy).stream().map(Participant::id).toList();
    if (routed.size() != recipients) {
      throw new IllegalStateException("package routes to " + routed + ", expected " + recipients + " recipients");
    }
    byte[] content = PackageCodec.toJson(PackageCommitter.commit(pkg, senderKeys));
    return new SealedPackage(pkg.id(), sender, Cms.seal(content, senderKeys, hub), content.length, routed);
  }

  /** The package's JSON text: touched countries rotate with {@code i}, filler seizures bring it to the target size. */
  byte[] json(int i, String sender) {
    int countryCount = (recipients + 2) / 3;
    List<String> touched = new ArrayList<>();
    for (int c = 0; c < countryCount; c++) {
      touched.add(COUNTRIES.get((i + c) % COUNTRIES.size()));
    }
    List<String> excluded = new ArrayList<>();
    for (int k = 0; k < 3 * countryCount - recipients; k++) {
      excluded.add(KINDS.get(2 - k % 3) + touched.get(touched.size() - 1 - k / 3).toLowerCase());
    }
    SplittableRandom random = new SplittableRandom(i);
    StringBuilder b = new StringBuilder(targetBytes + 2048);
    b.append("{\"id\":\"").append(UUID.randomUUID()).append("\",\"createdAt\":\"").append(Instant.now())
        .append("\",\"originator\":{\"org\":\"").append(sender).append("\",\"reference\":\"BENCH-").append(i).append("\"},")
        .append("\"title\":\"Pangolin scales moved through ").append(String.join(", ", touched)).append(" in frozen-fish containers\",")
        .append("\"summary\":\"").append(words(random, 60)).append("\",\"tlp\":\"AMBER\",")
        .append("\"grading\":{\"scale\":\"admiralty\",\"source\":\"B\",\"information\":\"2\"},")
        .append("\"handling\":{\"permitted_actions\":\"contact-for-instruction\",\"encrypt_in_transit\":\"must\","
            + "\"expires\":\"2099-01-01T00:00:00Z\",\"originator_control\":true},")
        .append("\"subjects\":[");
    for (int s = 0; s < 4; s++) {
      String country = touched.get(s % touched.size());
      b.append(s == 0 ? "" : ",").append("{\"ref\":\"S").append(s + 1).append("\",\"type\":\"PERSON\",\"name\":\"")
          .append(words(random, 2)).append("\",\"nationalities\":[\"").append(country).append("\"],\"city\":\"City ")
          .append(s).append("\",\"address\":\"").append(random.nextInt(999)).append(' ').append(words(random, 3))
          .append(" street\",\"role\":\"").append(words(random, 8)).append("\",\"identifiers\":[")
          .append("{\"type\":\"PASSPORT\",\"value\":\"P").append(random.nextInt(1_000_000, 9_999_999)).append("\",\"country\":\"")
          .append(country).append("\"},{\"type\":\"PHONE\",\"value\":\"+855 ").append(random.nextInt(10_000_000, 99_999_999))
          .append("\"}]}");
    }
    b.append("],\"commodities\":[{\"species\":\"Manis javanica\",\"commonName\":\"Sunda pangolin\",\"citesAppendix\":\"I\","
        + "\"product\":\"scales\",\"quantity\":").append(100 + random.nextInt(5000)).append(",\"unit\":\"kg\"}],");
    b.append("\"sources\":[{\"ref\":\"SRC-1\",\"type\":\"INFORMANT\",\"description\":\"").append(words(random, 20))
        .append("\",\"reliability\":\"B\"}],\"seizures\":[");
    int closing = 200 + 40 * excluded.size();
    for (int n = 0; n == 0 || b.length() + closing < targetBytes; n++) {
      int room = targetBytes - b.length() - closing - 200;
      b.append(n == 0 ? "" : ",").append("{\"country\":\"").append(touched.get(n % touched.size()))
          .append("\",\"place\":\"Port ").append(n).append("\",\"date\":\"2024-0").append(1 + n % 9).append("-1")
          .append(n % 10).append("\",\"agency\":\"Customs\",\"quantity\":").append(1 + random.nextInt(900))
          .append(",\"unit\":\"kg\",\"description\":\"").append(text(random, Math.max(40, Math.min(1200, room))))
          .append("\"}");
    }
    b.append("],\"requestedAction\":\"INFORMATION_ONLY\"");
    if (!excluded.isEmpty()) {
      b.append(",\"exclusions\":[\"").append(String.join("\",\"", excluded)).append("\"]");
    }
    b.append('}');
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String words(SplittableRandom random, int n) {
    StringBuilder s = new StringBuilder();
    for (int w = 0; w < n; w++) {
      s.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
    }
    return s.toString();
  }

  private static String text(SplittableRandom random, int chars) {
    StringBuilder s = new StringBuilder(chars + 16);
    while (s.length() < chars) {
      s.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
    }
    return s.substring(0, chars).trim();
  }
}
