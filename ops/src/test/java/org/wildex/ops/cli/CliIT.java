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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.wildex.ops.Workdir;
import org.wildex.ops.demo.DemoSetup;
import org.wildex.ops.reliability.HubProcess;
import org.wildex.routes.support.FreePorts;

/**
 * The command line against a running hub: bulk submit and fetch with their progress bar on stderr and clean stdout,
 * {@code --json} lines, exit 3 and what to do for a rejected package (at the door and in a receipt), {@code open --json},
 * and the hints for an unreachable hub and a certificate the broker does not know (a participant's old one after its
 * renewal, which the hub takes up without a restart). The commands run in this JVM.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the bulk flow counts what reaches customs-la: it runs first
class CliIT {

  @TempDir static Path dir;
  static HubProcess hub;
  static String url;
  static String broker;

  /** The hub runs in its own JVM (`wildex serve`), so its logs never mix with what the commands print. */
  @BeforeAll
  static void start() throws Exception {
    DemoSetup.create(new Workdir(dir));
    int https = FreePorts.next();
    int brokerPort = FreePorts.next();
    hub = HubProcess.start(dir, https, brokerPort, dir.resolve("hub.log"));
    url = "https://localhost:" + https;
    broker = "tcp://localhost:" + brokerPort;
  }

  @AfterAll
  static void stop() throws Exception {
    if (hub != null) {
      hub.stop();
    }
  }

  static SealOpenTest.Result wildex(String... args) {
    return wildexIn(dir, args);
  }

  /** The demo's ivory shipment with a fresh id, sealed by eia with `wildex seal`. */
  static Path sealedIvory(String name) throws IOException {
    try (InputStream in = CliIT.class.getResourceAsStream("/demo/ivory-shipment.json")) {
      Path json = dir.resolve(name + ".json");
      Files.writeString(json, new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${id}", UUID.randomUUID().toString())
          .replace("${createdAt}", Instant.now().toString()));
      SealOpenTest.Result sealed = wildex("seal", "--as", "eia", json.toString(), "-o", dir.resolve(name + ".p7m").toString());
      assertThat(sealed.exit()).as(sealed.err()).isZero();
      return dir.resolve(name + ".p7m");
    }
  }

  static JsonObject json(String line) {
    return Json.createReader(new StringReader(line)).readObject();
  }

  @Test
  @Order(1)
  void bulk_submit_and_fetch_show_a_bar_on_stderr_keep_stdout_clean_and_say_what_to_do_about_rejections() throws Exception {
    Path first = sealedIvory("first");
    Path second = sealedIvory("second");
    Path garbage = Files.writeString(dir.resolve("notes.p7m"), "not a sealed package");
    Path invalid = dir.resolve("invalid.json");
    Files.writeString(invalid, "{\"id\": \"" + UUID.randomUUID() + "\", \"title\": \"no contract\"}");
    assertThat(wildex("seal", "--as", "eia", "--no-commit", invalid.toString(), "-o", dir.resolve("invalid.p7m").toString()).exit())
        .isZero();

    SealOpenTest.Result submit = wildex("submit", "--as", "eia", "--url", url, "--progress", first.toString(), garbage.toString(),
        second.toString(), dir.resolve("invalid.p7m").toString());
    assertThat(submit.exit()).as("a file was rejected").isEqualTo(WildexCommand.EXIT_REJECTED);
    List<String> lines = submit.out().lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).matches(first + "\tQUEUED\t[0-9a-f-]{36}");
    assertThat(lines.get(1)).startsWith(garbage + "\tREJECTED\tNOT_CMS\t");
    assertThat(lines.get(3)).as("rejected only after decryption, by receipt").contains("\tQUEUED\t");
    assertThat(submit.err()).contains("submit  [").contains("4/4  100%").contains("/s  0:0")
        .contains("wildex: " + garbage + ": NOT_CMS: seal the package first: `wildex seal");

    // the receipts, as JSON lines: two accepted, and the rejection found after decryption with what to do
    List<JsonObject> receipts = new ArrayList<>();
    for (int round = 0; round < 30 && (receipts.stream().filter(r -> "ACCEPTED".equals(r.getString("status", ""))).count() < 2
        || receipts.stream().noneMatch(r -> "CONTRACT_INVALID".equals(r.getString("reason", "")))); round++) {
      SealOpenTest.Result fetched = wildex("fetch", "--as", "eia", "--broker", broker, "--wait", "1", "--json", "--progress");
      assertThat(fetched.exit()).as(fetched.err()).isZero();
      assertThat(fetched.err()).as("--json: nothing on stderr, not even with --progress").isEmpty();
      fetched.out().lines().map(CliIT::json).forEach(receipts::add);
    }
    assertThat(receipts).allSatisfy(r -> assertThat(r.getString("kind")).isEqualTo("receipt"));
    JsonObject rejected = receipts.stream().filter(r -> "CONTRACT_INVALID".equals(r.getString("reason", ""))).findFirst().orElseThrow();
    assertThat(rejected.getString("status")).isEqualTo("REJECTED");
    assertThat(rejected.getString("fix")).contains("docs/contract.md");
    assertThat(Path.of(rejected.getString("opened"))).isRegularFile();

    // both accepted packages reached customs-la: one fetch, two messages, a bar on stderr, paths and a count on stdout
    SealOpenTest.Result agency = wildex("fetch", "--as", "customs-la", "--broker", broker, "--wait", "2", "--progress");
    assertThat(agency.exit()).as(agency.err()).isZero();
    List<String> out = agency.out().lines().toList();
    assertThat(out).hasSize(3);
    assertThat(out.subList(0, 2)).allSatisfy(l -> assertThat(l).startsWith(dir.resolve("deliveries/customs-la").toString())
        .endsWith(".json"));
    assertThat(out.get(2)).isEqualTo("2 message(s) from wildex.deliver.customs-la into " + dir.resolve("deliveries/customs-la"));
    assertThat(agency.err()).contains("fetch wildex.deliver.customs-la  2  ").endsWith(System.lineSeparator());

    // open --json: the checks and the content in one object, nothing on stderr
    Path delivery = Path.of(out.get(0).replaceFirst("\\.json$", ".p7m"));
    SealOpenTest.Result opened = wildex("open", "--as", "customs-la", delivery.toString(), "--json");
    assertThat(opened.exit()).as(opened.err()).isZero();
    assertThat(opened.err()).isEmpty();
    JsonObject answer = json(opened.out());
    assertThat(answer.getBoolean("delivery")).isTrue();
    assertThat(answer.getString("signer")).contains("CN=hub");
    assertThat(answer.getJsonObject("proof").getInt("revealed")).isPositive();
    assertThat(answer.getJsonObject("proof").getString("rootSignedBy")).isEqualTo("eia");
    assertThat(answer.getJsonObject("content").getString("level")).isEqualTo("AMBER");
    assertThat(answer.getJsonObject("content").getJsonObject("view")).isNotNull();
  }

  @Test
  void submit_json_prints_one_object_per_file_with_the_fix_for_a_rejection() throws Exception {
    Path garbage = Files.writeString(dir.resolve("empty.p7m"), "");
    Path good = sealedIvory("json-one");
    SealOpenTest.Result r = wildex("submit", "--as", "eia", "--url", url, "--json", good.toString(), garbage.toString());
    assertThat(r.exit()).isEqualTo(WildexCommand.EXIT_REJECTED);
    assertThat(r.err()).isEmpty();
    List<JsonObject> lines = r.out().lines().map(CliIT::json).toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).getString("status")).isEqualTo("QUEUED");
    assertThat(lines.get(0).getString("trackingId")).hasSize(36);
    assertThat(lines.get(1).getString("status")).isEqualTo("REJECTED");
    assertThat(lines.get(1).getString("reason")).isIn("EMPTY_BODY", "NOT_CMS");
    assertThat(lines.get(1).getString("fix")).isNotBlank();
  }

  @Test
  void an_unreachable_hub_says_to_check_that_it_runs_and_its_ports() throws Exception {
    SealOpenTest.Result r = wildex("fetch", "--as", "customs-vn", "--broker", "tcp://localhost:" + FreePorts.next(), "--wait", "1");
    assertThat(r.exit()).isEqualTo(WildexCommand.EXIT_FAILED);
    assertThat(r.err()).contains("wildex: the hub is not reachable: is `wildex serve` running");
    Path any = Files.writeString(dir.resolve("any.p7m"), "anything");
    SealOpenTest.Result s = wildex("submit", "--as", "eia", "--url", "https://localhost:" + FreePorts.next(), any.toString());
    assertThat(s.exit()).isEqualTo(WildexCommand.EXIT_FAILED);
    assertThat(s.err()).contains("the hub is not reachable");
  }

  @Test
  void a_renewed_certificate_is_used_at_once_and_the_old_one_is_refused_with_what_to_do() throws Exception {
    // a copy of the workdir as cites-kh has it before the renewal: its old key and certificate
    Path old = dir.resolve("cites-kh-before-renewal");
    Files.createDirectories(old.resolve("pki"));
    try (var files = Files.list(dir.resolve("pki"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.copy(f, old.resolve("pki").resolve(f.getFileName()));
      }
    }
    Files.copy(dir.resolve("directory.yaml"), old.resolve("directory.yaml"));
    assertThat(wildex("pki", "renew", "--keep-old", "cites-kh").exit()).isZero();
    Thread.sleep(1_500); // the hub looks at the certificate files once a second

    SealOpenTest.Result renewed = wildex("fetch", "--as", "cites-kh", "--broker", broker, "--wait", "1");
    assertThat(renewed.exit()).as("the renewed certificate connects without a restart: " + renewed.err()).isZero();

    // the old certificate (not revoked: --keep-old) is no longer the one the directory lists
    SealOpenTest.Result r = wildexIn(old, "fetch", "--as", "cites-kh", "--broker", broker, "--wait", "1");
    assertThat(r.exit()).isEqualTo(WildexCommand.EXIT_FAILED);
    assertThat(r.err()).contains("AMQ229031")
        .contains("wildex: the broker does not accept this certificate: it must be the one directory.yaml lists");
    Path any = Files.writeString(dir.resolve("from-cites-kh.p7m"), "anything");
    SealOpenTest.Result s = wildexIn(old, "submit", "--as", "cites-kh", "--url", url, any.toString());
    assertThat(s.exit()).isEqualTo(WildexCommand.EXIT_REJECTED);
    assertThat(s.out()).contains("\tREJECTED\tCLIENT_NOT_REGISTERED\t");
    assertThat(s.err()).contains("CLIENT_NOT_REGISTERED: your certificate is not the one directory.yaml lists for you");
  }

  @Test
  void an_auditor_searches_the_trail_and_reads_an_ngos_oversight_and_nobody_else_may() throws Exception {
    Path sealed = sealedIvory("audited");
    assertThat(wildex("submit", "--as", "eia", "--url", url, sealed.toString()).exit()).isZero();
    // the writer stores the trail within a moment of the receipt; the search sees it then
    JsonObject found = null;
    for (int i = 0; i < 100 && (found == null || found.getInt("count") == 0); i++) {
      Thread.sleep(200);
      SealOpenTest.Result r = wildex("audit", "search", "--as", "auditor", "--url", url, "--participant", "eia", "--role",
          "originator", "--type", "ACCEPTED", "--json");
      assertThat(r.exit()).as(r.err()).isZero();
      found = json(r.out().strip());
    }
    assertThat(found.getInt("count")).isPositive();
    assertThat(found.getString("query")).isEqualTo("participant=eia&role=ORIGINATOR&type=ACCEPTED&order=desc&limit=100");

    SealOpenTest.Result table = wildex("audit", "search", "--as", "auditor", "--url", url, "--type", "ROUTED", "--limit", "1");
    assertThat(table.exit()).as(table.err()).isZero();
    assertThat(table.out()).contains("SEQ").contains("ROUTED").contains("1 entries (type=ROUTED&order=desc&limit=1); next page: --cursor ");
    SealOpenTest.Result all = wildex("audit", "search", "--as", "auditor", "--url", url, "--type", "ROUTED", "--limit", "1", "--all", "--json");
    assertThat(json(all.out().strip()).getInt("count")).isGreaterThan(1);

    SealOpenTest.Result view = wildex("audit", "oversight", "--as", "auditor", "--url", url, "--participant", "eia");
    assertThat(view.exit()).as(view.err()).isZero();
    assertThat(view.out()).contains("oversight of eia, since the trail began until now").containsPattern("submission\\(s\\), [1-9]\\d* accepted");

    SealOpenTest.Result ngo = wildex("audit", "search", "--as", "eia", "--url", url, "--type", "ROUTED");
    assertThat(ngo.exit()).isEqualTo(WildexCommand.EXIT_REJECTED);
    assertThat(ngo.err()).contains("403 CLIENT_NOT_AUDITOR").contains("use the auditor's");
    SealOpenTest.Result bad = wildex("audit", "search", "--as", "auditor", "--url", url, "--level", "PURPLE");
    assertThat(bad.exit()).isEqualTo(WildexCommand.EXIT_REJECTED);
    assertThat(bad.err()).contains("400 QUERY_INVALID: level 'PURPLE' is not a TLP label");

    // policy replay: every delivery is what the policy version it names produces
    SealOpenTest.Result replay = wildex("audit", "replay", "--as", "auditor", "--url", url);
    assertThat(replay.exit()).as(replay.out() + replay.err()).isZero();
    assertThat(replay.out()).containsPattern("[1-9]\\d* deliveries re-decided, 0 flagged, 0 not replayable")
        .contains("archived text verified").contains("OK: every delivery is one its policy version produces");

    // an inquiry's bundle of eia's deliveries verifies offline once the hub has signed a checkpoint over them
    Path inquiry = dir.resolve("inquiry.zip");
    SealOpenTest.Result verified = null;
    // each export is itself an entry (AUDIT_QUERIED): wait for the quiet that lets the hub sign (2 s after the last)
    for (int i = 0; i < 10 && (verified == null || verified.exit() != 0); i++) {
      Thread.sleep(3000);
      SealOpenTest.Result written = wildex("audit", "search", "--as", "auditor", "--url", url, "--participant", "eia",
          "--type", "ROUTED", "--bundle", inquiry.toString());
      assertThat(written.exit()).as(written.err()).isZero();
      assertThat(written.out()).contains("check it with: wildex audit verify-bundle");
      verified = SealOpenTest.wildex("audit", "verify-bundle", inquiry.toString(), "--json");
    }
    JsonObject bundle = json(verified.out().strip());
    assertThat(bundle.getBoolean("ok")).as(verified.out()).isTrue();
    assertThat(bundle.getString("id")).isEqualTo("search:participant=eia&type=ROUTED");
    SealOpenTest.Result none = wildex("audit", "search", "--as", "auditor", "--url", url, "--participant", "nobody",
        "--bundle", dir.resolve("none.zip").toString());
    assertThat(none.exit()).isEqualTo(WildexCommand.EXIT_REJECTED);
    assertThat(none.err()).contains("404 NO_MATCH");
  }

  static SealOpenTest.Result wildexIn(Path workdir, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--workdir");
    all.add(workdir.toString());
    return SealOpenTest.wildex(all.toArray(String[]::new));
  }
}
