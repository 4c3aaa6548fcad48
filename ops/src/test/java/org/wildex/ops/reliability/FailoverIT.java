package org.wildex.ops.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildex.contracts.directory.Directory;
import org.wildex.ops.Workdir;
import org.wildex.ops.demo.DemoSetup;
import org.wildex.routes.audit.AuditSettings;
import org.wildex.routes.audit.AuditStore;
import org.wildex.routes.audit.AuditVerifier;
import org.wildex.routes.audit.PostgresTestDatabase;

/**
 * Scale-out under faults, every piece its own JVM on loopback: two Artemis brokers as a replicated live/backup pair
 * ({@code wildex broker} with the shipped {@code ops/deploy/replication} files), two hub nodes ({@code wildex serve
 * --broker-url} on both) sharing one PostgreSQL schema. A steady stream goes to both hub nodes over HTTPS; a third of the
 * way in the live broker is killed ({@code kill -9}), two thirds in one hub node is; the rest of the stream goes to the
 * surviving node. Then every mailbox is drained from the pair: every package that got a 202 reached each of its
 * recipients exactly once, nothing else arrived, and the one audit trail both hub nodes wrote verifies.
 *
 * <p>Four JVMs and a few minutes: it runs when {@code -Dwildex.failover=true} (as {@code .ci/run} sets), and needs
 * PostgreSQL like the other PostgreSQL tests.
 */
class FailoverIT {

  static final int PACKAGES = 800;
  static final int CLIENT_THREADS = 4;

  @TempDir Path dir;
  private String schema;
  private final List<HubProcess> processes = new ArrayList<>();

  @BeforeEach
  void enabledAndDatabase() throws Exception {
    Assumptions.assumeTrue(Boolean.getBoolean("wildex.failover"),
        "the failover test runs four JVMs for a few minutes: enable it with -Dwildex.failover=true (.ci/run does)");
    schema = PostgresTestDatabase.createSchema();
  }

  @AfterEach
  void cleanUp() throws Exception {
    for (HubProcess p : processes) {
      p.close();
    }
    // the four processes' logs outlive the temp folder, for a failed run's post-mortem
    Path keep = Path.of("target", "failover-it");
    Files.createDirectories(keep);
    try (var logs = Files.list(dir)) {
      for (Path log : logs.filter(f -> f.toString().endsWith(".log")).toList()) {
        Files.copy(log, keep.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
    if (schema != null) {
      PostgresTestDatabase.dropSchema(schema);
    }
  }

  @Test
  void live_broker_then_one_hub_node_killed_mid_stream_lose_nothing_and_duplicate_nothing() throws Exception {
    Workdir workdir = new Workdir(dir.resolve("wildex"));
    DemoSetup.create(workdir);
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    Files.writeString(workdir.pki().resolve("cluster.secret"), Base64.getEncoder().encodeToString(secret));
    int primaryPort = ReliabilityRun.freePort();
    int backupPort = ReliabilityRun.freePort();
    List<String> ports = List.of("-Dwildex.primary.port=" + primaryPort, "-Dwildex.backup.port=" + backupPort);
    String brokers = "(tcp://127.0.0.1:" + primaryPort + "?name=primary,tcp://127.0.0.1:" + backupPort
        + "?name=backup)?ha=true&reconnectAttempts=-1";
    String user = PostgresTestDatabase.user();
    String dbUrl = PostgresTestDatabase.url(PostgresTestDatabase.HOST, PostgresTestDatabase.PORT, schema);
    AuditSettings audit = AuditSettings.defaults(dir).withUrl(dbUrl, user, "");

    long t0 = System.nanoTime();
    HubProcess primary = broker(workdir, "primary", ports);
    HubProcess backup = broker(workdir, "backup", ports);
    backup.awaitStatus("wildex broker backup in sync", 120);
    phase(t0, "broker pair up");
    String[] hubUrls = new String[2];
    HubProcess[] hubs = new HubProcess[2];
    for (int i = 0; i < 2; i++) {
      int https = ReliabilityRun.freePort();
      hubUrls[i] = "https://localhost:" + https;
      hubs[i] = started(HubProcess.launch(List.of("serve", "--workdir", workdir.root().toString(),
          "--data-dir", dir.resolve("hub" + (i + 1)).toString(), "--https-port", "" + https, "--management-port", "0",
          "--broker-url", brokers, "--db-url", dbUrl), "-Xmx512m", dir.resolve("hub" + (i + 1) + ".log"),
          Map.of("WILDEX_DB_USER", user), "wildex hub running"));
    }

    phase(t0, "hub nodes up");
    LoadClient load = new LoadClient(workdir);
    List<LoadClient.Sealed> packages = load.seal(PACKAGES);
    phase(t0, "packages sealed");
    Set<UUID> submitted = new HashSet<>();
    packages.forEach(p -> submitted.add(p.id()));
    AtomicBoolean secondHubDown = new AtomicBoolean();
    AtomicReference<Exception> faultFailure = new AtomicReference<>();
    int[] acceptedAtFault = new int[2];
    Thread faults = new Thread(() -> {
      try {
        awaitAnswers(PACKAGES / 3);
        acceptedAtFault[0] = load.accepted.size();
        primary.kill();
        phase(t0, "live broker killed");
        backup.awaitStatus("wildex broker active", 120);
        phase(t0, "backup broker active");
        awaitAnswers(2 * PACKAGES / 3);
        acceptedAtFault[1] = load.accepted.size();
        hubs[1].kill();
        secondHubDown.set(true);
        phase(t0, "second hub node killed");
      } catch (Exception e) {
        faultFailure.set(e);
      }
    }, "fault-injector");
    faults.start();
    // even packages to the first hub node, odd ones to the second while it lives, then to the first
    java.util.Map<UUID, Integer> index = new java.util.HashMap<>();
    for (int i = 0; i < packages.size(); i++) {
      index.put(packages.get(i).id(), i);
    }
    load.submit(p -> hubUrls[index.get(p.id()) % 2 == 1 && !secondHubDown.get() ? 1 : 0], packages, CLIENT_THREADS,
        answered -> answers = answered);
    phase(t0, "stream submitted");
    faults.join();
    if (faultFailure.get() != null) {
      throw faultFailure.get();
    }

    Deliveries out = new Deliveries();
    Directory directory = Directory.load(workdir.directoryFile());
    // participants fetch from the pair as they would after a failover: the dead primary first in the list
    String pair = "(tcp://127.0.0.1:" + primaryPort + ",tcp://127.0.0.1:" + backupPort + ")";
    for (int round = 0; round < 120 && !out.receipted.keySet().containsAll(load.accepted); round++) {
      out.drain(workdir, directory.participants(), pair, Duration.ofMillis(300));
    }
    out.drain(workdir, directory.participants(), pair, Duration.ofMillis(300));
    phase(t0, "mailboxes drained");
    ReliabilityRun.awaitAuditBacklog(audit, out);
    phase(t0, "audit backlog written");
    hubs[0].stop(); // SIGTERM; fails the test if the surviving hub node does not stop within 60 s
    backup.stop();

    AuditVerifier.Result chain;
    try (AuditStore store = AuditStore.open(audit, 1, "failover-verify")) {
      chain = AuditVerifier.verify(store, workdir.hubCertificate(), workdir.ca());
    }
    ReliabilityRun.Outcome outcome = ReliabilityRun.Outcome.of(submitted, load, out, chain);
    long pairDuplicates = out.perPackageAndRecipient.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
    System.out.printf(
        "FAILOVER TEST [live broker kill -9, then hub node kill -9]: submitted=%d accepted(202)=%d (at broker kill %d,"
            + " at hub kill %d) not-accepted=%d by-status=%s receipts=%d deliveries=%d duplicates=%d"
            + " duplicate(package,recipient)=%d lost=%d delivered-without-202=%d audit=%s (%d entries) elapsed=%ds%n",
        PACKAGES, load.accepted.size(), acceptedAtFault[0], acceptedAtFault[1], load.failed.get(), load.refusals(),
        out.receiptCount, out.arrivals.size(), outcome.duplicates(), pairDuplicates, outcome.lost(),
        outcome.deliveredWithout202(), chain.ok() ? "verified" : "BROKEN at " + chain.firstBrokenSeq(), chain.entries(),
        (System.nanoTime() - t0) / 1_000_000_000);
    outcome.assertNothingLostOrDuplicated();
    assertThat(pairDuplicates).as("a package delivered twice to one recipient").isZero();
    assertThat(load.accepted.size() - acceptedAtFault[1]).as("the surviving hub node took packages after the faults")
        .isPositive();
    assertThat(acceptedAtFault[1] - acceptedAtFault[0]).as("packages accepted on the backup broker, before the hub kill")
        .isPositive();
  }

  private volatile int answers;

  private void phase(long t0, String what) {
    System.out.printf("FailoverIT %5.1fs %s (answers %d)%n", (System.nanoTime() - t0) / 1e9, what, answers);
  }

  private void awaitAnswers(int n) throws InterruptedException {
    while (answers < n) {
      Thread.sleep(20);
    }
  }

  private HubProcess broker(Workdir workdir, String node, List<String> properties) throws Exception {
    List<String> arguments = new ArrayList<>(List.of("broker", "--workdir", workdir.root().toString(),
        "--config", Path.of("deploy", "replication", node + ".xml").toString(),
        "--data-dir", dir.resolve("broker-" + node).toString()));
    arguments.addAll(properties);
    return started(HubProcess.launch(arguments, "-Xmx384m", dir.resolve("broker-" + node + ".log"), Map.of(),
        "wildex broker running"));
  }

  private HubProcess started(HubProcess process) {
    processes.add(process);
    return process;
  }
}
