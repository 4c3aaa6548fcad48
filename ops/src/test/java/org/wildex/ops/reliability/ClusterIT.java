package org.wildex.ops.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildex.routes.audit.AuditStore;
import org.wildex.routes.audit.AuditVerifier;
import org.wildex.routes.support.FreePorts;

/**
 * The symmetric cluster as shipped ({@code ops/deploy/cluster}), every piece its own JVM on loopback: two active broker
 * nodes, a hub node on each (two audit writers at once, one per broker node, on one PostgreSQL schema), packages to
 * both, and every participant reading from the second node only, so what the first node's hub produced must move there.
 * Every accepted package reaches each recipient once, each delivery is audited {@code DELIVERED} once (a node handing a
 * message to the other is no delivery), and the one trail verifies.
 *
 * <p>Runs with {@code -Dwildex.cluster=true} ({@code .ci/run} sets it) and PostgreSQL.
 */
class ClusterIT {

  static final int PACKAGES = 150;

  @TempDir Path dir;

  @BeforeEach
  void enabled() {
    ScaleOut.assumeEnabled();
  }

  @Test
  void two_active_nodes_with_a_hub_each_deliver_everything_once_wherever_the_recipient_reads() throws Exception {
    try (ScaleOut run = new ScaleOut(dir, "cluster-it")) {
      int port1 = FreePorts.next();
      int port2 = FreePorts.next();
      List<String> ports = List.of("-Dwildex.node1.port=" + port1, "-Dwildex.node2.port=" + port2);
      long t0 = System.nanoTime();
      run.broker("cluster", "node1", ports);
      run.broker("cluster", "node2", ports);
      List<HubProcess> hubs = new ArrayList<>();
      String[] hubUrls = {run.hub("hub1", "tcp://127.0.0.1:" + port1, hubs), run.hub("hub2", "tcp://127.0.0.1:" + port2, hubs)};
      phase(t0, "brokers and hub nodes up");

      LoadClient load = new LoadClient(run.workdir);
      List<LoadClient.Sealed> packages = load.seal(PACKAGES);
      Set<UUID> submitted = new HashSet<>();
      Map<UUID, Integer> index = new HashMap<>();
      for (int i = 0; i < packages.size(); i++) {
        submitted.add(packages.get(i).id());
        index.put(packages.get(i).id(), i);
      }
      load.submit(p -> hubUrls[index.get(p.id()) % 2], packages, 4, answered -> {});
      phase(t0, "packages sealed and submitted");

      Deliveries out = run.drainAll(load, "tcp://127.0.0.1:" + port2);
      phase(t0, "mailboxes drained from node 2");
      ReliabilityRun.awaitAuditBacklog(run.audit, out);
      phase(t0, "audit backlog written");
      for (HubProcess hub : hubs) {
        hub.stop();
      }

      AuditVerifier.Result chain;
      long delivered;
      long deliveredTwice;
      try (AuditStore store = AuditStore.open(run.audit, 1, "cluster-verify")) {
        chain = AuditVerifier.verify(store, run.workdir.hubCertificate(), run.workdir.ca());
        delivered = count(store, "SELECT COUNT(*) FROM audit_entry WHERE event_type = 'DELIVERED'");
        deliveredTwice = count(store, "SELECT COUNT(*) FROM (SELECT delivery_id FROM audit_entry"
            + " WHERE event_type = 'DELIVERED' GROUP BY delivery_id HAVING COUNT(*) > 1) twice");
      }
      ReliabilityRun.Outcome outcome = ReliabilityRun.Outcome.of(submitted, load, out, chain);
      System.out.printf(
          "CLUSTER TEST [two active nodes, a hub node on each, recipients on node 2]: submitted=%d accepted(202)=%d"
              + " receipts=%d deliveries=%d duplicates=%d lost=%d DELIVERED=%d delivered-twice=%d audit=%s (%d entries)"
              + " elapsed=%ds%n",
          PACKAGES, load.accepted.size(), out.receiptCount, out.arrivals.size(), outcome.duplicates(), outcome.lost(),
          delivered, deliveredTwice, chain.ok() ? "verified" : "BROKEN at " + chain.firstBrokenSeq(), chain.entries(),
          (System.nanoTime() - t0) / 1_000_000_000);
      outcome.assertNothingLostOrDuplicated();
      assertThat(load.accepted).as("both hub nodes took every package").hasSize(PACKAGES);
      assertThat(deliveredTwice).as("deliveries audited DELIVERED more than once").isZero();
      assertThat(delivered).as("one DELIVERED per delivery that arrived").isEqualTo(out.arrivals.size());
    }
  }

  private static void phase(long t0, String what) {
    System.out.printf("ClusterIT %5.1fs %s%n", (System.nanoTime() - t0) / 1e9, what);
  }

  private static long count(AuditStore store, String sql) throws Exception {
    try (Connection c = store.dataSource().getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
