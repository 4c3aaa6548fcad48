package org.wildex.ops.demo;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.TreeSet;

/** Scrapes the running hub's {@code /metrics} as Prometheus would and prints what an operator looks at first. */
final class DemoMetrics {

  private DemoMetrics() {}

  static void print(String managementUrl, PrintStream out) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> answer = http.send(
        HttpRequest.newBuilder(URI.create(managementUrl + "/metrics")).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    out.println();
    out.println("metrics: " + managementUrl + "/metrics (Prometheus text; health: " + managementUrl + "/health/ready)"
        + ", HTTP " + answer.statusCode() + ", as scraped now:");
    TreeSet<String> stages = new TreeSet<>();
    TreeSet<String> queues = new TreeSet<>();
    int jvm = 0;
    for (String line : answer.body().split("\n")) {
      if (line.startsWith("#")) {
        continue;
      }
      boolean zero = line.endsWith(" 0.0") || line.endsWith(" 0");
      if ((line.startsWith("wildex_packages_") || line.startsWith("wildex_deliveries_") || line.startsWith("wildex_recall")
          || line.startsWith("wildex_updates") || line.startsWith("wildex_release")
          || line.startsWith("wildex_quarantine_messages") || line.startsWith("wildex_dlq_messages")
          || line.startsWith("wildex_audit_backlog_messages") || line.startsWith("wildex_package_latency_seconds_count"))
          && !zero) {
        out.println("  " + line);
      } else if (line.startsWith("camel_route_policy_seconds_count{") && line.contains("routeId=\"wildex.")) {
        stages.add(line.replaceAll(".*routeId=\"([^\"]+)\".*", "$1"));
      } else if (line.startsWith("artemis_message_count{")) {
        queues.add(line.replaceAll(".*queue=\"([^\"]+)\".*", "$1"));
      } else if (line.startsWith("jvm_")) {
        jvm++;
      }
    }
    out.println("  camel_route_policy_seconds_*{routeId=...}: a timer for each of " + stages.size() + " stages (routes)");
    out.println("  artemis_message_count{queue=...}: depth of " + queues.size() + " broker queues");
    out.println("  jvm_*: " + jvm + " series");
  }
}
