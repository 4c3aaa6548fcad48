package org.wildex.crypto.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HmacPseudonymiserTest {

  @TempDir Path dir;

  private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  @Test
  void the_same_identifier_gives_the_same_token_and_different_ones_differ() {
    HmacPseudonymiser p = HmacPseudonymiser.of(SECRET);
    String a = p.token("phone", "+8613800001234");
    assertThat(a).startsWith("ps1:").hasSize(4 + 32).matches("ps1:[0-9a-f]{32}");
    assertThat(HmacPseudonymiser.of(SECRET.clone()).token("phone", "+8613800001234")).isEqualTo(a);
    assertThat(p.token("phone", "+8613800001235")).isNotEqualTo(a);
    assertThat(p.token("passport", "+8613800001234")).as("the kind is part of the token").isNotEqualTo(a);
    byte[] other = SECRET.clone();
    other[0] ^= 1;
    assertThat(HmacPseudonymiser.of(other).token("phone", "+8613800001234")).as("another hub secret").isNotEqualTo(a);
  }

  @Test
  void the_token_is_the_documented_hmac() throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
    byte[] h = mac.doFinal("wildex-pseudonym-v1\0name\0chen haoyu".getBytes(StandardCharsets.UTF_8));
    assertThat(HmacPseudonymiser.of(SECRET).token("name", "chen haoyu"))
        .isEqualTo("ps1:" + java.util.HexFormat.of().formatHex(h, 0, 16));
  }

  @Test
  void the_key_id_names_the_secret_without_being_a_token() throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
    String expected = HexFormat.of().formatHex(mac.doFinal("wildex-pseudonym-key-id-v1".getBytes(StandardCharsets.US_ASCII)), 0, 8);
    assertThat(HmacPseudonymiser.of(SECRET).keyId()).isEqualTo(expected).hasSize(16);
    byte[] other = SECRET.clone();
    other[0] ^= 1;
    assertThat(HmacPseudonymiser.of(other).keyId()).isNotEqualTo(expected);
  }

  @Test
  void tokens_are_stable_across_threads() throws Exception {
    HmacPseudonymiser p = HmacPseudonymiser.of(SECRET);
    String expected = p.token("company_registration", "la0120190457");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      Set<String> seen = new HashSet<>();
      List<Future<String>> results = new java.util.ArrayList<>();
      for (int i = 0; i < 200; i++) {
        results.add(pool.submit(() -> p.token("company_registration", "la0120190457")));
      }
      for (Future<String> f : results) {
        seen.add(f.get());
      }
      assertThat(seen).containsExactly(expected);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void loads_a_written_secret_and_refuses_a_short_or_missing_one() throws IOException {
    Path key = dir.resolve("pki/pseudonym.key");
    HmacPseudonymiser.writeNewSecret(key);
    String line = Files.readString(key).strip();
    assertThat(java.util.Base64.getDecoder().decode(line)).hasSize(32);
    HmacPseudonymiser a = HmacPseudonymiser.load(key);
    assertThat(HmacPseudonymiser.load(key).token("name", "x")).isEqualTo(a.token("name", "x"));
    assertThat(a.toString()).doesNotContain(line);

    Files.writeString(key, java.util.Base64.getEncoder().encodeToString(new byte[16]));
    assertThatThrownBy(() -> HmacPseudonymiser.load(key)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32");
    assertThatThrownBy(() -> HmacPseudonymiser.load(dir.resolve("nope.key")))
        .isInstanceOf(IOException.class).hasMessageContaining(HmacPseudonymiser.ENV).hasMessageContaining("pki demo");
  }
}
