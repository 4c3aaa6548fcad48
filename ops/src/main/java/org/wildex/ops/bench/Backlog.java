package org.wildex.ops.bench;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueRequestor;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.ActiveMQJMSClient;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.wildex.contracts.directory.Directory;
import org.wildex.contracts.policy.Policy;
import org.wildex.crypto.pki.DemoPki;
import org.wildex.crypto.pki.KeyHolder;
import org.wildex.ops.Workdir;
import org.wildex.ops.client.BrokerDrain;
import org.wildex.ops.client.IntakeClient;
import org.wildex.ops.client.Tls;
import org.wildex.ops.demo.DemoSetup;

/**
 * {@code wildex bench --backlog N}: can the hub hold N accepted packages that nobody processes yet without running out
 * of memory, and keep every one across a restart? The hub runs as its own JVM; its intake queue is paused (persistently,
 * through the broker's management address, with the hub's own certificate) so nothing is processed; N distinct
 * packages are sealed and submitted over HTTPS; the queue's depth, the hub's heap (GC log) and the data directory's
 * size are printed as the backlog grows; then the hub is stopped and started again and the depth must still equal the
 * number of 202s. The last line is {@code BACKLOG ...}.
 */
public final class Backlog {

  private static final String INTAKE = "wildex.intake";
  private static final List<String> NGOS = List.of("eia", "traffic", "wcs");

  private final BenchOptions o;
  private final int packages;
  private final PrintStream out;

  public Backlog(BenchOptions options, int packages, PrintStream out) {
    this.o = options;
    this.packages = packages;
    this.out = out;
  }

  /** Runs it; true when every 202 is still on the intake queue after the restart. */
  public boolean run() throws Exception {
    Path root = o.workdir() != null ? Files.createDirectories(o.workdir()) : Files.createTempDirectory("wildex-backlog");
    Workdir workdir = new Workdir(root);
    DemoSetup.create(workdir);
    Directory directory = Directory.load(workdir.directoryFile());
    PackageFactory factory = new PackageFactory(directory, Policy.load(root.resolve("policy.yaml")), o.sizeBytes(), o.recipients());
    out.printf(Locale.ROOT, "wildex bench --backlog: %d packages of %d KiB, intake paused, %d HTTPS clients, hub heap %s%n",
        packages, o.sizeBytes() / 1024, o.concurrency(), o.hubHeap());
    out.printf(Locale.ROOT, "machine: %s; load %.2f%nworkdir: %s%n", Machine.describe(), Machine.load(), root);

    int httpsPort = Bench.freePort();
    int brokerPort = Bench.freePort();
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    long depth;
    HubUnderTest.HeapUse heap;
    double seconds;
    try (HubUnderTest hub = start(root, httpsPort, brokerPort)) {
      try (IntakeQueue intake = new IntakeQueue(workdir, brokerPort)) {
        intake.pause();
      }
      Map<String, IntakeClient> clients = new HashMap<>();
      Map<String, KeyHolder> keys = new HashMap<>();
      for (String ngo : NGOS) {
        keys.put(ngo, workdir.keys(ngo));
        clients.put(ngo, new IntakeClient("https://localhost:" + httpsPort, Tls.clientContext(keys.get(ngo), workdir.ca())));
      }
      X509Certificate hubCertificate = workdir.hubCertificate();
      AtomicInteger next = new AtomicInteger();
      int reportEvery = Math.max(1, packages / 10);
      long begin = System.nanoTime();
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < o.concurrency(); t++) {
        Thread thread = new Thread(() -> {
          for (int i; (i = next.getAndIncrement()) < packages; ) {
            String ngo = NGOS.get(i % NGOS.size());
            try {
              byte[] sealed = factory.seal(i, ngo, keys.get(ngo), hubCertificate).submission();
              (clients.get(ngo).submit(sealed).accepted() ? accepted : refused).incrementAndGet();
            } catch (Exception e) {
              refused.incrementAndGet();
            }
            if ((i + 1) % reportEvery == 0) {
              progress(hub, root, brokerPort, workdir, accepted.get(), refused.get(), begin);
            }
          }
        }, "backlog-submit-" + t);
        thread.start();
        threads.add(thread);
      }
      for (Thread thread : threads) {
        thread.join();
      }
      seconds = (System.nanoTime() - begin) / 1e9;
      try (IntakeQueue intake = new IntakeQueue(workdir, brokerPort)) {
        depth = intake.depth();
      }
      heap = hub.heap();
      out.printf(Locale.ROOT, "submitted: %d in %.0f s (%.1f/s, sealing included), accepted (202) %d, refused %d; intake depth %d;"
          + " hub heap live at most %d MiB, largest after any evacuation pause %d MiB, peak %d MiB; data directory %d MiB%n", packages, seconds,
          packages / seconds, accepted.get(), refused.get(), depth, heap.liveMb(), heap.afterAnyMb(), heap.peakMb(),
          sizeMb(root.resolve("data")));
    }
    out.println("hub stopped (SIGTERM); starting it again on the same data directory");
    long depthAfterRestart;
    try (HubUnderTest hub = start(root, httpsPort, brokerPort);
        IntakeQueue intake = new IntakeQueue(workdir, brokerPort)) {
      depthAfterRestart = intake.depth();
      HubUnderTest.HeapUse restarted = hub.heap();
      out.printf(Locale.ROOT, "after restart: intake depth %d; hub heap after start-up %d MiB (largest after any evacuation pause)%n",
          depthAfterRestart, restarted.afterAnyMb());
      intake.resume();
    }
    boolean kept = depth == accepted.get() && depthAfterRestart == accepted.get();
    out.printf(Locale.ROOT, "BACKLOG packages=%d accepted=%d depth=%d depth_after_restart=%d heap_live_mb=%d heap_peak_mb=%d"
        + " hub_heap=%s data_mb=%d intake_pps=%.1f kept=%s%n", packages, accepted.get(), depth, depthAfterRestart,
        heap.liveMb(), heap.peakMb(), o.hubHeap(), sizeMb(root.resolve("data")), accepted.get() / seconds, kept);
    return kept;
  }

  private HubUnderTest start(Path root, int httpsPort, int brokerPort) throws Exception {
    return HubUnderTest.start(root, httpsPort, brokerPort, 0, o.consumers(), o.hubHeap(), o.hubJvmOptions());
  }

  private synchronized void progress(HubUnderTest hub, Path root, int brokerPort, Workdir workdir, int accepted, int refused,
      long begin) {
    long depth;
    try (IntakeQueue intake = new IntakeQueue(workdir, brokerPort)) {
      depth = intake.depth();
    } catch (Exception e) {
      depth = -1;
    }
    HubUnderTest.HeapUse heap = hub.heap();
    out.printf(Locale.ROOT, "  %6.0f s: accepted %d, refused %d, intake depth %d, hub heap after GC %d MiB (peak %d), data %d MiB%n",
        (System.nanoTime() - begin) / 1e9, accepted, refused, depth, heap.afterAnyMb(), heap.peakMb(), sizeMb(root.resolve("data")));
  }

  private static long sizeMb(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          return 0; // a journal file removed while walking
        }
      }).sum() / (1024 * 1024);
    } catch (IOException | UncheckedIOException e) {
      return -1;
    }
  }


  /** The hub's intake queue through the broker's management address, as the hub itself (its certificate). */
  private static final class IntakeQueue implements AutoCloseable {
    private final QueueConnection connection;
    private final QueueSession session;
    private final QueueRequestor requestor;

    IntakeQueue(Workdir workdir, int brokerPort) throws JMSException, IOException {
      String url = BrokerDrain.tlsUrl("tcp://localhost:" + brokerPort, workdir.pki().resolve("hub.p12"),
          workdir.pki().resolve("truststore.p12"), DemoPki.PASSWORD);
      connection = new ActiveMQConnectionFactory(url).createQueueConnection();
      connection.start();
      session = connection.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
      Queue management = ActiveMQJMSClient.createQueue("activemq.management");
      requestor = new QueueRequestor(session, management);
    }

    /** Pauses delivery to the hub's consumers; persisted, so it holds across a restart. */
    void pause() throws Exception {
      invoke("pause", true);
    }

    void resume() throws Exception {
      invoke("resume");
    }

    long depth() throws Exception {
      Message m = session.createMessage();
      JMSManagementHelper.putAttribute(m, ResourceNames.QUEUE + INTAKE, "messageCount");
      Message reply = requestor.request(m);
      if (!JMSManagementHelper.hasOperationSucceeded(reply)) {
        throw new IllegalStateException("messageCount of " + INTAKE + " failed: " + JMSManagementHelper.getResult(reply));
      }
      return ((Number) JMSManagementHelper.getResult(reply)).longValue();
    }

    private void invoke(String operation, Object... arguments) throws Exception {
      Message m = session.createMessage();
      JMSManagementHelper.putOperationInvocation(m, ResourceNames.QUEUE + INTAKE, operation, arguments);
      Message reply = requestor.request(m);
      if (!JMSManagementHelper.hasOperationSucceeded(reply)) {
        throw new IllegalStateException(operation + " of " + INTAKE + " failed: " + JMSManagementHelper.getResult(reply));
      }
    }

    @Override
    public void close() throws JMSException {
      connection.close();
    }
  }
}
