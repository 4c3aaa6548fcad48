package org.wildex.crypto.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildex.crypto.Openssl;
import org.wildex.crypto.pki.DemoPki;
import org.wildex.crypto.pki.FileKeyHolder;

/** An auditor without wildex checks a signed checkpoint with stock openssl against the CA. */
class CheckpointOpensslIT {

  @TempDir Path dir;

  @Test
  void openssl_cms_verifies_a_checkpoint_and_prints_its_text() throws Exception {
    DemoPki.create(dir, List.of());
    var hub = FileKeyHolder.fromPem(dir.resolve("hub.crt.pem"), dir.resolve("hub.key.pem"));
    Checkpoint c = new Checkpoint(42, "0f".repeat(32), Instant.now());
    Files.write(dir.resolve("cp.p7s"), CheckpointSigner.sign(c, hub));
    Openssl.Result r = Openssl.run(dir, null, "cms", "-verify", "-binary", "-inform", "DER", "-in", "cp.p7s", "-CAfile", "ca.crt.pem");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.out()).isEqualTo(new String(c.payload(), java.nio.charset.StandardCharsets.US_ASCII));
  }
}
