package org.wildex.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildex.contracts.audit.AuditEvent;
import org.wildex.contracts.audit.AuditEventType;
import org.wildex.crypto.pki.DemoPki;
import org.wildex.crypto.pki.FileKeyHolder;
import org.wildex.routes.audit.AuditSettings;
import org.wildex.routes.audit.AuditStore;
import org.wildex.routes.audit.Checkpointing;

/**
 * {@code wildex audit verify --json} and {@code wildex audit verify-bundle --json}: one JSON object on stdout that says
 * the same as the text, exit 0 when it verifies and 1 when it does not (an entry edited in the database).
 */
class AuditJsonTest {

  @TempDir Path dir;
  String packageId = UUID.randomUUID().toString();

  @BeforeEach
  void storeWithOnePackage() throws Exception {
    DemoPki.create(dir.resolve("pki"), List.of());
    try (AuditStore store = AuditStore.open(AuditSettings.defaults(dir.resolve("data")), 4, "audit-json-test")) {
      store.migrate();
      Checkpointing checkpointing = new Checkpointing(
          FileKeyHolder.fromPkcs12(dir.resolve("pki/hub.p12"), DemoPki.PASSWORD.toCharArray()), 1000, Duration.ofSeconds(60));
      List<AuditEvent> events = List.of(
          AuditEvent.of(AuditEventType.RECEIVED, "wildex.intake.http").packageId(packageId).originator("eia").build(),
          AuditEvent.of(AuditEventType.ACCEPTED, "wildex.process.recipients").packageId(packageId).originator("eia").build(),
          AuditEvent.of(AuditEventType.ROUTED, "wildex.deliver.fanout").packageId(packageId).recipient("ncb-la")
              .level("AMBER+STRICT").build());
      store.append(events, List.of(), false, checkpointing);
      store.checkpointIfDue(checkpointing, true);
    }
  }

  @Test
  void verify_json_says_ok_and_exits_0_then_names_the_broken_seq_and_exits_1() throws Exception {
    Cli ok = cli("audit", "verify", "--workdir", dir.toString(), "--json");
    assertThat(ok.exit).as(ok.out).isZero();
    JsonObject answer = json(ok.out);
    assertThat(answer.getBoolean("ok")).isTrue();
    assertThat(answer.getInt("entries")).isEqualTo(3);
    assertThat(answer.getInt("checkpoints")).isEqualTo(1);

    try (Connection c = DriverManager.getConnection(
            "jdbc:h2:file:" + dir.resolve("data/audit/wildex-audit").toAbsolutePath(), "sa", "");
        Statement st = c.createStatement()) {
      assertThat(st.executeUpdate("UPDATE audit_entry SET sharing_level = 'GREEN' WHERE event_type = 'ROUTED'")).isEqualTo(1);
    }
    Cli broken = cli("audit", "verify", "--workdir", dir.toString(), "--json");
    assertThat(broken.exit).as(broken.out).isEqualTo(1);
    JsonObject b = json(broken.out);
    assertThat(b.getBoolean("ok")).isFalse();
    assertThat(b.getJsonNumber("firstBrokenSeq").longValue()).isEqualTo(3);
    assertThat(b.getString("problem")).contains("altered");
  }

  @Test
  void verify_bundle_json_says_ok_with_the_ca_fingerprint() throws Exception {
    Path bundle = dir.resolve("bundle.zip");
    Cli export = cli("audit", "export", packageId, "--workdir", dir.toString(), "--out", bundle.toString());
    assertThat(export.exit).as(export.out).isZero();
    Cli verify = cli("audit", "verify-bundle", bundle.toString(), "--json", "--ca", dir.resolve("pki/ca.crt.pem").toString());
    assertThat(verify.exit).as(verify.out).isZero();
    JsonObject answer = json(verify.out);
    assertThat(answer.getBoolean("ok")).isTrue();
    assertThat(answer.getString("id")).isEqualTo(packageId);
    assertThat(answer.getInt("entries")).isEqualTo(3);
    assertThat(answer.getJsonArray("problems")).isEmpty();
    assertThat(answer.getString("caSha256")).matches("[0-9a-f]{64}");
    assertThat(answer.getBoolean("caPinned")).isTrue();
  }

  record Cli(int exit, String out) {}

  static Cli cli(String... args) {
    PrintStream out = System.out;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      int exit = WildexCommand.commandLine().execute(args);
      return new Cli(exit, o.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
    }
  }

  static JsonObject json(String text) {
    try (JsonReader reader = Json.createReader(new StringReader(text.strip()))) {
      return reader.readObject();
    }
  }
}
