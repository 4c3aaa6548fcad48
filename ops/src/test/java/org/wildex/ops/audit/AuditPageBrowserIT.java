package org.wildex.ops.audit;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildex.contracts.receipt.Receipt;
import org.wildex.ops.Workdir;
import org.wildex.ops.demo.DemoRun;
import org.wildex.routes.Hub;
import org.wildex.routes.HubSettings;
import org.wildex.routes.support.FreePorts;

/**
 * The auditor's web page in a real headless browser: Debian's {@code chromium}, driven by playwright-core from npm
 * ({@code src/test/browser/audit-page.mjs}), with the auditor's client certificate over mutual TLS. Runs the demo, starts
 * a hub on its workdir and clicks through the ivory shipment's timeline: every event opens with its hashes, each
 * recipient shows the level the receipt says it got, the chain verifies, the evidence bundle downloads, no package
 * content is on the page, and an NGO certificate gets 403. Then searches the trail from the page's form (one
 * recipient's deliveries, levels with a {@code +}, two pages, a refused query, a result that opens its package) and
 * shows the oversight view of the NGO, a recipient and the auditor itself, whose queries the trail counts.
 *
 * <p>Also checks that the demo prints where its metrics are and what {@code /metrics} showed while it ran.
 *
 * <p>Needs {@code node}, {@code chromium} and {@code npm ci} in {@code ops/src/test/browser} ({@code .ci/run} installs
 * them). Without them the test is skipped, unless {@code -Dwildex.browser.required=true} or the environment has
 * {@code WILDEX_BROWSER_REQUIRED=true} (as {@code .ci/run} sets): then it fails.
 */
class AuditPageBrowserIT {

  static final Path BROWSER_DIR = Path.of("src", "test", "browser");
  static final String SAMPLE = "ivory-shipment";

  @TempDir static Path dir;
  @TempDir static Path out;
  static String demoOutput;
  static DemoRun.Outcome ivory;
  /** The demo updates the ivory shipment: version 2's id, and the agency version 1 was withdrawn from. */
  static String supersededBy;
  static String withdrawnFrom;
  static Hub hub;

  @BeforeAll
  static void demoThenHub() throws Exception {
    requireBrowser();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    DemoRun demo =
        new DemoRun(new Workdir(dir), FreePorts.next(), FreePorts.next(), new PrintStream(printed, true, StandardCharsets.UTF_8));
    List<DemoRun.Outcome> outcomes = demo.run();
    supersededBy = demo.update().receipt().packageId().toString();
    withdrawnFrom = demo.update().receipt().superseded().get(0).recipient();
    demoOutput = printed.toString(StandardCharsets.UTF_8);
    ivory = outcomes.stream().filter(o -> o.sample().equals(SAMPLE)).findFirst().orElseThrow();
    assertThat(ivory.receipt().status()).isEqualTo(Receipt.ACCEPTED);
    // the demo's hub stopped cleanly, so its last checkpoint covers every entry; a new hub serves the page over them
    hub = Hub.start(HubSettings.defaults(dir).withPorts(FreePorts.next(), FreePorts.next()));
  }

  @AfterAll
  static void stopHub() throws Exception {
    if (hub != null) {
      hub.close();
    }
  }

  @Test
  void an_auditor_clicks_through_a_demo_package_timeline_in_chromium() throws Exception {
    Map<String, String> expected = new LinkedHashMap<>();
    ivory.receipt().deliveries().forEach(d -> expected.put(d.recipient(), d.level().label()));
    assertThat(expected).hasSizeGreaterThan(3);
    List<String> content = contentValues(Files.readString(dir.resolve("packages/" + SAMPLE + ".json")));
    assertThat(content).as("content values of the sample to look for on the page").hasSizeGreaterThan(3);

    ProcessBuilder node = new ProcessBuilder("node", "audit-page.mjs")
        .directory(BROWSER_DIR.toFile())
        .redirectErrorStream(true);
    Map<String, String> env = node.environment();
    env.put("WILDEX_URL", hub.httpsUrl());
    env.put("WILDEX_PACKAGE", ivory.packageId());
    env.put("WILDEX_PKI", dir.resolve("pki").toAbsolutePath().toString());
    env.put("WILDEX_NGO", ivory.sender());
    env.put("WILDEX_EXPECT", json(expected));
    env.put("WILDEX_SUPERSEDED_BY", supersededBy);
    env.put("WILDEX_WITHDRAWN_FROM", withdrawnFrom);
    env.put("WILDEX_RELEASED_TO", "ncb-vn");
    env.put("WILDEX_FORBIDDEN", content.stream().map(AuditPageBrowserIT::quote).collect(Collectors.joining(",", "[", "]")));
    env.put("WILDEX_OUT", out.toAbsolutePath().toString());
    env.put("CHROMIUM", chromium().toString());
    Process p = node.start();
    String output;
    try (InputStream in = p.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    boolean exited = p.waitFor(5, TimeUnit.MINUTES);
    if (!exited) {
      p.destroyForcibly();
    }
    System.out.println("audit-page.mjs:\n" + output);
    assertThat(exited).as("the browser script finished").isTrue();
    assertThat(output).contains("ok   the page refuses the NGO certificate")
        .contains("every one of the").contains("the chain verifies: Verified")
        .contains("the evidence bundle downloads as a zip")
        .contains("ok   the summary names the version that superseded it")
        .contains("ok   ncb-vn shows its release, taken")
        .contains("ok   among them this package, at ").contains("ok   the next page follows, newest first")
        .contains("ok   an unknown event type is refused").contains("ok   a package in the results opens its trail")
        .contains("ok   the auditor's own queries are in the trail")
        .contains("ok   no content value appears in search results or oversight");
    expected.forEach((recipient, level) -> assertThat(output).contains("ok   " + recipient + " received " + level));
    assertThat(p.exitValue()).as("exit code of audit-page.mjs").isZero();
    assertThat(output).contains("PASS (screenshot");
    assertThat(out.resolve("audit-page.png")).isNotEmptyFile();
  }

  @Test
  void the_demo_prints_where_its_metrics_are_and_what_they_showed() {
    assertThat(demoOutput).containsPattern("hub started: .*metrics http://localhost:\\d+/metrics");
    assertThat(demoOutput).containsPattern("metrics: http://localhost:\\d+/metrics .*HTTP 200");
    // five samples, the ivory shipment's version 2, and the second informant tip, which the demo then recalls
    assertThat(demoOutput).contains("wildex_packages_received_total 7.0").contains("wildex_packages_accepted_total 6.0")
        .contains("wildex_updates_total 1.0")
        .contains("wildex_recalls_total{reason=\"RECALL_SOURCE_AT_RISK\"} 1.0")
        .contains("wildex_packages_rejected_total{reason=\"CONTRACT_INVALID\"} 1.0")
        .containsPattern("wildex_deliveries_routed_total\\{level=\"AMBER\\+STRICT\",recipient_kind=\"NCB\"} \\d")
        .containsPattern("a timer for each of \\d+ stages")
        .containsPattern("artemis_message_count\\{queue=...}: depth of \\d+ broker queues");
  }

  /** String values of the package's subjects, sources and summary: what the page must never show. */
  static List<String> contentValues(String packageJson) {
    List<String> values = new ArrayList<>();
    try (JsonReader reader = Json.createReader(new StringReader(packageJson))) {
      var pkg = reader.readObject();
      for (String key : List.of("subjects", "sources", "summary", "title")) {
        if (pkg.containsKey(key)) {
          collect(pkg.get(key), values);
        }
      }
    }
    // short values (codes such as "CN" or "PERSON") also name things the trail does hold legitimately
    return values.stream().filter(v -> v.length() >= 8).distinct().toList();
  }

  private static void collect(JsonValue v, List<String> out) {
    switch (v.getValueType()) {
      case STRING -> out.add(((JsonString) v).getString());
      case OBJECT -> v.asJsonObject().values().forEach(x -> collect(x, out));
      case ARRAY -> v.asJsonArray().forEach(x -> collect(x, out));
      default -> {
      }
    }
  }

  private static void requireBrowser() throws IOException, InterruptedException {
    List<String> missing = new ArrayList<>();
    if (!Files.isExecutable(chromium())) {
      missing.add("chromium at " + chromium() + " (apt-get install -y chromium, or set CHROMIUM)");
    }
    if (!commandWorks("node", "--version")) {
      missing.add("node (apt-get install -y nodejs npm)");
    }
    if (!Files.isDirectory(BROWSER_DIR.resolve("node_modules/playwright-core"))) {
      missing.add("playwright-core (npm ci in ops/src/test/browser)");
    }
    if (missing.isEmpty()) {
      return;
    }
    String message = "the auditor page's browser test needs " + String.join(", ", missing);
    if (Boolean.getBoolean("wildex.browser.required") || "true".equals(System.getenv("WILDEX_BROWSER_REQUIRED"))) {
      throw new AssertionError(message);
    }
    Assumptions.abort(message + "; skipped (-Dwildex.browser.required=true makes this a failure)");
  }

  static Path chromium() {
    String configured = System.getenv("CHROMIUM");
    return Path.of(configured != null && !configured.isBlank() ? configured : "/usr/bin/chromium");
  }

  private static boolean commandWorks(String... command) throws InterruptedException {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  private static String json(Map<String, String> map) {
    return map.entrySet().stream().map(e -> quote(e.getKey()) + ":" + quote(e.getValue()))
        .collect(Collectors.joining(",", "{", "}"));
  }

  private static String quote(String s) {
    return Json.createValue(s).toString();
  }
}
