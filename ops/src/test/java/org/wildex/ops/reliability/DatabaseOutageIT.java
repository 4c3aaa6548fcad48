package org.wildex.ops.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildex.routes.audit.AuditSettings;
import org.wildex.routes.audit.PostgresTestDatabase;
import org.wildex.routes.audit.SwitchableProxy;

/**
 * {@code wildex serve} on PostgreSQL reached through a TCP proxy that the test switches off mid-flow and on again once a
 * quarter of the load went by without it: intake and deliveries go on while the database is away (the idempotency check
 * is skipped, the broker's duplicate ids still guard deliveries), the audit backlog waits on {@code wildex.audit} and
 * drains when the database is back, and the chain verifies. Requires PostgreSQL on 127.0.0.1:5432 like the other
 * PostgreSQL tests (skipped when absent, failed when {@code -Dwildex.pg.required=true}, as {@code .ci/run} sets).
 */
class DatabaseOutageIT {

  static final Duration OUTAGE = Duration.ofSeconds(15);

  @TempDir Path dir;
  private String schema;
  private SwitchableProxy proxy;

  @BeforeEach
  void database() throws Exception {
    schema = PostgresTestDatabase.createSchema();
    proxy = new SwitchableProxy(PostgresTestDatabase.HOST, PostgresTestDatabase.PORT);
  }

  @AfterEach
  void dropDatabase() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    if (schema != null) {
      PostgresTestDatabase.dropSchema(schema);
    }
  }

  @Test
  void database_unreachable_for_a_while_loses_nothing_and_the_audit_backlog_drains() throws Exception {
    String user = PostgresTestDatabase.user();
    String viaProxy = PostgresTestDatabase.url("127.0.0.1", proxy.port(), schema);
    AuditSettings direct = AuditSettings.defaults(dir.resolve("data"))
        .withUrl(PostgresTestDatabase.url(PostgresTestDatabase.HOST, PostgresTestDatabase.PORT, schema), user, "");
    try (ReliabilityRun run =
        new ReliabilityRun(dir, List.of("--db-url", viaProxy), Map.of("WILDEX_DB_USER", user), direct)) {
      run.run("database unreachable", new Outage());
      // the outage reached the hub: its writer saw the store go and come back, its idempotency check was skipped
      String log = Files.readString(run.log);
      assertThat(log).contains("event=AUDIT_STORE_UNAVAILABLE", "event=AUDIT_STORE_AVAILABLE",
          "event=IDEMPOTENCY_CHECK_SKIPPED");
    }
  }

  /** Cuts the database off half way; lets it back for the second phase, after at least {@link #OUTAGE}. */
  private final class Outage implements ReliabilityRun.Fault {
    private long offAt;

    @Override
    public void inject(HubProcess hub) throws Exception {
      proxy.off();
      offAt = System.nanoTime();
    }

    @Override
    public HubProcess recover(HubProcess hub, ReliabilityRun run) throws Exception {
      long left = OUTAGE.toNanos() - (System.nanoTime() - offAt);
      if (left > 0) {
        Thread.sleep(left / 1_000_000);
      }
      proxy.on();
      return hub;
    }
  }
}
