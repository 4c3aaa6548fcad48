package org.wildex.ops.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildex.crypto.cms.Cms;
import org.wildex.crypto.pki.DemoPki;
import org.wildex.ops.Workdir;
import org.wildex.ops.client.IntakeClient;
import org.wildex.ops.client.Mailbox;
import org.wildex.ops.client.Tls;
import org.wildex.ops.demo.DemoSetup;
import org.wildex.routes.support.FreePorts;

/**
 * Plants canary values in every sensitive field of packages, runs them through a hub in its own JVM, and then reads
 * every byte the hub left on disk (its log, the broker journal, bindings, paging) looking for them in plaintext.
 */
class SecretsAtRestIT {

  @TempDir Path dir;

  @Test
  void no_canary_value_appears_in_the_hub_log_or_the_broker_journal() throws Exception {
    Workdir workdir = new Workdir(dir);
    DemoSetup.create(workdir);
    String tag = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    List<String> canaries = List.of(
        "CANARYNAME" + tag, "CANARYPASS" + tag, "CANARYPHONE" + tag, "CANARYSUMMARY" + tag, "CANARYSOURCE" + tag,
        "CANARYTITLE" + tag);
    int https = FreePorts.next();
    int broker = FreePorts.next();
    Path log = dir.resolve("hub.log");
    int packages = 20;
    try (HubProcess hub = HubProcess.start(workdir.root(), https, broker, log)) {
      IntakeClient client = new IntakeClient("https://localhost:" + https, Tls.clientContext(workdir.keys("eia"), workdir.ca()));
      for (int i = 0; i < packages; i++) {
        String json = """
            {"id": "%s", "createdAt": "%s", "originator": {"org": "eia", "reference": "CANARY-%d"},
             "title": "%s", "summary": "%s", "tlp": "AMBER",
             "subjects": [{"ref": "S1", "type": "PERSON", "name": "%s", "nationalities": ["LA"],
                           "identifiers": [{"type": "PASSPORT", "value": "%s", "country": "LA"},
                                           {"type": "PHONE", "value": "%s"}]}],
             "sources": [{"ref": "SRC1", "type": "INFORMANT", "description": "%s", "reliability": "B"}],
             "requestedAction": "INVESTIGATE", "markings": {"/subjects/0/identifiers": "AMBER+STRICT"}}
            """.formatted(UUID.randomUUID(), Instant.now(), i, canaries.get(5), canaries.get(3), canaries.get(0),
            canaries.get(1), canaries.get(2), canaries.get(4));
        byte[] sealed = Cms.seal(json.getBytes(StandardCharsets.UTF_8), workdir.keys("eia"), workdir.hubCertificate());
        assertThat(client.submit(sealed).accepted()).isTrue();
      }
      int receipts = 0;
      for (int round = 0; round < 60 && receipts < packages; round++) {
        receipts += Mailbox.receipts(workdir, "eia").fetch("tcp://localhost:" + broker, DemoPki.PASSWORD, Duration.ofMillis(500)).size();
      }
      assertThat(receipts).as("receipts for the canary packages").isEqualTo(packages);
      // leave the deliveries on the broker: they must sit in the journal as ciphertext only
      hub.stop();
    }

    List<Path> files = new ArrayList<>();
    files.add(log);
    try (Stream<Path> data = Files.walk(workdir.data())) {
      data.filter(Files::isRegularFile).forEach(files::add);
    }
    assertThat(files.size()).as("journal files to scan").isGreaterThan(3);
    assertThat(contains(("x" + canaries.get(0) + "y").getBytes(StandardCharsets.UTF_8), canaries.get(0).getBytes(StandardCharsets.UTF_8)))
        .as("the scanner finds a planted value").isTrue();
    long scanned = 0;
    for (Path file : files) {
      byte[] bytes = Files.readAllBytes(file);
      scanned += bytes.length;
      for (String canary : canaries) {
        assertThat(contains(bytes, canary.getBytes(StandardCharsets.UTF_8))).as(canary + " in " + file).isFalse();
        assertThat(contains(bytes, canary.getBytes(StandardCharsets.UTF_16BE))).as(canary + " (UTF-16) in " + file).isFalse();
      }
    }
    System.out.printf("SECRETS SCAN: %d files, %d bytes, %d canaries, 0 found%n", files.size(), scanned, canaries.size());
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
