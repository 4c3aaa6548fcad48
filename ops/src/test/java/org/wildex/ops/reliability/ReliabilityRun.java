package org.wildex.ops.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.awaitility.Awaitility;
import org.wildex.contracts.directory.Directory;
import org.wildex.contracts.receipt.ReceiptDelivery;
import org.wildex.ops.Workdir;
import org.wildex.ops.demo.DemoSetup;
import org.wildex.routes.audit.AuditSettings;
import org.wildex.routes.audit.AuditStore;
import org.wildex.routes.audit.AuditVerifier;
import org.wildex.routes.support.FreePorts;

/**
 * One reliability run: the demo's participants, {@link #PACKAGES} packages sealed ahead, {@code wildex serve} as its own
 * JVM, a fault injected when half of the first three quarters are answered, the rest submitted once the hub recovered,
 * then every mailbox drained and the audit trail verified. What came out is counted as the participants see it.
 */
final class ReliabilityRun implements AutoCloseable {

  static final int PACKAGES = 2000;
  static final int CLIENT_THREADS = 4;

  /** What a variant does to the hub and how the hub comes back. */
  interface Fault {
    /** Called once, from its own thread, when half of the first phase is answered. */
    void inject(HubProcess hub) throws Exception;

    /** Called after the first phase: returns the hub for the second phase (the same one, or {@code run.startHub()}). */
    HubProcess recover(HubProcess hub, ReliabilityRun run) throws Exception;
  }

  final Workdir workdir;
  final Path log;
  final LoadClient load;
  private final int httpsPort = FreePorts.next();
  private final int brokerPort = FreePorts.next();
  private final List<String> serveOptions;
  private final Map<String, String> environment;
  private final AuditSettings audit;
  private final List<HubProcess> started = new ArrayList<>();

  /**
   * @param dir an empty folder for the workdir and the hub's log
   * @param serveOptions more {@code wildex serve} options (e.g. {@code --data-dir}, {@code --db-url})
   * @param environment environment of the hub process
   * @param audit where the test itself reads the hub's audit store
   */
  ReliabilityRun(Path dir, List<String> serveOptions, Map<String, String> environment, AuditSettings audit) throws Exception {
    this.workdir = new Workdir(dir);
    DemoSetup.create(workdir);
    this.log = dir.resolve("hub.log");
    this.load = new LoadClient(workdir);
    this.serveOptions = serveOptions;
    this.environment = environment;
    this.audit = audit;
  }

  HubProcess startHub() throws Exception {
    HubProcess hub = HubProcess.start(workdir.root(), httpsPort, brokerPort, log, serveOptions, environment);
    started.add(hub);
    return hub;
  }

  /** Kills any hub this run started that is still alive (a failed run must not leave a hub holding its files). */
  @Override
  public void close() throws InterruptedException {
    for (HubProcess hub : started) {
      hub.close();
    }
  }

  String hubUrl() {
    return "https://localhost:" + httpsPort;
  }

  /** Runs the variant, prints its counts and asserts that nothing accepted was lost or duplicated. */
  Outcome run(String variant, Fault fault) throws Exception {
    List<LoadClient.Sealed> packages = load.seal(PACKAGES);
    Set<UUID> submitted = new HashSet<>();
    packages.forEach(p -> submitted.add(p.id()));
    int firstPhase = PACKAGES / 2 + PACKAGES / 4;

    long t0 = System.nanoTime();
    HubProcess hub = startHub();
    CountDownLatch halfway = new CountDownLatch(1);
    Exception[] injectFailure = {null};
    Thread injector = new Thread(() -> {
      try {
        halfway.await();
        fault.inject(hub);
      } catch (Exception e) {
        injectFailure[0] = e;
      }
    }, "fault-injector");
    injector.start();
    load.submit(hubUrl(), packages.subList(0, firstPhase), CLIENT_THREADS, answered -> {
      if (answered == PACKAGES / 2) {
        halfway.countDown();
      }
    });
    injector.join();
    if (injectFailure[0] != null) {
      throw injectFailure[0];
    }
    int acceptedBeforeRecovery = load.accepted.size();
    Map<Integer, Integer> refusedDuringFault = load.refusals();

    Deliveries out = new Deliveries();
    try (HubProcess second = fault.recover(hub, this)) {
      load.submit(hubUrl(), packages.subList(firstPhase, PACKAGES), CLIENT_THREADS, answered -> {});
      Directory directory = Directory.load(workdir.directoryFile());
      // A package's deliveries and receipt commit together: drain until every accepted package has its receipt, then
      // once more for deliveries committed after their queue was drained in the last round.
      String brokerUrl = "tcp://localhost:" + brokerPort;
      for (int round = 0; round < 120 && !out.receipted.keySet().containsAll(load.accepted); round++) {
        out.drain(workdir, directory.participants(), brokerUrl, Duration.ofMillis(300));
      }
      out.drain(workdir, directory.participants(), brokerUrl, Duration.ofMillis(300));
      awaitAuditBacklog(out);
      second.stop();
    }
    AuditVerifier.Result chain;
    try (AuditStore store = AuditStore.open(audit, 1, "reliability-verify")) {
      chain = AuditVerifier.verify(store, workdir.hubCertificate(), workdir.ca());
    }
    Outcome outcome = Outcome.of(submitted, load, out, chain);
    System.out.printf(
        "CRASH TEST [%s]: submitted=%d accepted(202)=%d (before recovery %d) not-accepted=%d by-status=%s receipts=%d"
            + " deliveries=%d duplicates=%d lost=%d delivered-without-202=%d audit=%s (%d entries) elapsed=%ds%n",
        variant, PACKAGES, load.accepted.size(), acceptedBeforeRecovery, load.failed.get(), refusedDuringFault,
        out.receiptCount, out.arrivals.size(), outcome.duplicates(), outcome.lost(), outcome.deliveredWithout202(),
        chain.ok() ? "verified" : "BROKEN at " + chain.firstBrokenSeq(), chain.entries(),
        (System.nanoTime() - t0) / 1_000_000_000);
    outcome.assertNothingLostOrDuplicated();
    assertThat(load.accepted.size()).as("the hub accepted most of the load").isGreaterThan(PACKAGES / 2);
    return outcome;
  }

  /**
   * Waits (up to two minutes) until the audit writer has written what the participants saw: an ACCEPTED event for every
   * receipted package and a DELIVERED event for every delivery that arrived. The backlog drains on its own; this only
   * waits for it.
   */
  private void awaitAuditBacklog(Deliveries out) {
    awaitAuditBacklog(audit, out);
  }

  /** As above, on the audit store {@code audit}. */
  static void awaitAuditBacklog(AuditSettings audit, Deliveries out) {
    List<String> packages = out.receipted.keySet().stream().map(UUID::toString).toList();
    String[] missing = {"not read yet"};
    try {
      Awaitility.await("audit backlog drained").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
          .ignoreExceptions()
          .until(() -> {
            try (AuditStore store = AuditStore.open(audit, 1, "reliability-poll")) {
              Set<String> accepted = recorded(store, "ACCEPTED", "package_id");
              Set<String> delivered = recorded(store, "DELIVERED", "delivery_id");
              long noAccepted = packages.stream().filter(id -> !accepted.contains(id)).count();
              long noDelivered = out.arrivals.keySet().stream().filter(id -> !delivered.contains(id)).count();
              missing[0] = noAccepted + " receipted packages without ACCEPTED, " + noDelivered
                  + " arrived deliveries without DELIVERED";
              return noAccepted == 0 && noDelivered == 0;
            }
          });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("the audit trail lacks events after two minutes: " + missing[0], e);
    }
  }

  private static Set<String> recorded(AuditStore store, String type, String column) throws Exception {
    Set<String> ids = new HashSet<>();
    try (Connection c = store.dataSource().getConnection();
        PreparedStatement q = c.prepareStatement("SELECT " + column + " FROM audit_entry WHERE event_type = ?")) {
      q.setString(1, type);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
    }
    return ids;
  }

  /** The counts of one run, as the participants saw them. */
  record Outcome(long duplicates, long lost, long deliveredWithout202, long unreceipted, long foreign, int rejected,
      AuditVerifier.Result chain) {

    static Outcome of(Set<UUID> submitted, LoadClient load, Deliveries out, AuditVerifier.Result chain) {
      Set<String> receiptedDeliveries = new HashSet<>();
      long duplicateReceipts = 0;
      for (List<ReceiptDelivery> list : out.receipted.values()) {
        for (ReceiptDelivery d : list) {
          if (!receiptedDeliveries.add(d.deliveryId().toString())) {
            duplicateReceipts++;
          }
        }
      }
      long duplicates = out.arrivals.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
      long lostDeliveries = receiptedDeliveries.stream().filter(id -> !out.arrivals.containsKey(id)).count();
      long lostPackages = load.accepted.stream().filter(id -> !out.receipted.containsKey(id)).count();
      long unreceipted = out.arrivals.keySet().stream().filter(id -> !receiptedDeliveries.contains(id)).count();
      long foreign = out.packageOf.values().stream().filter(id -> !submitted.contains(id)).count();
      long without202 = out.receipted.keySet().stream().filter(id -> !load.accepted.contains(id)).count();
      long emptyReceipts = out.receipted.values().stream().filter(List::isEmpty).count();
      return new Outcome(duplicates + duplicateReceipts, lostDeliveries + lostPackages + emptyReceipts, without202,
          unreceipted, foreign, out.rejected.size(), chain);
    }

    void assertNothingLostOrDuplicated() {
      assertThat(lost).as("accepted packages or receipted deliveries that never arrived").isZero();
      assertThat(duplicates).as("deliveries that arrived twice, or were receipted twice").isZero();
      assertThat(rejected).as("rejections").isZero();
      assertThat(unreceipted).as("deliveries no receipt accounts for").isZero();
      assertThat(foreign).as("deliveries of packages nobody submitted").isZero();
      assertThat(chain.ok()).as("audit chain verifies: " + chain.problem()).isTrue();
    }
  }
}
