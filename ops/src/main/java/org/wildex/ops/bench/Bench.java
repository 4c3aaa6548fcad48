package org.wildex.ops.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.wildex.contracts.directory.Directory;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.directory.ParticipantKind;
import org.wildex.contracts.policy.Policy;
import org.wildex.crypto.cms.Cms;
import org.wildex.crypto.pki.FileKeyHolder;
import org.wildex.crypto.pki.KeyHolder;
import org.wildex.crypto.pki.DemoPki;
import org.wildex.ops.Workdir;
import org.wildex.ops.client.IntakeClient;
import org.wildex.ops.client.Tls;
import org.wildex.ops.demo.DemoSetup;

/**
 * One benchmark run: demo PKI and directory in a fresh folder, packages sealed ahead, the two ceilings, then the hub in
 * its own JVM fed over HTTPS and drained over AMQP; prints the report and, last, the {@code RESULT} line.
 */
public final class Bench {

  /** Seconds without a package completing after which the run gives up waiting. */
  static final long STALL_SECONDS = 60;
  private static final List<String> NGOS = List.of("eia", "traffic", "wcs");

  private final BenchOptions o;
  private final PrintStream out;

  public Bench(BenchOptions options, PrintStream out) {
    this.o = options;
    this.out = out;
  }

  /** Runs it; the result says whether every accepted package reached every recipient once and the samples verified. */
  public BenchResult run() throws Exception {
    double loadAtStart = Machine.load();
    Path root = o.workdir() != null ? Files.createDirectories(o.workdir()) : Files.createTempDirectory("wildex-bench");
    Workdir workdir = new Workdir(root);
    DemoSetup.create(workdir);
    Directory directory = Directory.load(workdir.directoryFile());
    Policy policy = Policy.load(root.resolve("policy.yaml"));
    List<String> agencies = directory.participants().stream().filter(p -> p.kind().isAgency()).map(Participant::id).toList();
    List<String> ngos = directory.participants().stream().filter(p -> p.kind() == ParticipantKind.NGO).map(Participant::id).toList();
    out.printf(Locale.ROOT, "wildex bench: %d packages (+%d warm-up) of %d KiB, %d recipients each, %d HTTPS clients, rate %s,"
            + " hub consumers %d, hub heap %s%n", o.packages(), o.warmup(), o.sizeBytes() / 1024, o.recipients(),
        o.concurrency(), o.rate() > 0 ? o.rate() + "/s" : "max", o.consumers(), o.hubHeap());
    out.printf(Locale.ROOT, "machine: %s; load %.2f%n", Machine.describe(), loadAtStart);
    out.println("workdir: " + root);

    List<PackageFactory.SealedPackage> all = seal(workdir, directory, policy, o.warmup() + o.packages());
    List<PackageFactory.SealedPackage> warm = all.subList(0, o.warmup());
    List<PackageFactory.SealedPackage> timed = all.subList(o.warmup(), all.size());
    double sealedKib = timed.stream().mapToInt(p -> p.submission().length).average().orElse(0) / 1024;
    double plainKib = timed.stream().mapToInt(PackageFactory.SealedPackage::plaintextBytes).average().orElse(0) / 1024;

    KeyHolder hubKey = FileKeyHolder.fromPkcs12(workdir.pki().resolve("hub.p12"), DemoPki.PASSWORD.toCharArray());
    Map<String, X509Certificate> certificates = new HashMap<>();
    for (Participant p : directory.participants()) {
      certificates.put(p.id(), workdir.keys(p.id()).certificate());
    }
    CryptoCeiling crypto = new CryptoCeiling(timed.subList(0, Math.min(64, timed.size())), hubKey, workdir.ca(), certificates::get);
    double cryptoPps = crypto.measure(Machine.cores(), o.ceilingSeconds() / 3, o.ceilingSeconds());
    out.printf(Locale.ROOT, "crypto ceiling: %.0f packages/s (%d threads, %.0f s; per package: open + verify, CA check, commitment"
        + " check, %d x sign+encrypt deliveries, 1 x sign+encrypt receipt; %.2f ms CPU per package)%n", cryptoPps,
        Machine.cores(), o.ceilingSeconds(), o.recipients(), crypto.cpuMsPerPackage());
    double brokerPps;
    double brokerCpuMs;
    double brokerThreadsMs;
    String journal;
    try (BrokerCeiling broker = new BrokerCeiling(root.resolve("ceiling-broker"), o.recipients(),
        timed.get(0).submission().length, workdir, agencies, NGOS.get(0))) {
      journal = broker.journalType();
      brokerPps = broker.measure(o.concurrency(), o.consumers(), o.ceilingSeconds() / 3, o.ceilingSeconds(), false);
      brokerCpuMs = broker.cpuMsPerPackage();
      out.printf(Locale.ROOT, "broker ceiling: %.0f packages/s (%s journal, persistent; per package: 1 send, 1 transaction"
          + " of consume + %d deliveries + receipt + audit, drained in-VM; %.2f ms CPU per package, of which broker threads"
          + " %.2f; %.2f cores busy)%n", brokerPps, journal, o.recipients(), brokerCpuMs, broker.brokerThreadsMsPerPackage(),
          brokerPps * brokerCpuMs / 1000);
      double egressPps = broker.measure(o.concurrency(), o.consumers(), o.ceilingSeconds() / 3, o.ceilingSeconds(), true);
      brokerThreadsMs = broker.brokerThreadsMsPerPackage();
      out.printf(Locale.ROOT, "broker ceiling, deliveries and receipts drained over AMQP 1.0 + TLS as the agencies take"
          + " them: %.0f packages/s; broker threads %.2f ms CPU per package (compare the hub's row of that name)%n",
          egressPps, brokerThreadsMs);
    }
    // each ceiling had the whole machine; one package needs both, so sharing it they cannot beat this
    double together = cryptoPps > 0 && brokerPps > 0 ? 1 / (1 / cryptoPps + 1 / brokerPps) : 0;
    out.printf(Locale.ROOT, "crypto and broker together: %.0f packages/s (%.2f ms CPU per package), before HTTPS, JSON,"
        + " policy, audit store and the agencies' consumers; a reference, not a cap: the broker ceiling's CPU includes its"
        + " own clients in its JVM, and the hub's cost against the crypto is measured below (cost ratio)%n", together,
        crypto.cpuMsPerPackage() + brokerCpuMs);

    Run run;
    LatencyBook book = new LatencyBook(timed, agencies);
    String topology;
    try (HubsUnderTest hubs = HubsUnderTest.start(root, o)) {
      topology = hubs.describe();
      out.println("topology: " + topology);
      List<Map<String, IntakeClient>> nodes = new ArrayList<>();
      for (String url : hubs.intakeUrls()) {
        Map<String, IntakeClient> clients = new HashMap<>();
        for (String ngo : NGOS) {
          clients.put(ngo, new IntakeClient(url, Tls.clientContext(workdir.keys(ngo), workdir.ca())));
        }
        nodes.add(clients);
      }
      int brokerPort = hubs.brokerPort();
      if (!warm.isEmpty()) {
        LatencyBook warmBook = new LatencyBook(warm, agencies);
        try (AgencyConsumers consumers = new AgencyConsumers("localhost", brokerPort, workdir, agencies, ngos, warmBook, 0)) {
          // at the timed part's rate: the warm-up is the load the timed part measures
          int sent = new Submitter(warm, nodes, warmBook).run(o.concurrency(), o.rate(), 0);
          awaitCompletion(warmBook, sent, hubs);
        }
        out.printf(Locale.ROOT, "warm-up: %d packages at %s, %d completed%n", warm.size(),
            o.rate() > 0 ? o.rate() + "/s" : "the hub's pace", warmBook.completed.get());
      }
      HubCosts costs0 = hubs.hubCosts();
      double[] hubCpu0 = hubs.hubCpuSeconds();
      double brokerCpu0 = hubs.brokerCpuSeconds();
      double ownCpu0 = Machine.ownCpuSeconds();
      int sent;
      List<AgencyConsumers.Sample> samples;
      try (AgencyConsumers consumers = new AgencyConsumers("localhost", brokerPort, workdir, agencies, ngos, book, o.sampleEvery())) {
        book.begin();
        sent = new Submitter(timed, nodes, book).run(o.concurrency(), o.rate(), o.durationSeconds());
        awaitCompletion(book, book.accepted.get(), hubs);
        awaitReceipts(book);
        samples = new ArrayList<>(consumers.samples);
      }
      double elapsed = book.elapsedSeconds();
      double[] hubCpu = hubs.hubCpuSeconds();
      HubCosts costs = hubs.hubCosts();
      for (int i = 0; i < hubCpu.length; i++) {
        hubCpu[i] -= hubCpu0[i];
      }
      double brokerCpu = hubs.brokerCpuSeconds() - brokerCpu0;
      double ownCpu = Machine.ownCpuSeconds() - ownCpu0;
      HubUnderTest.HeapUse heap = hubs.heap();
      int verified = verify(samples, workdir, workdir.hubCertificate());
      double sampleKib = samples.stream().mapToInt(x -> x.cms().length).average().orElse(0) / 1024;
      run = new Run(sent, elapsed, hubCpu, hubs.external() ? brokerCpu : -1, ownCpu, heap, samples.size(), verified,
          sampleKib, new CostTable(costs0, costs, book.completed.get()));
    }
    return report(book, run, cryptoPps, brokerPps, crypto.cpuMsPerPackage(), brokerCpuMs, brokerThreadsMs, journal, sealedKib,
        plainKib, loadAtStart, topology);
  }

  /** One run's counts; {@code hubCpu} per hub JVM, {@code brokerCpu} of the external broker (-1: embedded in the hub). */
  private record Run(int sent, double elapsed, double[] hubCpu, double brokerCpu, double ownCpu, HubUnderTest.HeapUse heap,
      int sampled, int verified, double sampleKib, CostTable cost) {}

  private BenchResult report(LatencyBook book, Run run, double cryptoPps, double brokerPps, double cryptoCpuMs,
      double brokerCpuMs, double brokerThreadsMs, String journal, double sealedKib, double plainKib, double loadAtStart, String topology) {
    int completed = book.completed.get();
    double pps = run.elapsed() > 0 ? completed / run.elapsed() : 0;
    out.printf(Locale.ROOT, "packages: %.1f KiB JSON, %.1f KiB sealed; submitted %d, accepted (202) %d, refused %d%n",
        plainKib, sealedKib, run.sent(), book.accepted.get(), book.refused.get());
    out.printf(Locale.ROOT, "delivered: %d packages complete at all %d recipients; %d deliveries consumed over AMQP, %d duplicate,"
        + " %d unexpected; %d receipts%n", completed, o.recipients(), book.deliveries.get(), book.duplicates.get(),
        book.strays.get(), book.receipts.get());
    long[] perSecond = book.perSecond();
    out.printf(Locale.ROOT, "throughput: %.1f packages/s end-to-end over %.1f s (first submission to last delivery); %s%n",
        pps, run.elapsed(), steadiness(perSecond));
    out.printf(Locale.ROOT, "latency end-to-end (submission to last recipient's delivery): p50 %.1f ms, p95 %.1f ms,"
        + " p99 %.1f ms, max %.1f ms%n", ms(book.endToEnd, 50), ms(book.endToEnd, 95), ms(book.endToEnd, 99),
        book.endToEnd.getMaxValue() / 1e6);
    out.println("latency end-to-end p99 by fifth of the run (packages in submission order): " + Arrays.stream(book.p99ByPart(5))
        .mapToObj(v -> String.format(Locale.ROOT, "%.1f", v)).collect(Collectors.joining(" / ")) + " ms");
    out.printf(Locale.ROOT, "latency intake (POST to 202): p50 %.1f ms, p99 %.1f ms%n", ms(book.intake, 50), ms(book.intake, 99));
    double wall = Math.max(run.elapsed(), 1e-9);
    double hubCpu = Arrays.stream(run.hubCpu()).sum();
    if (run.brokerCpu() < 0) {
      out.printf(Locale.ROOT, "cpu: hub %.2f cores (%.1f ms per package), harness (clients, consumers) %.2f cores, of %d%n",
          hubCpu / wall, perPackage(hubCpu, completed), run.ownCpu() / wall, Machine.cores());
    } else {
      double all = hubCpu + run.brokerCpu();
      out.printf(Locale.ROOT, "cpu: hub nodes %.2f cores (%s), broker %.2f cores; hub nodes + broker %.2f cores, %.1f ms per"
          + " package (hub nodes %.1f, broker %.1f); harness (clients, consumers) %.2f cores, of %d%n", hubCpu / wall,
          HubsUnderTest.perNode(Arrays.stream(run.hubCpu()).map(c -> c / wall).toArray(), "%.2f"), run.brokerCpu() / wall,
          all / wall, perPackage(all, completed), perPackage(hubCpu, completed), perPackage(run.brokerCpu(), completed),
          run.ownCpu() / wall, Machine.cores());
    }
    out.printf(Locale.ROOT, "heap (%s, -Xmx%s): live at most %d MiB (largest in use after a mixed or full collection, else after"
        + " a young one), %d MiB largest after any evacuation pause, %d MiB peak before one%n",
        run.hubCpu().length == 1 ? "hub" : "the hub node that used the most", o.hubHeap(), run.heap().liveMb(), run.heap().afterAnyMb(),
        run.heap().peakMb());
    out.printf(Locale.ROOT, "samples: %d of %d sampled deliveries opened by their recipient and signed by the hub; %.1f KiB"
        + " sealed on average (view, manifest and its proof; the crypto ceiling seals the package's size)%n", run.verified(),
        run.sampled(), run.sampleKib());
    double ratioCrypto = cryptoPps > 0 ? pps / cryptoPps : 0;
    double ratioBroker = brokerPps > 0 ? pps / brokerPps : 0;
    out.printf(Locale.ROOT, "ratios: hub / crypto ceiling %.2f, hub / broker ceiling %.2f (hub journal: see hub.log; ceiling %s)%n",
        ratioCrypto, ratioBroker, journal);
    out.printf(Locale.ROOT, "cost ratio: the hub's %.2f ms CPU per package is %.2f x the crypto's %.2f ms and %.2f x crypto and"
        + " broker together (%.2f ms)%n", run.cost().hubCpuMs(), run.cost().costRatio(cryptoCpuMs), cryptoCpuMs,
        run.cost().hubCpuMs() / (cryptoCpuMs + brokerCpuMs), cryptoCpuMs + brokerCpuMs);
    out.printf(Locale.ROOT, "load: %.2f at start, %.2f at end (1-minute average, other processes included)%n", loadAtStart,
        Machine.load());
    boolean complete = completed == book.accepted.get() && book.accepted.get() == run.sent() && book.duplicates.get() == 0
        && book.strays.get() == 0 && run.verified() == run.sampled();
    if (!complete) {
      out.println("INCOMPLETE: not every submitted package reached every recipient exactly once, or a sample failed");
    }
    BenchResult result = new BenchResult(pps, ms(book.endToEnd, 50), ms(book.endToEnd, 99), cryptoPps, brokerPps, ratioCrypto,
        run.heap().liveMb(), completed, book.deliveries.get(), complete, run.cost().hubCpuMs(), run.cost().costRatio(cryptoCpuMs));
    run.cost().print(out);
    if (run.brokerCpu() < 0) { // the broker embedded in the hub: its threads are in the hub's table
      out.printf(Locale.ROOT, "broker threads: the hub's %.2f ms CPU per package against the broker ceiling's %.2f ms with"
          + " the agencies over AMQP + TLS (its messages smaller: no view, manifest or signature in them)%n",
          run.cost().groupMs(HubCosts.BROKER), brokerThreadsMs);
    }
    out.println("topology: " + topology);
    out.println(run.cost().line(cryptoCpuMs));
    out.println(result.line());
    return result;
  }

  private static double perPackage(double cpuSeconds, int completed) {
    return completed == 0 ? 0 : cpuSeconds * 1000 / completed;
  }

  /** Completions per second over the middle of the run (the first and last 5 s left out when the run is long enough). */
  private static String steadiness(long[] perSecond) {
    int from = perSecond.length > 20 ? 5 : 0;
    int to = perSecond.length > 20 ? perSecond.length - 5 : perSecond.length;
    long[] middle = Arrays.copyOfRange(perSecond, from, Math.max(from, to));
    if (middle.length == 0) {
      return "too short for a per-second view";
    }
    long[] sorted = middle.clone();
    Arrays.sort(sorted);
    return String.format(Locale.ROOT, "per second over %d s of the middle: min %d, median %d, max %d", middle.length,
        sorted[0], sorted[sorted.length / 2], sorted[sorted.length - 1]);
  }

  private static double ms(org.HdrHistogram.Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1e6;
  }

  private List<PackageFactory.SealedPackage> seal(Workdir workdir, Directory directory, Policy policy, int n) throws Exception {
    PackageFactory factory = new PackageFactory(directory, policy, o.sizeBytes(), o.recipients());
    Map<String, KeyHolder> keys = new HashMap<>();
    for (String ngo : NGOS) {
      keys.put(ngo, workdir.keys(ngo));
    }
    X509Certificate hub = workdir.hubCertificate();
    long start = System.nanoTime();
    PackageFactory.SealedPackage[] sealed = new PackageFactory.SealedPackage[n];
    IntStream.range(0, n).parallel().forEach(i -> {
      String sender = NGOS.get(i % NGOS.size());
      try {
        sealed[i] = factory.seal(i, sender, keys.get(sender), hub);
      } catch (Exception e) {
        throw new IllegalStateException("cannot seal benchmark package " + i + ": " + e.getMessage(), e);
      }
    });
    out.printf(Locale.ROOT, "sealed: %d packages in %.1f s (as eia, traffic (RSA), wcs: committed, signed, encrypted to the hub)%n",
        n, (System.nanoTime() - start) / 1e9);
    return Arrays.asList(sealed);
  }

  private void awaitCompletion(LatencyBook book, int expected, HubsUnderTest hub) throws InterruptedException {
    int last = -1;
    long lastProgress = System.nanoTime();
    while (book.completed.get() < expected) {
      if (!hub.isAlive()) {
        throw new IllegalStateException("a hub or broker JVM died during the run; see the *.log files in the workdir");
      }
      int now = book.completed.get();
      if (now != last) {
        last = now;
        lastProgress = System.nanoTime();
      } else if (System.nanoTime() - lastProgress > STALL_SECONDS * 1_000_000_000L) {
        out.printf("stalled: %d of %d packages complete, no progress for %d s%n", now, expected, STALL_SECONDS);
        return;
      }
      Thread.sleep(20);
    }
  }

  private void awaitReceipts(LatencyBook book) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (book.receipts.get() < book.accepted.get() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  /** Opens each sampled delivery with its recipient's key; counts those signed by the hub. */
  private static int verify(List<AgencyConsumers.Sample> samples, Workdir workdir, X509Certificate hub) throws Exception {
    Map<String, KeyHolder> keys = new HashMap<>();
    int ok = 0;
    for (AgencyConsumers.Sample s : samples) {
      KeyHolder key = keys.computeIfAbsent(s.recipient(), id -> {
        try {
          return workdir.keys(id);
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      });
      Cms.Opened opened = Cms.open(s.cms(), key);
      if (Arrays.equals(opened.signer().getEncoded(), hub.getEncoded())) {
        ok++;
      }
    }
    return ok;
  }

  /**
   * A port nothing listens on now, below the kernel's ephemeral range (32768 and up by default) so that no outgoing
   * connection on the machine can take it before the hub or broker that is handed it binds it.
   */
  static int freePort() throws IOException {
    for (int attempt = 0; attempt < 1000; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(20000, 32000);
      try (ServerSocket s = new ServerSocket()) {
        s.setReuseAddress(false);
        s.bind(new InetSocketAddress(port));
        return port;
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IOException("no free port between 20000 and 32000 after 1000 tries");
  }
}
