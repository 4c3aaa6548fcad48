package org.wildex.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildex.crypto.cms.Cms;
import org.wildex.crypto.pki.Pem;
import org.wildex.crypto.pki.RetiredCertificates;
import org.wildex.ops.Workdir;
import org.wildex.ops.demo.DemoSetup;
import org.wildex.ops.reliability.HubProcess;
import org.wildex.routes.support.FreePorts;

/**
 * Key rotation against a running hub (`wildex serve` in its own JVM), as docs/guide-operator.md does it: a CA rotation
 * whose overlap accepts participants of both CAs, a renewed hub key (what was signed or sealed before still opens and
 * verifies; a package sealed to the old hub key is rejected with what to do), renewing everyone, finishing the
 * rotation, a new pseudonym secret (tokens change), and an audit trail and evidence bundle that verify across all of it.
 */
class PkiRotationIT {

  private static final Pattern TOKEN = Pattern.compile("ps1:[0-9a-f]{32}");

  @TempDir Path dir;
  Workdir workdir;
  HubProcess hub;
  int https;
  int brokerPort;

  @AfterEach
  void stop() throws Exception {
    if (hub != null) {
      hub.close();
    }
  }

  private void restart() throws Exception {
    if (hub != null) {
      hub.stop();
    }
    hub = HubProcess.start(dir, https, brokerPort, dir.resolve("hub.log"));
  }

  private SealOpenTest.Result wildex(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--workdir");
    all.add(dir.toString());
    SealOpenTest.Result r = SealOpenTest.wildex(all.toArray(String[]::new));
    return r;
  }

  private SealOpenTest.Result ok(String... args) {
    SealOpenTest.Result r = wildex(args);
    assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isZero();
    return r;
  }

  /** The ivory shipment with a fresh id, as JSON (for `wildex seal`). */
  private Path ivory(String name) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/demo/ivory-shipment.json")) {
      return Files.writeString(dir.resolve(name + ".json"), new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("${id}", UUID.randomUUID().toString()).replace("${createdAt}", Instant.now().toString()));
    }
  }

  /** Seals as eia with `wildex seal`, submits, returns the tracking id. */
  private String submitIvory(String name) throws IOException {
    Path json = ivory(name);
    ok("seal", "--as", "eia", json.toString(), "-o", dir.resolve(name + ".p7m").toString());
    String line = ok("submit", "--as", "eia", "--url", "https://localhost:" + https, dir.resolve(name + ".p7m").toString()).out();
    assertThat(line).contains("\tQUEUED\t");
    return line.strip().split("\t")[2];
  }

  /** Seals a package as eia to {@code hub} (its commitment left to the hub), submits it, returns the tracking id. */
  private String submitSealedTo(X509Certificate hub, String name) throws Exception {
    Path sealed = Files.write(dir.resolve(name + ".p7m"), Cms.seal(Files.readAllBytes(ivory(name)), workdir.keys("eia"), hub));
    String line = ok("submit", "--as", "eia", "--url", "https://localhost:" + https, sealed.toString()).out();
    assertThat(line).contains("\tQUEUED\t");
    return line.strip().split("\t")[2];
  }

  /** Fetches as {@code id} until {@code count} messages came (they are processed asynchronously); returns their JSON lines. */
  private List<JsonObject> fetch(String id, int count) {
    List<JsonObject> lines = new ArrayList<>();
    for (int round = 0; round < 30 && lines.size() < count; round++) {
      ok("fetch", "--as", id, "--broker", "tcp://localhost:" + brokerPort, "--wait", "1", "--json").out().lines()
          .map(l -> Json.createReader(new StringReader(l)).readObject()).forEach(lines::add);
    }
    assertThat(lines).as("messages for " + id).hasSize(count);
    return lines;
  }

  private static Set<String> tokens(JsonObject line) throws IOException {
    Set<String> tokens = new TreeSet<>();
    Matcher m = TOKEN.matcher(Files.readString(Path.of(line.getString("opened"))));
    while (m.find()) {
      tokens.add(m.group());
    }
    return tokens;
  }

  @Test
  void rotating_the_ca_the_hub_key_and_the_pseudonym_secret_keeps_the_exchange_and_its_trail_working() throws Exception {
    workdir = new Workdir(dir);
    DemoSetup.create(workdir);
    https = FreePorts.next();
    brokerPort = FreePorts.next();
    restart();

    // before: a package whose receipt eia leaves on the queue (sealed to eia's key, signed by the hub's, both renewed below)
    String before = submitIvory("before");
    Set<String> tokensBefore = tokens(fetch("customs-la", 1).get(0));
    assertThat(tokensBefore).as("customs-la sees identifiers as tokens").isNotEmpty();

    // a CA rotation begins: the hub trusts both CAs after its restart
    ok("pki", "rotate-ca");
    restart();
    assertThat(Files.readString(dir.resolve("hub.log"))).contains("trustedCas=2");

    // eia and the hub move to the new CA; customs-la stays on the outgoing one
    ok("pki", "renew", "eia");
    // the renewed certificate is in use at once: eia submits with it before any restart
    String renewed = submitIvory("renewed");
    assertThat(tokens(fetch("customs-la", 1).get(0))).isEqualTo(tokensBefore);
    var oldHub = workdir.hubCertificate();
    ok("pki", "renew-hub");
    restart();
    JsonObject list = Json.createReader(new StringReader(ok("pki", "list", "--json").out())).readObject();
    assertThat(list.getJsonArray("certificates").stream().map(c -> c.asJsonObject())
        .filter(c -> c.getString("id").equals("customs-la")).findFirst().orElseThrow().getString("ca")).isEqualTo("outgoing");

    String during = submitIvory("during");
    JsonObject overlap = fetch("customs-la", 1).get(0);
    assertThat(tokens(overlap)).as("same identifiers, same secret: the tokens link").isEqualTo(tokensBefore);

    // a package sealed to the hub's old certificate still opens (as one accepted before the renewal and still on
    // wildex.intake would): the hub kept its old key in pki/hub.retired.key.pem
    assertThat(Files.readString(dir.resolve("hub.log"))).contains("event=HUB_KEYS").contains("retired=1");
    String staleId = submitSealedTo(oldHub, "stale");
    assertThat(tokens(fetch("customs-la", 1).get(0))).isEqualTo(tokensBefore);

    // eia's receipts: the one sealed to its old key and signed with the hub's old key opens too
    List<JsonObject> receipts = fetch("eia", 4);
    assertThat(receipts).extracting(r -> r.getString("name")).containsExactlyInAnyOrder(before, renewed, during, staleId);
    assertThat(receipts).extracting(r -> r.getString("status")).doesNotContain("REJECTED");

    // everyone renewed, the rotation finished, a new pseudonym secret, the hub's old key deleted (as after a
    // compromise): one restart picks it all up
    ok("pki", "renew", "--all");
    ok("pki", "rotate-ca", "--finish");
    String keyId = ok("pki", "rotate-pseudonym-secret").out().replaceAll("(?s).*pseudonymKeyId=([0-9a-f]{16}).*", "$1");
    Files.delete(RetiredCertificates.keyFileFor(workdir.pki().resolve("hub.key.pem")));
    restart();
    assertThat(Files.readString(dir.resolve("hub.log"))).contains("pseudonymKeyId=" + keyId).contains("trustedCas=1");
    assertThat(Pem.readCertificates(workdir.caCertificate())).hasSize(1);

    // without its old key the hub refuses what is sealed to the old certificate, and says what to do
    String refusedId = submitSealedTo(oldHub, "refused");
    submitIvory("after");
    Set<String> tokensAfter = tokens(fetch("customs-la", 1).get(0));
    JsonObject rejected = fetch("eia", 2).stream().filter(r -> refusedId.equals(r.getString("name"))).findFirst().orElseThrow();
    assertThat(rejected.getString("status")).isEqualTo("REJECTED");
    assertThat(rejected.getString("reason")).isEqualTo("NOT_ENCRYPTED_FOR_HUB");
    assertThat(rejected.getString("fix")).contains("hub.crt.pem");
    assertThat(tokensAfter).isNotEmpty().doesNotContainAnyElementsOf(tokensBefore);
    hub.stop(); // the hub signs a last checkpoint as it stops
    hub = null;

    // the trail verifies across both hub keys and both CAs; a bundle of the first package is proven by the old key
    SealOpenTest.Result verify = ok("audit", "verify", "--json");
    JsonObject v = Json.createReader(new StringReader(verify.out())).readObject();
    assertThat(v.getBoolean("ok")).as(verify.out()).isTrue();
    assertThat(v.getInt("checkpoints")).isGreaterThanOrEqualTo(3);
    String packageId = Json.createReader(new StringReader(Files.readString(dir.resolve("before.json")))).readObject().getString("id");
    ok("audit", "export", packageId, "--out", dir.resolve("before.zip").toString());
    assertThat(SealOpenTest.wildex("audit", "verify-bundle", dir.resolve("before.zip").toString()).exit()).isZero();
    SealOpenTest.Result pinnedNew = SealOpenTest.wildex("audit", "verify-bundle", dir.resolve("before.zip").toString(),
        "--ca", workdir.caCertificate().toString());
    assertThat(pinnedNew.exit()).as("signed under the retired CA: the new CA alone does not prove it").isEqualTo(1);
    Path bothCas = dir.resolve("both-cas.pem");
    Pem.writeCertificates(bothCas, RetiredCertificates.withRetired(workdir.caCertificate()));
    assertThat(SealOpenTest.wildex("audit", "verify-bundle", dir.resolve("before.zip").toString(), "--ca", bothCas.toString())
        .exit()).isZero();
  }
}
