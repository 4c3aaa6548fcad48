package org.wildex.crypto.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildex.crypto.CryptoException;
import org.wildex.crypto.cms.Cms;
import org.wildex.crypto.pki.DemoPki;
import org.wildex.crypto.pki.FileKeyHolder;
import org.wildex.crypto.pki.KeyHolder;
import org.wildex.crypto.pki.Pem;

class CheckpointSignerTest {

  @TempDir static Path dir;
  static KeyHolder hub;
  static KeyHolder other;

  @BeforeAll
  static void pki() throws Exception {
    DemoPki.create(dir, List.of(new DemoPki.Subject("auditor", "Audit Office", DemoPki.KeyType.EC_P256)));
    hub = FileKeyHolder.fromPem(dir.resolve("hub.crt.pem"), dir.resolve("hub.key.pem"));
    other = FileKeyHolder.fromPem(dir.resolve("auditor.crt.pem"), dir.resolve("auditor.key.pem"));
  }

  @Test
  void a_checkpoint_signed_by_the_hub_verifies_and_reads_back() throws Exception {
    Instant at = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    Checkpoint c = new Checkpoint(1200, "ab".repeat(32), at);
    byte[] signed = CheckpointSigner.sign(c, hub);
    assertThat(CheckpointSigner.verify(signed, hub.certificate(), Pem.readCertificate(dir.resolve("ca.crt.pem")))).isEqualTo(c);
    assertThat(new String(c.payload(), StandardCharsets.US_ASCII))
        .isEqualTo("wildex-audit-checkpoint-v1\nseq=1200\nhead=" + "ab".repeat(32) + "\nat=" + at + "\n");
  }

  @Test
  void a_checkpoint_signed_by_anyone_else_is_refused() throws Exception {
    byte[] signed = CheckpointSigner.sign(new Checkpoint(5, "cd".repeat(32), Instant.now()), other);
    assertThatThrownBy(() -> CheckpointSigner.verify(signed, hub.certificate(), null)).isInstanceOf(CryptoException.class);
  }

  @Test
  void signed_content_that_is_not_a_canonical_checkpoint_is_refused() throws Exception {
    byte[] signed = Cms.sign("wildex-audit-checkpoint-v1\nseq=05\nhead=".concat("cd".repeat(32)).concat("\nat=2026-11-28T10:00:00Z\n")
        .getBytes(StandardCharsets.US_ASCII), hub);
    assertThatThrownBy(() -> CheckpointSigner.verify(signed, hub.certificate(), null)).isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> Checkpoint.parse("hello".getBytes(StandardCharsets.US_ASCII))).isInstanceOf(IllegalArgumentException.class);
  }
}
