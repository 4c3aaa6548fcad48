package org.wildex.ops.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.wildex.contracts.directory.Directory;
import org.wildex.ops.Workdir;
import org.wildex.ops.demo.DemoSetup;
import org.wildex.routes.audit.AuditSettings;
import org.wildex.routes.audit.PostgresTestDatabase;
import org.wildex.routes.support.FreePorts;

/**
 * The pieces of a scale-out test, each its own JVM from the built distribution: {@code wildex broker} nodes started from
 * the shipped {@code ops/deploy} files, {@code wildex serve --broker-url} hub nodes sharing one fresh PostgreSQL schema,
 * the demo's participants. Closing kills whatever is still running, keeps every process's log under
 * {@code target/<name>/} and drops the schema.
 */
public final class ScaleOut implements AutoCloseable {

  /** The system property that runs the scale-out tests (four JVMs each, minutes): {@code .ci/run} sets it. */
  static final String ENABLED = "wildex.cluster";

  final Workdir workdir;
  final AuditSettings audit;
  private final Path dir;
  private final String name;
  private final String schema;
  private final String user;
  private final List<HubProcess> processes = new ArrayList<>();

  /** Skips (visibly) unless {@code -Dwildex.cluster=true}; needs PostgreSQL as the other PostgreSQL tests do. */
  public static void assumeEnabled() {
    Assumptions.assumeTrue(Boolean.getBoolean(ENABLED), "the scale-out tests run four JVMs for minutes: enable them with -D"
        + ENABLED + "=true (.ci/run does)");
  }

  ScaleOut(Path dir, String name) throws Exception {
    this.dir = dir;
    this.name = name;
    this.workdir = new Workdir(dir.resolve("wildex"));
    DemoSetup.create(workdir);
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    Files.writeString(workdir.pki().resolve("cluster.secret"), Base64.getEncoder().encodeToString(secret));
    this.user = PostgresTestDatabase.user();
    this.schema = PostgresTestDatabase.createSchema();
    this.audit = AuditSettings.defaults(dir).withUrl(dbUrl(), user, "");
  }

  String dbUrl() {
    return PostgresTestDatabase.url(PostgresTestDatabase.HOST, PostgresTestDatabase.PORT, schema);
  }

  /** {@code wildex broker} with {@code ops/deploy/<topology>/<node>.xml} and {@code -D} properties, once it is up. */
  HubProcess broker(String topology, String node, List<String> properties) throws Exception {
    List<String> arguments = new ArrayList<>(List.of("broker", "--workdir", workdir.root().toString(),
        "--config", Path.of("deploy", topology, node + ".xml").toString(),
        "--data-dir", dir.resolve("broker-" + node).toString()));
    arguments.addAll(properties);
    return started(HubProcess.launch(arguments, "-Xmx384m", dir.resolve("broker-" + node + ".log"), Map.of(),
        "wildex broker running"));
  }

  /** {@code wildex serve --broker-url brokerUrl --db-url (the schema)} on a free HTTPS port; returns its HTTPS URL. */
  String hub(String node, String brokerUrl, List<HubProcess> into) throws Exception {
    int https = FreePorts.next();
    into.add(started(HubProcess.launch(List.of("serve", "--workdir", workdir.root().toString(),
        "--data-dir", dir.resolve(node).toString(), "--https-port", "" + https, "--management-port", "0",
        "--broker-url", brokerUrl, "--db-url", dbUrl()), "-Xmx512m", dir.resolve(node + ".log"),
        Map.of("WILDEX_DB_USER", user), "wildex hub running")));
    return "https://localhost:" + https;
  }

  /**
   * Drains every mailbox from {@code brokerUrl} until every accepted package has its receipt and every delivery a receipt
   * names has arrived (in a cluster a message reaches the node its reader is on only once a consumer is there), for at
   * most three minutes; then once more, for anything committed after its queue was drained in the last round.
   */
  Deliveries drainAll(LoadClient load, String brokerUrl) throws Exception {
    Deliveries out = new Deliveries();
    Directory directory = Directory.load(workdir.directoryFile());
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (!complete(load, out) && System.nanoTime() < deadline) {
      out.drain(workdir, directory.participants(), brokerUrl, Duration.ofMillis(300));
    }
    out.drain(workdir, directory.participants(), brokerUrl, Duration.ofMillis(300));
    return out;
  }

  private static boolean complete(LoadClient load, Deliveries out) {
    return out.receipted.keySet().containsAll(load.accepted) && out.receipted.values().stream()
        .allMatch(list -> list.stream().allMatch(d -> out.arrivals.containsKey(d.deliveryId().toString())));
  }

  private HubProcess started(HubProcess process) {
    processes.add(process);
    return process;
  }

  @Override
  public void close() throws Exception {
    for (HubProcess p : processes) {
      p.close();
    }
    Path keep = Path.of("target", name);
    Files.createDirectories(keep);
    try (var logs = Files.list(dir)) {
      for (Path log : logs.filter(f -> f.toString().endsWith(".log")).toList()) {
        Files.copy(log, keep.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    PostgresTestDatabase.dropSchema(schema);
  }
}
