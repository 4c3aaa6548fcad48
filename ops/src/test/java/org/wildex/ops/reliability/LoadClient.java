package org.wildex.ops.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.wildex.crypto.cms.Cms;
import org.wildex.ops.Workdir;
import org.wildex.ops.client.IntakeClient;
import org.wildex.ops.client.Tls;

/** Seals packages ahead of time and submits them from several client threads, remembering which got a 202. */
final class LoadClient {

  static final List<String> NGOS = List.of("eia", "traffic", "wcs");

  /** One sealed package, ready to post. */
  record Sealed(UUID id, String sender, byte[] cms) {}

  private final Workdir workdir;
  private final Map<String, IntakeClient> clients = new ConcurrentHashMap<>();
  final Set<UUID> accepted = ConcurrentHashMap.newKeySet();
  final AtomicInteger failed = new AtomicInteger();
  /** HTTP status → how many submissions got it instead of 202 (0: no answer, the connection failed). */
  private final Map<Integer, AtomicInteger> refused = new ConcurrentHashMap<>();

  LoadClient(Workdir workdir) {
    this.workdir = workdir;
  }

  /** {@code n} small GREEN packages about a Cambodian company, round-robin over the three NGOs. */
  List<Sealed> seal(int n) throws Exception {
    List<Sealed> sealed = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String sender = NGOS.get(i % NGOS.size());
      UUID id = UUID.randomUUID();
      String json = """
          {"id": "%s", "createdAt": "%s", "originator": {"org": "%s", "reference": "LOAD-%d"},
           "title": "Pangolin scales stored at a Sihanoukville warehouse", "tlp": "GREEN",
           "subjects": [{"ref": "S1", "type": "ORGANISATION", "name": "Warehouse %d", "country": "KH"}],
           "requestedAction": "INVESTIGATE"}
          """.formatted(id, Instant.now(), sender, i, i);
      sealed.add(new Sealed(id, sender, Cms.seal(json.getBytes(StandardCharsets.UTF_8), workdir.keys(sender), workdir.hubCertificate())));
    }
    return sealed;
  }

  /**
   * Posts every package once from {@code threads} threads; a package is accepted only on 202. After each answer
   * {@code progress} gets the number of answers so far (a test uses it to kill the hub mid-flow).
   */
  void submit(String hubUrl, List<Sealed> packages, int threads, IntConsumer progress) throws Exception {
    submit(p -> hubUrl, packages, threads, progress);
  }

  /** As above, each package to the hub node {@code hubUrl} names for it when its turn comes. */
  void submit(java.util.function.Function<Sealed, String> hubUrl, List<Sealed> packages, int threads, IntConsumer progress)
      throws Exception {
    AtomicInteger answered = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    for (Sealed p : packages) {
      pool.execute(() -> {
        try {
          IntakeClient.Answer answer = client(hubUrl.apply(p), p.sender()).submit(p.cms());
          if (answer.accepted()) {
            accepted.add(p.id());
          } else {
            failed.incrementAndGet();
            refused.computeIfAbsent(answer.status(), k -> new AtomicInteger()).incrementAndGet();
          }
        } catch (IOException | InterruptedException | RuntimeException e) {
          failed.incrementAndGet();
          refused.computeIfAbsent(0, k -> new AtomicInteger()).incrementAndGet();
        } finally {
          progress.accept(answered.incrementAndGet());
        }
      });
    }
    pool.shutdown();
    if (!pool.awaitTermination(10, TimeUnit.MINUTES)) {
      throw new IllegalStateException("submissions did not finish in 10 minutes");
    }
  }

  /** HTTP status → count of submissions refused with it so far (0: the connection failed). */
  Map<Integer, Integer> refusals() {
    Map<Integer, Integer> copy = new java.util.TreeMap<>();
    refused.forEach((status, n) -> copy.put(status, n.get()));
    return copy;
  }

  private IntakeClient client(String hubUrl, String sender) {
    return clients.computeIfAbsent(hubUrl + "|" + sender, k -> {
      try {
        return new IntakeClient(hubUrl, Tls.clientContext(workdir.keys(sender), workdir.ca()));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }
}
