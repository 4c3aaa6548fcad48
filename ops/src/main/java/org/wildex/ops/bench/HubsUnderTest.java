package org.wildex.ops.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * What a run measures: the default topology (one {@code wildex serve} with its embedded broker and H2), or N hub nodes
 * ({@code wildex serve --broker-url --db-url}) on one external {@code wildex broker}, each its own JVM, with the audit
 * store and idempotency record in a fresh PostgreSQL schema dropped again at the end. Submissions are spread over the
 * nodes' HTTPS addresses; the agencies consume from the one broker.
 */
final class HubsUnderTest implements AutoCloseable {

  private final List<HubUnderTest> hubs;
  private final HubUnderTest broker;
  private final List<String> intakeUrls;
  private final int brokerPort;
  private final String description;
  private final Database database;

  private HubsUnderTest(List<HubUnderTest> hubs, HubUnderTest broker, List<String> intakeUrls, int brokerPort,
      String description, Database database) {
    this.hubs = hubs;
    this.broker = broker;
    this.intakeUrls = intakeUrls;
    this.brokerPort = brokerPort;
    this.description = description;
    this.database = database;
  }

  /** Starts what {@code o} asks for in {@code root} (the demo workdir). */
  static HubsUnderTest start(Path root, BenchOptions o) throws Exception {
    int brokerPort = Bench.freePort();
    if (o.hubNodes() == 0) {
      int https = Bench.freePort();
      HubUnderTest hub = HubUnderTest.start(root, https, brokerPort, Bench.freePort(), o.consumers(), o.hubHeap(),
          o.hubJvmOptions());
      return new HubsUnderTest(List.of(hub), null, List.of("https://localhost:" + https), brokerPort,
          "1 hub (wildex serve) with its embedded broker, audit store H2", null);
    }
    Database database = Database.create(o.dbUrl());
    List<HubUnderTest> hubs = new ArrayList<>();
    HubUnderTest broker = null;
    try {
      broker = HubUnderTest.launch(root, "broker", List.of("broker", "--workdir", root.toString(),
          "--config", o.brokerConfig().toString(), "--data-dir", root.resolve("broker-data").toString(),
          "-Dwildex.single.port=" + brokerPort), o.hubHeap(), List.of(), Map.of(), "wildex broker running", 0);
      List<String> urls = new ArrayList<>();
      for (int n = 1; n <= o.hubNodes(); n++) {
        int https = Bench.freePort();
        int management = Bench.freePort();
        hubs.add(HubUnderTest.launch(root, "hub" + n, List.of("serve", "--workdir", root.toString(),
            "--data-dir", root.resolve("hub" + n + "-data").toString(), "--https-port", "" + https,
            "--management-port", "" + management, "--consumers", "" + o.consumers(),
            "--broker-url", "tcp://127.0.0.1:" + brokerPort, "--db-url", database.url()),
            o.hubHeap(), o.hubJvmOptions(), database.environment(), "wildex hub running", management));
        urls.add("https://localhost:" + https);
      }
      String description = String.format(Locale.ROOT, "%d hub node%s (wildex serve --broker-url --db-url, logs hub1.log ...)"
          + " on one external broker (wildex broker --config %s, broker.log), audit store PostgreSQL %s",
          o.hubNodes(), o.hubNodes() == 1 ? "" : "s", o.brokerConfig(), database.url());
      return new HubsUnderTest(hubs, broker, urls, brokerPort, description, database);
    } catch (Exception | Error e) {
      new HubsUnderTest(hubs, broker, List.of(), brokerPort, "", database).close();
      throw e;
    }
  }

  /** The HTTPS intake of each hub node. */
  List<String> intakeUrls() {
    return intakeUrls;
  }

  /** Where the agencies consume: the embedded or the external broker. */
  int brokerPort() {
    return brokerPort;
  }

  String describe() {
    return description;
  }

  boolean external() {
    return broker != null;
  }

  boolean isAlive() {
    return hubs.stream().allMatch(HubUnderTest::isAlive) && (broker == null || broker.isAlive());
  }

  /** CPU seconds each hub JVM has used so far. */
  /** The hub JVMs' costs so far, together (not the external broker's). */
  HubCosts hubCosts() {
    return hubs.stream().map(HubUnderTest::costs).reduce(HubCosts::plus).orElseThrow();
  }

  double[] hubCpuSeconds() {
    return hubs.stream().mapToDouble(HubUnderTest::cpuSeconds).toArray();
  }

  /** CPU seconds the external broker's JVM has used so far (0 without one). */
  double brokerCpuSeconds() {
    return broker == null ? 0 : broker.cpuSeconds();
  }

  /** The heap of the hub node that used the most (each hub JVM has the same {@code -Xmx}). */
  HubUnderTest.HeapUse heap() {
    List<HubUnderTest.HeapUse> all = hubs.stream().map(HubUnderTest::heap).toList();
    return new HubUnderTest.HeapUse(all.stream().mapToLong(HubUnderTest.HeapUse::liveMb).max().orElse(-1),
        all.stream().mapToLong(HubUnderTest.HeapUse::afterAnyMb).max().orElse(-1),
        all.stream().mapToLong(HubUnderTest.HeapUse::peakMb).max().orElse(-1));
  }

  /** Stops the hub nodes (SIGTERM, they drain), then the broker, then drops the schema. */
  @Override
  public void close() throws Exception {
    for (HubUnderTest hub : hubs) {
      hub.close();
    }
    if (broker != null) {
      broker.close();
    }
    if (database != null) {
      database.drop();
    }
  }

  /** A fresh schema in the PostgreSQL database at {@code base}, as {@code WILDEX_DB_USER} (default postgres). */
  private record Database(String base, String schema, String user, String password) {

    static Database create(String base) throws SQLException {
      String user = System.getenv().getOrDefault("WILDEX_DB_USER", "postgres");
      String password = System.getenv().getOrDefault("WILDEX_DB_PASSWORD", "");
      String schema = "wildex_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      Database database = new Database(base, schema, user, password);
      database.execute("CREATE SCHEMA " + schema);
      return database;
    }

    String url() {
      return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    Map<String, String> environment() {
      return password.isEmpty() ? Map.of("WILDEX_DB_USER", user) : Map.of("WILDEX_DB_USER", user, "WILDEX_DB_PASSWORD", password);
    }

    void drop() throws SQLException {
      execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    private void execute(String sql) throws SQLException {
      try (Connection c = DriverManager.getConnection(base, user, password); Statement st = c.createStatement()) {
        st.execute(sql);
      }
    }
  }

  /** "hub1 0.61, hub2 0.58" */
  static String perNode(double[] values, String format) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      out.append(i == 0 ? "" : ", ").append("hub").append(i + 1).append(' ').append(String.format(Locale.ROOT, format, values[i]));
    }
    return out.toString();
  }
}
