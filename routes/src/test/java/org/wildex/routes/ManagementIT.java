package org.wildex.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wildex.routes.HubTestClient.member;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.Tlp;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.directory.ParticipantKind;
import org.wildex.contracts.receipt.Receipt;
import org.wildex.crypto.cms.Cms;
import org.wildex.crypto.pki.Pem;

/**
 * The management port of a running hub: {@code /metrics} in Prometheus format with the hub's, Camel's, Artemis's and the
 * JVM's meters after real traffic (no package id or content in it), {@code /health/live} and {@code /health/ready}
 * (which turns DOWN when a stage stops), and every metric the Grafana dashboard under {@code ops/dashboards/} queries.
 */
class ManagementIT {

  /** The dashboard, relative to this module (Failsafe runs in the module's folder). */
  static final Path DASHBOARD = Path.of("..", "ops", "dashboards", "wildex-hub.json");

  @TempDir static Path dir;
  static Hub hub;
  static HubTestClient client;
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static UUID acceptedId;
  static UUID rejectedId;

  @BeforeAll
  static void startHubAndExchange() throws Exception {
    List<Participant> participants =
        List.of(
            member("eia", ParticipantKind.NGO, Tlp.AMBER, "GB"),
            member("ncb-la", ParticipantKind.NCB, Tlp.AMBER_STRICT, "LA"),
            member("customs-la", ParticipantKind.CUSTOMS, Tlp.AMBER, "LA"),
            member("ncb-cn", ParticipantKind.NCB, Tlp.AMBER_STRICT, "CN"),
            member("customs-cn", ParticipantKind.CUSTOMS, Tlp.AMBER, "CN"),
            member("blo-mohan-boten", ParticipantKind.BLO, Tlp.AMBER, "CN", "LA"),
            member("auditor", ParticipantKind.AUDITOR, Tlp.AMBER));
    HubTestClient.createWorkdir(dir, participants);
    hub = HubTestClient.startHub(dir);
    client = new HubTestClient(hub, dir);

    acceptedId = UUID.randomUUID();
    assertThat(client.submit("eia", seal(HubIT.ivoryPackage(acceptedId, "eia"))).statusCode()).isEqualTo(202);
    assertThat(client.receipt("eia").status()).isEqualTo(Receipt.ACCEPTED);
    rejectedId = UUID.randomUUID();
    String broken = HubIT.ivoryPackage(rejectedId, "eia").replace("\"title\": \"Ivory\",", "");
    assertThat(client.submit("eia", seal(broken)).statusCode()).isEqualTo(202);
    assertThat(client.receipt("eia").reason()).isEqualTo(ReasonCode.CONTRACT_INVALID);
    // refused at the HTTPS door, before anything was queued
    assertThat(client.submit("eia", "{\"not\": \"cms\"}".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(400);
    // one recipient takes (and so acknowledges) its delivery
    assertThat(client.take("ncb-la", "wildex.deliver.ncb-la", 10_000)).isNotNull();
  }

  @AfterAll
  static void stopHub() throws Exception {
    if (hub != null) {
      hub.close();
    }
  }

  static byte[] seal(String json) throws Exception {
    return Cms.seal(json.getBytes(StandardCharsets.UTF_8), client.keys("eia"), Pem.readCertificate(dir.resolve("pki/hub.crt.pem")));
  }

  static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(hub.managementUrl() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** One sample's value, e.g. {@code wildex_packages_received_total} or {@code ...{reason="CONTRACT_INVALID"}}. */
  static double sample(String scrape, String name, String labelsContain) {
    for (String line : scrape.split("\n")) {
      if (line.startsWith(name + " ") || line.startsWith(name + "{") && line.contains(labelsContain)) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    throw new AssertionError("no sample " + name + " " + labelsContain + " in the scrape");
  }

  @Test
  void metrics_count_the_exchange_by_outcome_reason_recipient_kind_and_level() throws Exception {
    HttpResponse<String> answer = get("/metrics");
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    String m = answer.body();
    Files.writeString(Path.of("target", "management-it-scrape.txt"), m); // for whoever reads a failure

    assertThat(sample(m, "wildex_packages_received_total", "")).isEqualTo(3.0);
    assertThat(sample(m, "wildex_packages_accepted_total", "")).isEqualTo(1.0);
    assertThat(sample(m, "wildex_packages_rejected_total", "reason=\"CONTRACT_INVALID\"")).isEqualTo(1.0);
    assertThat(sample(m, "wildex_packages_rejected_total", "reason=\"NOT_CMS\"")).isEqualTo(1.0);
    assertThat(sample(m, "wildex_packages_rejected_total", "reason=\"SIGNATURE_INVALID\"")).isZero();
    // the ivory package reaches both NCBs at AMBER+STRICT and both customs and the BLO at lower levels
    assertThat(sample(m, "wildex_deliveries_routed_total", "recipient_kind=\"NCB\"")).isEqualTo(2.0);
    assertThat(sample(m, "wildex_deliveries_routed_total", "recipient_kind=\"CUSTOMS\"")).isEqualTo(2.0);
    assertThat(m).containsPattern("wildex_deliveries_routed_total\\{level=\"[A-Z+]+\",recipient_kind=\"BLO\"}");
    assertThat(sample(m, "wildex_package_latency_seconds_count", "outcome=\"accepted\"")).isEqualTo(1.0);
    assertThat(sample(m, "wildex_package_latency_seconds_count", "outcome=\"rejected\"")).isEqualTo(2.0);
    assertThat(sample(m, "wildex_quarantine_messages", "")).isEqualTo(2.0);
    assertThat(sample(m, "wildex_dlq_messages", "")).isZero();
    assertThat(m).contains("wildex_audit_backlog_messages").contains("wildex_audit_lag_seconds")
        .contains("wildex_audit_store_up 1.0");

    // Camel: a timer per stage (route); Artemis: depth per queue; the JVM
    assertThat(m).containsPattern("camel_route_policy_seconds_count\\{[^}]*routeId=\"wildex.process.open\"");
    assertThat(m).containsPattern("camel_route_policy_seconds_count\\{[^}]*routeId=\"wildex.process.redact\"");
    assertThat(sample(m, "artemis_message_count", "queue=\"wildex.quarantine\"")).isEqualTo(2.0);
    assertThat(sample(m, "artemis_message_count", "queue=\"wildex.deliver.ncb-la\"")).isZero();
    assertThat(sample(m, "artemis_message_count", "queue=\"wildex.deliver.ncb-cn\"")).isEqualTo(1.0);
    assertThat(m).contains("jvm_memory_used_bytes").contains("jvm_threads_live_threads");
  }

  @Test
  void metrics_never_name_a_package_nor_carry_content() throws Exception {
    String m = get("/metrics").body();
    assertThat(m).doesNotContain(acceptedId.toString()).doesNotContain(rejectedId.toString())
        .doesNotContain("E00000001").doesNotContain("Subject One").doesNotContain("Vientiane");
    assertThat(m).doesNotContainPattern("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  }

  @Test
  void acknowledged_deliveries_are_counted_by_recipient_kind() throws Exception {
    // the broker plugin counts the acknowledgement; the take in @BeforeAll committed before it returned
    assertThat(sample(get("/metrics").body(), "wildex_deliveries_acknowledged_total", "recipient_kind=\"NCB\"")).isEqualTo(1.0);
  }

  @Test
  void live_answers_up_and_ready_lists_every_check_up() throws Exception {
    HttpResponse<String> live = get("/health/live");
    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(live.body()).contains("\"status\":\"UP\"");

    HttpResponse<String> ready = get("/health/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    JsonObject json = json(ready.body()).asJsonObject();
    assertThat(json.getString("status")).isEqualTo("UP");
    assertThat(json.getJsonObject("checks").keySet()).containsExactly("broker", "database", "keys", "routes", "https");
    json.getJsonObject("checks").values().forEach(v -> assertThat(v.asJsonObject().getString("status")).isEqualTo("UP"));
  }

  @Test
  void ready_turns_down_while_a_stage_is_stopped_and_up_again_after() throws Exception {
    hub.camel().getRouteController().stopRoute("wildex.process.validate");
    try {
      HttpResponse<String> ready = get("/health/ready");
      assertThat(ready.statusCode()).isEqualTo(503);
      JsonObject json = json(ready.body()).asJsonObject();
      assertThat(json.getString("status")).isEqualTo("DOWN");
      assertThat(json.getJsonObject("checks").getJsonObject("routes").getString("status")).isEqualTo("DOWN");
      assertThat(json.getJsonObject("checks").getJsonObject("broker").getString("status")).isEqualTo("UP");
      assertThat(get("/health/live").statusCode()).isEqualTo(200);
    } finally {
      hub.camel().getRouteController().startRoute("wildex.process.validate");
    }
    assertThat(get("/health/ready").statusCode()).isEqualTo(200);
  }

  @Test
  void the_management_port_serves_nothing_else() throws Exception {
    assertThat(get("/api/v1/audit/packages/" + acceptedId).statusCode()).isEqualTo(404);
    assertThat(get("/").statusCode()).isEqualTo(404);
  }

  @Test
  void every_metric_the_dashboard_queries_is_exported() throws Exception {
    Set<String> queried = dashboardMetricNames(Files.readString(DASHBOARD));
    assertThat(queried).as("metric names found in the dashboard's queries")
        .contains("wildex_packages_received_total", "artemis_message_count", "camel_route_policy_seconds_count",
            "jvm_memory_used_bytes");
    Set<String> exported = new TreeSet<>();
    for (String line : get("/metrics").body().split("\n")) {
      if (!line.isEmpty() && !line.startsWith("#")) {
        exported.add(line.split("[{ ]", 2)[0]);
      }
    }
    assertThat(exported).containsAll(queried);
  }

  /** Every Prometheus metric name in the dashboard's target expressions (functions, labels and keywords left out). */
  static Set<String> dashboardMetricNames(String dashboardJson) {
    List<String> exprs = new ArrayList<>();
    collectExprs(json(dashboardJson), exprs);
    assertThat(exprs).as("target expressions in the dashboard").isNotEmpty();
    Set<String> names = new TreeSet<>();
    Pattern identifier = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    Set<String> notMetrics = Set.of("sum", "rate", "irate", "increase", "by", "without", "histogram_quantile", "max",
        "min", "avg", "count", "topk", "bottomk", "le", "on", "ignoring", "group_left", "group_right", "and", "or",
        "unless", "clamp_min", "clamp_max", "delta", "deriv", "time", "vector", "offset", "bool", "abs", "label_replace");
    for (String expr : exprs) {
      // drop label matchers {...}, ranges [...], strings and $variables, then keep identifiers
      String bare = expr.replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ").replaceAll("\"[^\"]*\"", " ")
          .replaceAll("\\$\\w+", " ").replaceAll("(by|without|on|ignoring)\\s*\\([^)]*\\)", " ");
      Matcher m = identifier.matcher(bare);
      while (m.find()) {
        String word = m.group();
        if (!notMetrics.contains(word) && !word.matches("\\d.*")) {
          names.add(word);
        }
      }
    }
    return names;
  }

  private static void collectExprs(JsonValue value, List<String> out) {
    switch (value.getValueType()) {
      case OBJECT -> value.asJsonObject().forEach((k, v) -> {
        if (k.equals("expr") && v instanceof JsonString s) {
          out.add(s.getString());
        } else {
          collectExprs(v, out);
        }
      });
      case ARRAY -> value.asJsonArray().forEach(v -> collectExprs(v, out));
      default -> {
      }
    }
  }

  static JsonStructure json(String text) {
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      return reader.read();
    }
  }
}
