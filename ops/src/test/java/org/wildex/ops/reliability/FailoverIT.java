package org.wildex.ops.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildex.routes.audit.AuditStore;
import org.wildex.routes.audit.AuditVerifier;
import org.wildex.routes.support.FreePorts;

/**
 * Scale-out under faults, every piece its own JVM on loopback: two Artemis brokers as a replicated live/backup pair
 * ({@code wildex broker} with the shipped {@code ops/deploy/replication} files), two hub nodes ({@code wildex serve
 * --broker-url} on the pair) sharing one PostgreSQL schema. A steady stream goes to both hub nodes over HTTPS; a third of
 * the way in the live broker is killed ({@code kill -9}), two thirds in one hub node is; the rest of the stream goes to
 * the surviving node. Then every mailbox is drained from the pair, the dead primary first in the participants' broker
 * list: every package that got a 202 reached each of its recipients exactly once, nothing else arrived, and the one
 * audit trail both hub nodes wrote verifies.
 *
 * <p>Runs with {@code -Dwildex.cluster=true} ({@code .ci/run} sets it) and PostgreSQL.
 */
class FailoverIT {

  static final int PACKAGES = 800;
  static final int CLIENT_THREADS = 4;

  @TempDir Path dir;
  private volatile int answers;

  @BeforeEach
  void enabled() {
    ScaleOut.assumeEnabled();
  }

  @Test
  void live_broker_then_one_hub_node_killed_mid_stream_lose_nothing_and_duplicate_nothing() throws Exception {
    try (ScaleOut run = new ScaleOut(dir, "failover-it")) {
      int primaryPort = FreePorts.next();
      int backupPort = FreePorts.next();
      List<String> ports = List.of("-Dwildex.primary.port=" + primaryPort, "-Dwildex.backup.port=" + backupPort);
      String brokers = "(tcp://127.0.0.1:" + primaryPort + "?name=primary,tcp://127.0.0.1:" + backupPort
          + "?name=backup)?ha=true&reconnectAttempts=-1";

      long t0 = System.nanoTime();
      HubProcess primary = run.broker("replication", "primary", ports);
      HubProcess backup = run.broker("replication", "backup", ports);
      backup.awaitStatus("wildex broker backup in sync", 120);
      phase(t0, "broker pair up");
      List<HubProcess> hubs = new ArrayList<>();
      String[] hubUrls = {run.hub("hub1", brokers, hubs), run.hub("hub2", brokers, hubs)};
      phase(t0, "hub nodes up");

      LoadClient load = new LoadClient(run.workdir);
      List<LoadClient.Sealed> packages = load.seal(PACKAGES);
      Set<UUID> submitted = new HashSet<>();
      Map<UUID, Integer> index = new HashMap<>();
      for (int i = 0; i < packages.size(); i++) {
        submitted.add(packages.get(i).id());
        index.put(packages.get(i).id(), i);
      }
      phase(t0, "packages sealed");
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
          hubs.get(1).kill();
          secondHubDown.set(true);
          phase(t0, "second hub node killed");
        } catch (Exception e) {
          faultFailure.set(e);
        }
      }, "fault-injector");
      faults.start();
      // even packages to the first hub node, odd ones to the second while it lives, then to the first
      load.submit(p -> hubUrls[index.get(p.id()) % 2 == 1 && !secondHubDown.get() ? 1 : 0], packages, CLIENT_THREADS,
          answered -> answers = answered);
      phase(t0, "stream submitted");
      faults.join();
      if (faultFailure.get() != null) {
        throw faultFailure.get();
      }

      Deliveries out = run.drainAll(load, "(tcp://127.0.0.1:" + primaryPort + ",tcp://127.0.0.1:" + backupPort + ")");
      phase(t0, "mailboxes drained");
      ReliabilityRun.awaitAuditBacklog(run.audit, out);
      phase(t0, "audit backlog written");
      hubs.get(0).stop(); // SIGTERM; fails the test if the surviving hub node does not stop within 60 s
      backup.stop();

      AuditVerifier.Result chain;
      try (AuditStore store = AuditStore.open(run.audit, 1, "failover-verify")) {
        chain = AuditVerifier.verify(store, run.workdir.hubCertificate(), run.workdir.ca());
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
      assertThat(acceptedAtFault[1] - acceptedAtFault[0]).as("packages accepted on the backup broker before the hub kill")
          .isPositive();
      assertThat(load.accepted.size() - acceptedAtFault[1]).as("packages the surviving hub node took after the hub kill")
          .isPositive();
    }
  }

  private void awaitAnswers(int n) throws InterruptedException {
    while (answers < n) {
      Thread.sleep(20);
    }
  }

  private void phase(long t0, String what) {
    System.out.printf("FailoverIT %5.1fs %s (answers %d)%n", (System.nanoTime() - t0) / 1e9, what, answers);
  }
}
