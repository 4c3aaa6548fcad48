package org.wildex.ops.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.audit.AuditEventType;
import org.wildex.contracts.directory.Directory;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.lifecycle.RecallOutcome;
import org.wildex.contracts.lifecycle.RecallReason;
import org.wildex.contracts.lifecycle.RecallReceipt;
import org.wildex.contracts.lifecycle.RecallRequest;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.contracts.receipt.Receipt;
import org.wildex.crypto.cms.Cms;
import org.wildex.crypto.pki.DemoPki;
import org.wildex.ops.Workdir;
import org.wildex.ops.client.BrokerDrain;
import org.wildex.ops.client.IntakeClient;
import org.wildex.ops.client.Mailbox;
import org.wildex.ops.client.Tls;
import org.wildex.ops.demo.DemoSetup;
import org.wildex.routes.audit.AuditEntry;
import org.wildex.routes.audit.AuditSettings;
import org.wildex.routes.audit.AuditStore;
import org.wildex.routes.audit.AuditVerifier;
import org.wildex.routes.support.FreePorts;

/**
 * Recalls under a power cut: {@link #PACKAGES} packages accepted and receipted, one agency takes all its deliveries,
 * then every package is recalled from several client threads and {@code wildex serve} is killed with SIGKILL when half
 * the recalls are answered. After a restart the clients send again what got no 202 (a user would). Every package must
 * then have exactly one recall receipt; the agency that had taken its deliveries is EXPOSED on each and gets exactly one
 * notice per package; every other agency is WITHDRAWN on each and receives nothing at all; the trail has one RECALLED
 * per delivery and verifies.
 */
class RecallCrashIT {

  static final int PACKAGES = 150;
  static final int CLIENT_THREADS = 4;

  @TempDir Path dir;

  @Test
  void kill_9_in_the_middle_of_recalls_loses_none_and_repeats_none() throws Exception {
    Workdir workdir = new Workdir(dir);
    DemoSetup.create(workdir);
    int httpsPort = FreePorts.next();
    int brokerPort = FreePorts.next();
    String hubUrl = "https://localhost:" + httpsPort;
    String brokerUrl = "tcp://localhost:" + brokerPort;
    Path log = dir.resolve("hub.log");
    List<Participant> participants = Directory.load(workdir.directoryFile()).participants();

    LoadClient load = new LoadClient(workdir);
    List<LoadClient.Sealed> packages = load.seal(PACKAGES);
    Map<UUID, String> senders = new HashMap<>();
    packages.forEach(p -> senders.put(p.id(), p.sender()));
    Map<UUID, Set<String>> recipients = new HashMap<>();
    String taker;
    long t0 = System.nanoTime();

    HubProcess first = HubProcess.start(workdir.root(), httpsPort, brokerPort, log);
    try {
      load.submit(hubUrl, packages, CLIENT_THREADS, n -> { });
      assertThat(load.accepted).hasSize(PACKAGES);
      for (int round = 0; round < 120 && recipients.size() < PACKAGES; round++) {
        for (String ngo : LoadClient.NGOS) {
          for (Mailbox.Item item : Mailbox.receipts(workdir, ngo).fetch(brokerUrl, DemoPki.PASSWORD, Duration.ofMillis(300))) {
            Receipt receipt = PackageCodec.fromJson(item.json(), Receipt.class);
            assertThat(receipt.status()).isEqualTo(Receipt.ACCEPTED);
            Set<String> to = new TreeSet<>();
            receipt.deliveries().forEach(d -> to.add(d.recipient()));
            recipients.put(receipt.packageId(), to);
          }
        }
      }
      assertThat(recipients).as("receipts of the accepted packages").hasSize(PACKAGES);
      // one agency on every route takes all its deliveries before the recalls; the others never take any
      taker = recipients.values().stream().reduce((a, b) -> {
        Set<String> both = new TreeSet<>(a);
        both.retainAll(b);
        return both;
      }).orElseThrow().stream().filter(id -> !id.startsWith("blo-")).findFirst().orElseThrow();
      assertThat(drainAgency(workdir, taker, brokerUrl).deliveries).hasSize(PACKAGES);

      // recall everything; SIGKILL when half the recalls are answered
      Recaller recaller = new Recaller(workdir, hubUrl);
      CountDownLatch halfway = new CountDownLatch(1);
      Thread killer = new Thread(() -> {
        try {
          halfway.await();
          first.kill();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "recall-killer");
      killer.start();
      recaller.recall(packages, senders, n -> {
        if (n == PACKAGES / 2) {
          halfway.countDown();
        }
      });
      killer.join();
      System.out.printf("RECALL CRASH TEST: before the kill and during it: %d recalls answered 202, other answers %s%n",
          recaller.queued.size(), recaller.refusals);

      try (HubProcess second = HubProcess.start(workdir.root(), httpsPort, brokerPort, log)) {
        List<LoadClient.Sealed> unanswered = packages.stream().filter(p -> !recaller.queued.contains(p.id())).toList();
        Recaller again = new Recaller(workdir, hubUrl);
        again.recall(unanswered, senders, n -> { });
        // a recall sent before the kill may have been taken although its answer was lost: then it is recalled already
        assertThat(again.refusals.keySet()).as("answers to recalls sent again").isSubsetOf(Set.of(409));
        assertThat(again.queued.size() + again.refusals.getOrDefault(409, 0)).isEqualTo(unanswered.size());

        Map<UUID, List<RecallReceipt>> recallReceipts = new HashMap<>();
        for (int round = 0; round < 120 && recallReceipts.size() < PACKAGES; round++) {
          for (String ngo : LoadClient.NGOS) {
            for (Mailbox.Item item : Mailbox.receipts(workdir, ngo).fetch(brokerUrl, DemoPki.PASSWORD, Duration.ofMillis(300))) {
              RecallReceipt r = PackageCodec.fromJson(item.json(), RecallReceipt.class);
              assertThat(r.kind()).isEqualTo(RecallReceipt.KIND);
              recallReceipts.computeIfAbsent(r.packageId(), k -> new ArrayList<>()).add(r);
            }
          }
        }
        // what every agency finds afterwards
        Map<String, Taken> found = new HashMap<>();
        for (Participant p : participants) {
          if (p.kind().isAgency()) {
            found.put(p.id(), drainAgency(workdir, p.id(), brokerUrl));
          }
        }
        for (String ngo : LoadClient.NGOS) {
          assertThat(Mailbox.receipts(workdir, ngo).fetch(brokerUrl, DemoPki.PASSWORD, Duration.ofMillis(500)))
              .as("no second recall receipt for " + ngo).isEmpty();
        }
        second.stop();

        long duplicates = recallReceipts.values().stream().mapToLong(l -> l.size() - 1).sum();
        long exposedNotices = found.get(taker).notices.size();
        long leaked = found.values().stream().mapToLong(t -> t.deliveries.size()).sum();
        System.out.printf("RECALL CRASH TEST: packages=%d recall receipts=%d duplicates=%d taker=%s notices=%d"
                + " deliveries after the recall=%d notices elsewhere=%d elapsed=%ds%n", PACKAGES, recallReceipts.size(),
            duplicates, taker, exposedNotices, leaked,
            found.entrySet().stream().filter(e -> !e.getKey().equals(taker)).mapToLong(e -> e.getValue().notices.size()).sum(),
            (System.nanoTime() - t0) / 1_000_000_000);

        assertThat(recallReceipts).as("packages with a recall receipt").hasSize(PACKAGES);
        assertThat(duplicates).as("second recall receipts").isZero();
        for (Map.Entry<UUID, List<RecallReceipt>> e : recallReceipts.entrySet()) {
          RecallReceipt r = e.getValue().get(0);
          Map<String, String> outcome = new HashMap<>();
          r.recipients().forEach(o -> outcome.put(o.recipient(), o.outcome()));
          assertThat(outcome.keySet()).as("recipients of " + e.getKey()).isEqualTo(recipients.get(e.getKey()));
          outcome.forEach((agency, o) -> assertThat(o).as(agency + " for " + e.getKey())
              .isEqualTo(agency.equals(taker) ? RecallOutcome.EXPOSED : RecallOutcome.WITHDRAWN));
        }
        assertThat(leaked).as("deliveries of recalled packages taken after the recall").isZero();
        assertThat(found.get(taker).notices).as("one notice per package to the agency that took them")
            .hasSize(PACKAGES).containsExactlyInAnyOrderElementsOf(recipients.keySet().stream().map(UUID::toString).toList());
        found.forEach((agency, t) -> {
          if (!agency.equals(taker)) {
            assertThat(t.notices).as("notices to " + agency + ", which never took a delivery").isEmpty();
          }
        });
      }
    } finally {
      first.close();
    }

    AuditSettings audit = AuditSettings.defaults(dir.resolve("data"));
    try (AuditStore store = AuditStore.open(audit, 1, "recall-crash-verify")) {
      long expected = recipients.values().stream().mapToLong(Set::size).sum();
      long recalled = 0;
      for (UUID id : recipients.keySet()) {
        for (AuditEntry entry : store.trail(id.toString())) {
          if (entry.event().type() == AuditEventType.RECALLED) {
            recalled++;
            assertThat(entry.event().reason()).isEqualTo(ReasonCode.RECALL_LEGAL);
          }
        }
      }
      assertThat(recalled).as("RECALLED events, one per delivery").isEqualTo(expected);
      AuditVerifier.Result chain = AuditVerifier.verify(store, workdir.hubCertificate(), workdir.ca());
      assertThat(chain.ok()).as("audit chain verifies: " + chain.problem()).isTrue();
    }
  }

  /** What one agency's mailbox held: package ids of deliveries, and of recall notices. */
  private record Taken(List<String> deliveries, List<String> notices) {}

  private static Taken drainAgency(Workdir workdir, String agency, String brokerUrl) throws Exception {
    List<String> deliveries = new ArrayList<>();
    List<String> notices = new ArrayList<>();
    try (BrokerDrain drain = new BrokerDrain(brokerUrl, workdir.keyStore(agency), workdir.trustStore(), DemoPki.PASSWORD)) {
      drain.drain("wildex.deliver." + agency, Duration.ofMillis(1_000), (body, message) -> {
        String packageId = message.getStringProperty("wildexPackageId");
        (message.getStringProperty("wildexMessageKind") == null ? deliveries : notices).add(packageId);
      });
    }
    return new Taken(deliveries, notices);
  }

  /** Sends recalls from several threads, remembering which got a 202 and what else came back. */
  private static final class Recaller {
    final Set<UUID> queued = ConcurrentHashMap.newKeySet();
    final Map<Integer, Integer> refusals = new ConcurrentHashMap<>();
    private final Workdir workdir;
    private final String hubUrl;
    private final Map<String, IntakeClient> clients = new ConcurrentHashMap<>();

    Recaller(Workdir workdir, String hubUrl) {
      this.workdir = workdir;
      this.hubUrl = hubUrl;
    }

    void recall(List<LoadClient.Sealed> packages, Map<UUID, String> senders, java.util.function.IntConsumer progress)
        throws Exception {
      AtomicInteger answered = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(CLIENT_THREADS);
      for (LoadClient.Sealed p : packages) {
        pool.execute(() -> {
          try {
            String ngo = senders.get(p.id());
            byte[] sealed = Cms.seal(PackageCodec.toJson(new RecallRequest(p.id(), RecallReason.LEGAL, null, Instant.now())),
                workdir.keys(ngo), workdir.hubCertificate());
            IntakeClient.Answer answer = client(ngo).recall(p.id(), sealed);
            if (answer.accepted()) {
              queued.add(p.id());
            } else {
              refusals.merge(answer.status(), 1, Integer::sum);
            }
          } catch (Exception e) {
            refusals.merge(0, 1, Integer::sum);
          } finally {
            progress.accept(answered.incrementAndGet());
          }
        });
      }
      pool.shutdown();
      if (!pool.awaitTermination(10, TimeUnit.MINUTES)) {
        throw new IllegalStateException("recalls did not finish in 10 minutes");
      }
    }

    private IntakeClient client(String ngo) {
      return clients.computeIfAbsent(ngo, k -> {
        try {
          return new IntakeClient(hubUrl, Tls.clientContext(workdir.keys(ngo), workdir.ca()));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
    }
  }
}
