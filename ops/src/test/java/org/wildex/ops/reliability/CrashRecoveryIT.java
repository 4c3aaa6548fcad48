package org.wildex.ops.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildex.contracts.directory.Directory;
import org.wildex.contracts.receipt.ReceiptDelivery;
import org.wildex.ops.Workdir;
import org.wildex.ops.demo.DemoSetup;

/**
 * The hub as a separate JVM ({@code wildex serve}) under load from several clients, stopped mid-flow and restarted:
 * every package that got a 202 must reach each of its recipients exactly once, and nothing else may arrive.
 */
class CrashRecoveryIT {

  static final int PACKAGES = 2000;
  static final int CLIENT_THREADS = 4;

  @TempDir Path dir;

  @Test
  void kill_9_mid_flow_loses_nothing_and_duplicates_nothing() throws Exception {
    run("kill -9", true);
  }

  @Test
  void graceful_restart_under_load_loses_nothing_and_duplicates_nothing() throws Exception {
    run("graceful restart", false);
  }

  private void run(String variant, boolean kill) throws Exception {
    Workdir workdir = new Workdir(dir);
    DemoSetup.create(workdir);
    int https = freePort();
    int broker = freePort();
    Path log = dir.resolve("hub.log");
    LoadClient load = new LoadClient(workdir);
    List<LoadClient.Sealed> packages = load.seal(PACKAGES);
    Set<UUID> submitted = new HashSet<>();
    packages.forEach(p -> submitted.add(p.id()));

    long t0 = System.nanoTime();
    HubProcess hub = HubProcess.start(workdir.root(), https, broker, log);
    CountDownLatch halfway = new CountDownLatch(1);
    Thread stopper = new Thread(() -> {
      try {
        halfway.await();
        if (kill) {
          hub.kill();
        } else {
          hub.stop();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    stopper.start();
    String url = "https://localhost:" + https;
    load.submit(url, packages.subList(0, PACKAGES / 2 + PACKAGES / 4), CLIENT_THREADS, answered -> {
      if (answered == PACKAGES / 2) {
        halfway.countDown();
      }
    });
    stopper.join();
    int acceptedBeforeStop = load.accepted.size();

    try (HubProcess restarted = HubProcess.start(workdir.root(), https, broker, log)) {
      load.submit(url, packages.subList(PACKAGES / 2 + PACKAGES / 4, PACKAGES), CLIENT_THREADS, answered -> {});
      Deliveries out = new Deliveries();
      Directory directory = Directory.load(workdir.directoryFile());
      // A package's deliveries and receipt commit together: drain until every accepted package has its receipt, then
      // once more for deliveries committed after their queue was drained in the last round.
      String brokerUrl = "tcp://localhost:" + broker;
      for (int round = 0; round < 120 && !out.receipted.keySet().containsAll(load.accepted); round++) {
        out.drain(workdir, directory.participants(), brokerUrl, Duration.ofMillis(300));
      }
      out.drain(workdir, directory.participants(), brokerUrl, Duration.ofMillis(300));
      restarted.stop();

      Set<String> receiptedDeliveries = new HashSet<>();
      int duplicateReceipts = 0;
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
      long deliveredWithout202 = out.receipted.keySet().stream().filter(id -> !load.accepted.contains(id)).count();

      System.out.printf(
          "CRASH TEST [%s]: submitted=%d accepted(202)=%d (before stop %d) not-accepted=%d receipts=%d deliveries=%d"
              + " duplicates=%d lost=%d delivered-without-202=%d elapsed=%ds%n",
          variant, PACKAGES, load.accepted.size(), acceptedBeforeStop, load.failed.get(), out.receiptCount,
          out.arrivals.size(), duplicates + duplicateReceipts, lostDeliveries + lostPackages, deliveredWithout202,
          (System.nanoTime() - t0) / 1_000_000_000);

      assertThat(lostPackages).as("accepted packages without a receipt").isZero();
      assertThat(out.rejected).as("rejections").isEmpty();
      assertThat(out.receipted.values()).allSatisfy(list -> assertThat(list).isNotEmpty());
      assertThat(duplicateReceipts).as("the same delivery receipted twice").isZero();
      assertThat(lostDeliveries).as("receipted deliveries that never arrived").isZero();
      assertThat(duplicates).as("deliveries that arrived twice").isZero();
      assertThat(unreceipted).as("deliveries no receipt accounts for").isZero();
      assertThat(foreign).as("deliveries of packages nobody submitted").isZero();
      assertThat(load.accepted.size()).as("the hub accepted most of the load").isGreaterThan(PACKAGES / 2);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
