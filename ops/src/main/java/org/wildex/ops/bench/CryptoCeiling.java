package org.wildex.ops.bench;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.wildex.contracts.pkg.Commitment;
import org.wildex.contracts.pkg.IntelligencePackage;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.contracts.redaction.PackageLeaves;
import org.wildex.crypto.cms.Cms;
import org.wildex.crypto.commit.MerkleCommitments;
import org.wildex.crypto.pki.CertificateCheck;
import org.wildex.crypto.pki.KeyHolder;

/**
 * The crypto-only ceiling: the cryptography the hub does for one package, on every core in a tight loop, nothing else
 * (no HTTP, broker, JSON binding or policy). Per package: open the submission (ECDH + AES-GCM decrypt, signature
 * verify), check the signer's certificate against the CA, recompute the Merkle root of the originator's commitment and
 * verify its detached signature; then for each recipient, and once more for the receipt, sign as the hub and encrypt
 * to that participant (payload: the package's own size for a delivery, 1 KiB for the receipt).
 */
final class CryptoCeiling {

  /** One package prepared for the loop: what the hub gets and what it produces. */
  private record Work(byte[] submission, byte[] content, PackageLeaves leaves, byte[] seed, byte[] signature,
      byte[] statement, List<X509Certificate> recipients, X509Certificate submitter) {}

  private static final byte[] RECEIPT = "{\"status\":\"ACCEPTED\"}".repeat(48).getBytes(StandardCharsets.UTF_8);

  private final List<Work> work = new ArrayList<>();
  private final KeyHolder hub;
  private final X509Certificate ca;

  CryptoCeiling(List<PackageFactory.SealedPackage> sample, KeyHolder hub, X509Certificate ca,
      java.util.function.Function<String, X509Certificate> certificates) throws Exception {
    this.hub = hub;
    this.ca = ca;
    for (PackageFactory.SealedPackage p : sample) {
      Cms.Opened opened = Cms.open(p.submission(), hub);
      IntelligencePackage pkg = PackageCodec.parse(opened.content());
      Commitment c = pkg.commitment();
      work.add(new Work(p.submission(), opened.content(), PackageLeaves.of(pkg), HexFormat.of().parseHex(c.seed()),
          Base64.getDecoder().decode(c.signature()), Commitment.statement(pkg.id(), c.root()),
          p.recipients().stream().map(certificates).toList(), certificates.apply(p.sender())));
    }
  }

  /** CPU milliseconds one package's crypto took in the last measurement (independent of what else ran). */
  private volatile double cpuMsPerPackage;

  /** Packages per second over {@code seconds} on {@code threads} threads, after {@code warmupSeconds} of the same. */
  double measure(int threads, double warmupSeconds, double seconds) throws InterruptedException {
    run(threads, warmupSeconds);
    return run(threads, seconds) / seconds;
  }

  double cpuMsPerPackage() {
    return cpuMsPerPackage;
  }

  private long run(int threads, double seconds) throws InterruptedException {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong done = new AtomicLong();
    AtomicLong cpuNanos = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    List<Thread> running = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int offset = t;
      Thread thread = new Thread(() -> {
        for (int i = offset; !stop.get(); i++) {
          try {
            once(work.get(i % work.size()));
            done.incrementAndGet();
          } catch (Exception e) {
            failures.incrementAndGet();
          }
        }
        cpuNanos.addAndGet(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
      }, "bench-crypto-" + t);
      thread.start();
      running.add(thread);
    }
    Thread.sleep((long) (seconds * 1000));
    stop.set(true);
    for (Thread thread : running) {
      thread.join();
    }
    cpuMsPerPackage = done.get() == 0 ? 0 : cpuNanos.get() / 1e6 / done.get();
    if (failures.get() > 0) {
      throw new IllegalStateException(failures.get() + " crypto ceiling iterations failed");
    }
    return done.get();
  }

  private void once(Work w) throws Exception {
    Cms.Opened opened = Cms.open(w.submission(), hub);
    CertificateCheck.checkIssuedBy(opened.signer(), ca, Instant.now());
    MerkleCommitments.compute(w.seed(), w.leaves().paths(), w.leaves().encodedValues());
    Cms.verifyDetached(w.signature(), w.statement());
    for (X509Certificate recipient : w.recipients()) {
      Cms.seal(w.content(), hub, recipient);
    }
    Cms.seal(RECEIPT, hub, w.submitter());
  }
}
