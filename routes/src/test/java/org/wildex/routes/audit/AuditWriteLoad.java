package org.wildex.routes.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.wildex.contracts.audit.AuditEvent;
import org.wildex.contracts.audit.AuditEventType;
import org.wildex.crypto.pki.DemoPki;
import org.wildex.crypto.pki.FileKeyHolder;

/**
 * Load driver (not a test): appends events to an audit store in writer-sized batches and prints events/s with the
 * hardware. A package makes about 17 events (RECEIVED, ACCEPTED, 7 ROUTED, RECEIPT_SENT, 7 DELIVERED).
 *
 * <pre>
 * mvn -q -o install -DskipTests -DskipITs && mvn -q -o -pl routes test-compile
 * mvn -q -o -pl routes org.codehaus.mojo:exec-maven-plugin:3.6.3:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.wildex.routes.audit.AuditWriteLoad -Dexec.args="h2 200000 500"
 *     # or -Dexec.args="pg 200000 500": PostgreSQL at 127.0.0.1:5432/test, in a temporary schema
 * </pre>
 */
public final class AuditWriteLoad {

  public static void main(String[] args) throws Exception {
    String kind = args.length > 0 ? args[0] : "h2";
    int total = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
    int batch = args.length > 2 ? Integer.parseInt(args[2]) : 500;
    Path tmp = Files.createTempDirectory("audit-load");
    DemoPki.create(tmp.resolve("pki"), List.of());
    var hub = FileKeyHolder.fromPem(tmp.resolve("pki/hub.crt.pem"), tmp.resolve("pki/hub.key.pem"));
    String schema = null;
    AuditSettings settings = AuditSettings.defaults(tmp.resolve("data"));
    if (kind.equals("pg")) {
      schema = PostgresTestDatabase.createSchema();
      settings = settings.withUrl(PostgresTestDatabase.url(PostgresTestDatabase.HOST, PostgresTestDatabase.PORT, schema),
          PostgresTestDatabase.user(), "");
    }
    try (AuditStore store = AuditStore.open(settings, 2, "audit-load")) {
      store.migrate();
      Checkpointing checkpoints = new Checkpointing(hub, 1000, Duration.ofSeconds(60));
      List<AuditEvent> events = new ArrayList<>(batch);
      long start = System.nanoTime();
      for (int i = 0; i < total; i++) {
        String pkg = UUID.nameUUIDFromBytes(("p" + i / 17).getBytes()).toString();
        events.add(AuditEvent.of(AuditEventType.ROUTED, "wildex.deliver.fanout").trackingId(pkg).packageId(pkg)
            .originator("eia").recipient("ncb-la").deliveryId(UUID.randomUUID().toString()).level("AMBER")
            .policyVersion("policy-1").manifestSha256("ab".repeat(32)).withheldCount(1).build());
        if (events.size() == batch) {
          store.append(events, List.of(), false, checkpoints);
          events.clear();
        }
      }
      store.append(events, List.of(), false, checkpoints);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("%s: %d events in batches of %d: %.1f s, %.0f events/s (%.0f packages/s at 17 events each)%n",
          kind, total, batch, seconds, total / seconds, total / seconds / 17);
      System.out.printf("hardware: %d cores, %s %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
          System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"));
    } finally {
      if (schema != null) {
        PostgresTestDatabase.dropSchema(schema);
      }
    }
  }
}
