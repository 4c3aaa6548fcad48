package org.wildex.ops.audit;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildex.contracts.audit.AuditEventType;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.contracts.receipt.Receipt;
import org.wildex.ops.Workdir;
import org.wildex.ops.cli.WildexCommand;
import org.wildex.ops.demo.DemoRun;
import org.wildex.ops.demo.DemoUpdate;
import org.wildex.routes.Hub;
import org.wildex.routes.HubSettings;
import org.wildex.routes.audit.AuditEntry;
import org.wildex.routes.audit.AuditSettings;
import org.wildex.routes.audit.AuditStore;
import org.wildex.routes.support.FreePorts;

/**
 * The "done when", on the demo's own store: every demo package has its full life in the trail; {@code wildex
 * audit trail/verify/export/verify-bundle} work as documented; an edited row fails verify at exactly its seq; no value
 * of the packages' subjects, sources or summary is in the audit tables or the bundle; receipts, from the broker and over
 * HTTPS, open and verify with {@code openssl cms} against the demo CA.
 */
class AuditDemoIT {

  @TempDir static Path dir;
  static List<DemoRun.Outcome> outcomes;
  static DemoUpdate.Result update;
  static String demoOutput;

  @BeforeAll
  static void runDemo() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    DemoRun demo = new DemoRun(new Workdir(dir), FreePorts.next(), FreePorts.next(), new PrintStream(printed, true, StandardCharsets.UTF_8));
    outcomes = demo.run();
    update = demo.update();
    demoOutput = printed.toString(StandardCharsets.UTF_8);
  }

  static String trailId(DemoRun.Outcome o) {
    return Receipt.ACCEPTED.equals(o.receipt().status()) ? o.packageId() : o.receipt().trackingId().toString();
  }

  static AuditStore store() {
    return AuditStore.open(AuditSettings.defaults(dir.resolve("data")), 1, "audit-demo-it");
  }

  @Test
  void version_two_of_the_ivory_has_its_own_trail_with_the_release_ncb_vn_asked_for() throws Exception {
    String v2 = update.receipt().packageId().toString();
    try (AuditStore store = store()) {
      List<AuditEntry> trail = store.trail(v2);
      Map<AuditEventType, Long> counts = new HashMap<>();
      trail.forEach(e -> counts.merge(e.event().type(), 1L, Long::sum));
      long n = update.receipt().deliveries().size();
      // its own deliveries and the released one, each taken
      assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of(
          AuditEventType.RECEIVED, 1L, AuditEventType.ACCEPTED, 1L, AuditEventType.ROUTED, n,
          AuditEventType.RECEIPT_SENT, 1L, AuditEventType.DELIVERED, n + 1,
          AuditEventType.RELEASE_REQUESTED, 1L, AuditEventType.RELEASED, 1L));
      assertThat(trail).allSatisfy(e -> assertThat(e.event().packageId()).isIn(v2, null));
      assertThat(trail).filteredOn(e -> e.event().type() == AuditEventType.ACCEPTED).extracting(e -> e.event().rule())
          .containsExactly("version:2 supersedes:" + update.receipt().supersedes());
      assertThat(trail).filteredOn(e -> e.event().type() == AuditEventType.RELEASED).extracting(e -> e.event().recipient())
          .containsExactly("ncb-vn");
    }
  }

  @Test
  void every_demo_package_has_its_whole_life_in_the_trail_and_the_demo_says_verify_passed() throws Exception {
    assertThat(demoOutput).contains("$ wildex audit trail").contains("audit trail OK");
    try (AuditStore store = store()) {
      for (DemoRun.Outcome o : outcomes) {
        List<AuditEntry> trail = store.trail(trailId(o));
        Map<AuditEventType, Long> counts = new HashMap<>();
        trail.forEach(e -> counts.merge(e.event().type(), 1L, Long::sum));
        if (Receipt.ACCEPTED.equals(o.receipt().status())) {
          long n = o.deliveries().size();
          Map<AuditEventType, Long> expected = new HashMap<>(Map.of(
              AuditEventType.RECEIVED, 1L, AuditEventType.ACCEPTED, 1L, AuditEventType.ROUTED, n,
              AuditEventType.RECEIPT_SENT, 1L, AuditEventType.DELIVERED, n));
          if (o.sample().equals("ivory-shipment")) {
            // version 2 superseded it: filed here, SUPERSEDED, the BLO's delivery recalled and its notice taken
            expected.putAll(Map.of(AuditEventType.SUPERSEDED, 1L, AuditEventType.RECALLED, 1L, AuditEventType.DELIVERED, n + 1));
          }
          assertThat(counts).as(o.sample()).containsExactlyInAnyOrderEntriesOf(expected);
          assertThat(trail.stream().filter(e -> e.event().type() == AuditEventType.DELIVERED)
                  .filter(e -> !"recall-notice".equals(e.event().rule())).map(e -> e.event().recipient()))
              .as(o.sample()).containsExactlyInAnyOrderElementsOf(o.deliveries().keySet());
          assertThat(trail.stream().filter(e -> e.event().type() == AuditEventType.ROUTED))
              .allSatisfy(e -> assertThat(e.event().level()).isEqualTo(o.deliveries().get(e.event().recipient()).level().label()));
        } else {
          assertThat(trail).extracting(e -> e.event().type()).as(o.sample()).containsExactly(AuditEventType.RECEIVED,
              AuditEventType.REJECTED, AuditEventType.QUARANTINED, AuditEventType.RECEIPT_SENT);
          assertThat(trail.get(1).event().reason()).isEqualTo(o.receipt().reason());
        }
      }
    }
  }

  @Test
  void the_audit_commands_print_trail_verify_export_and_check_a_bundle() throws Exception {
    String ivory = outcomes.get(0).packageId();
    Cli trail = cli("audit", "trail", "--workdir", dir.toString(), ivory);
    assertThat(trail.exit).as(trail.out).isZero();
    assertThat(trail.out).contains("RECEIVED").contains("ACCEPTED").contains("ROUTED").contains("DELIVERED").contains("RECEIPT_SENT");
    Cli json = cli("audit", "trail", "--workdir", dir.toString(), "--json", ivory);
    assertThat(json.exit).isZero();
    assertThat(json.out).contains("\"entries\"").contains("\"entryHash\"");
    assertThat(cli("audit", "trail", "--workdir", dir.toString(), "00000000-0000-0000-0000-000000000000").exit).isEqualTo(1);

    Cli verify = cli("audit", "verify", "--workdir", dir.toString());
    assertThat(verify.exit).as(verify.out).isZero();
    assertThat(verify.out).contains("audit trail OK");

    Path bundle = dir.resolve("ivory-bundle.zip");
    Cli export = cli("audit", "export", ivory, "--workdir", dir.toString(), "--out", bundle.toString());
    assertThat(export.exit).as(export.out).isZero();
    Cli check = cli("audit", "verify-bundle", bundle.toString());
    assertThat(check.exit).as(check.out).isZero();
    assertThat(check.out).contains("VERIFIED");
    Cli pinned = cli("audit", "verify-bundle", bundle.toString(), "--ca", dir.resolve("pki/ca.crt.pem").toString());
    assertThat(pinned.exit).as(pinned.out).isZero();
  }

  @Test
  void a_row_edited_in_the_database_fails_wildex_audit_verify_at_exactly_that_seq() throws Exception {
    Path copy = dir.resolve("tampered-data");
    Files.createDirectories(copy.resolve("audit"));
    try (Stream<Path> files = Files.list(dir.resolve("data/audit"))) {
      for (Path f : files.filter(f -> f.toString().endsWith(".mv.db")).toList()) {
        Files.copy(f, copy.resolve("audit").resolve(f.getFileName()));
      }
    }
    long seq;
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + copy.resolve("audit/wildex-audit").toAbsolutePath(), "sa", "");
        Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery(
          "SELECT MIN(seq) FROM audit_entry WHERE event_type = 'ROUTED' AND sharing_level = 'AMBER'")) {
        rs.next();
        seq = rs.getLong(1);
      }
      assertThat(st.executeUpdate("UPDATE audit_entry SET sharing_level = 'AMBER+STRICT' WHERE seq = " + seq)).isEqualTo(1);
    }
    Cli verify = cli("audit", "verify", "--workdir", dir.toString(), "--data-dir", copy.toString());
    assertThat(verify.exit).as(verify.out).isEqualTo(1);
    assertThat(verify.out).contains("BROKEN at seq " + seq + ":");
  }

  @Test
  void no_value_of_the_packages_subjects_sources_or_summary_is_in_the_audit_tables_or_the_bundle() throws Exception {
    Set<String> secrets = new TreeSet<>();
    try (Stream<Path> files = Files.list(dir.resolve("packages"))) {
      for (Path f : files.filter(f -> f.toString().endsWith(".json")).toList()) {
        try (JsonReader reader = Json.createReader(Files.newBufferedReader(f))) {
          JsonObject pkg = reader.readObject();
          for (String field : List.of("subjects", "sources", "summary")) {
            if (pkg.containsKey(field)) {
              leaves(pkg.get(field), secrets);
            }
          }
        }
      }
    }
    // one- and two-letter values (country codes, grades) are too short to mean anything in a search
    secrets.removeIf(s -> s.length() < 3);
    assertThat(secrets).contains("SRC-LOTUS", "Somchai K.").hasSizeGreaterThan(15);

    String tables = dumpTables();
    Path bundle = dir.resolve("grep-bundle.zip");
    assertThat(cli("audit", "export", outcomes.get(3).packageId(), "--workdir", dir.toString(), "--out", bundle.toString()).exit).isZero();
    Map<String, byte[]> zip = unzip(bundle);
    String bundleText = new String(zip.get("bundle.json"), StandardCharsets.UTF_8) + new String(zip.get("README.txt"), StandardCharsets.UTF_8);
    List<String> binary = new ArrayList<>();
    binary.add(new String(Files.readAllBytes(dir.resolve("data/audit/wildex-audit.mv.db")), StandardCharsets.ISO_8859_1));
    zip.forEach((name, bytes) -> binary.add(new String(bytes, StandardCharsets.ISO_8859_1)));
    for (String secret : secrets) {
      assertThat(tables).as("audit tables").doesNotContain(secret);
      assertThat(bundleText).as("bundle").doesNotContain(secret);
      // raw files also hold ciphertext (sealed receipts) and signatures: only values long enough not to occur by chance
      if (secret.length() >= 8) {
        for (String raw : binary) {
          assertThat(raw).as("raw store file or bundle entry").doesNotContain(secret);
        }
      }
    }
  }

  @Test
  void receipts_from_the_broker_and_over_https_open_and_verify_with_openssl_against_the_demo_ca() throws Exception {
    DemoRun.Outcome ivory = outcomes.get(0);
    Path fromBroker = dir.resolve("receipts/" + ivory.sender() + "/" + ivory.receipt().trackingId() + ".p7m");
    assertThat(fromBroker).isNotEmptyFile();
    assertThat(opensslOpen(fromBroker, ivory.sender()).packageId().toString()).isEqualTo(ivory.packageId());

    DemoRun.Outcome rejected = outcomes.stream().filter(o -> !Receipt.ACCEPTED.equals(o.receipt().status())).findFirst().orElseThrow();
    HubSettings settings = HubSettings.defaults(dir).withPorts(FreePorts.next(), FreePorts.next());
    try (Hub hub = Hub.start(settings)) {
      for (DemoRun.Outcome o : List.of(ivory, rejected)) {
        Path out = dir.resolve("https-receipt-" + o.sample() + ".p7m");
        run(dir, "curl", "-sS", "--fail-with-body", "--cert", "pki/" + o.sender() + ".crt.pem", "--key", "pki/" + o.sender() + ".key.pem",
            "--cacert", "pki/ca.crt.pem", "-o", out.toString(), hub.httpsUrl() + "/api/v1/packages/" + trailId(o) + "/receipt");
        Receipt receipt = opensslOpen(out, o.sender());
        assertThat(receipt).isEqualTo(o.receipt());
      }
      // another NGO's package is not found for it
      String other = ivory.sender().equals("wcs") ? "traffic" : "wcs";
      String status = run(dir, "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--cert", "pki/" + other + ".crt.pem",
          "--key", "pki/" + other + ".key.pem", "--cacert", "pki/ca.crt.pem", hub.httpsUrl() + "/api/v1/packages/" + ivory.packageId() + "/receipt");
      assertThat(status.trim()).isEqualTo("404");
    }
  }

  /** openssl cms -decrypt with the NGO's key, then -verify against the demo CA; the receipt it holds. */
  private static Receipt opensslOpen(Path sealed, String ngo) throws Exception {
    Path signed = Files.createTempFile(dir, "receipt", ".signed.der");
    Path json = Files.createTempFile(dir, "receipt", ".json");
    run(dir, "openssl", "cms", "-decrypt", "-binary", "-inform", "DER", "-in", sealed.toString(),
        "-recip", "pki/" + ngo + ".crt.pem", "-inkey", "pki/" + ngo + ".key.pem", "-out", signed.toString());
    run(dir, "openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", signed.toString(),
        "-CAfile", "pki/ca.crt.pem", "-out", json.toString());
    return PackageCodec.fromJson(Files.readAllBytes(json), Receipt.class);
  }

  private static String dumpTables() throws Exception {
    StringBuilder all = new StringBuilder();
    try (AuditStore store = store(); Connection c = store.dataSource().getConnection(); Statement st = c.createStatement()) {
      for (String table : List.of("audit_entry", "audit_checkpoint", "audit_head", "audit_receipt")) {
        try (ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
          ResultSetMetaData md = rs.getMetaData();
          while (rs.next()) {
            for (int i = 1; i <= md.getColumnCount(); i++) {
              // cms columns hold base64 ciphertext (sealed receipts) and signatures: searched in the raw file instead
              if (!md.getColumnName(i).equalsIgnoreCase("cms")) {
                all.append(rs.getString(i)).append('\n');
              }
            }
          }
        }
      }
    }
    assertThat(all.length()).isGreaterThan(1000);
    return all.toString();
  }

  private static void leaves(JsonValue v, Set<String> out) {
    switch (v.getValueType()) {
      case STRING -> out.add(((JsonString) v).getString());
      case NUMBER -> out.add(v.toString());
      case ARRAY -> ((JsonArray) v).forEach(x -> leaves(x, out));
      case OBJECT -> ((JsonObject) v).values().forEach(x -> leaves(x, out));
      default -> { }
    }
  }

  private static Map<String, byte[]> unzip(Path zip) throws IOException {
    Map<String, byte[]> files = new HashMap<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        files.put(e.getName(), in.readAllBytes());
      }
    }
    return files;
  }

  record Cli(int exit, String out) {}

  /** Runs the wildex command line in this JVM, capturing what it prints. */
  private static synchronized Cli cli(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      int exit = WildexCommand.commandLine().execute(args);
      return new Cli(exit, captured.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(original);
    }
  }

  private static String run(Path cwd, String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = p.waitFor();
    assertThat(exit).as(String.join(" ", command) + " printed:\n" + output).isZero();
    return output;
  }
}
