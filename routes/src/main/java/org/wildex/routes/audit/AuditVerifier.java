package org.wildex.routes.audit;

import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.wildex.crypto.CryptoException;
import org.wildex.crypto.chain.ChainHash;
import org.wildex.crypto.chain.Checkpoint;
import org.wildex.crypto.chain.CheckpointSigner;

/**
 * Recomputes the whole chain from the stored fields and checks every signed checkpoint against it: {@code wildex audit
 * verify}. The first problem found names the first sequence number that is not what was recorded.
 */
public final class AuditVerifier {

  /**
   * What verification found.
   *
   * @param entries entries checked
   * @param checkpoints signed checkpoints checked
   * @param firstBrokenSeq the first sequence number that does not verify, or null when all do
   * @param problem what is wrong at {@code firstBrokenSeq}
   * @param uncovered entries after the last signed checkpoint (intact so far, signed at the next checkpoint)
   */
  public record Result(long entries, int checkpoints, Long firstBrokenSeq, String problem, long uncovered) {
    public boolean ok() {
      return firstBrokenSeq == null;
    }
  }

  private AuditVerifier() {}

  /** Verifies the store with the hub's certificate (and, when given, that the CA issued it). */
  public static Result verify(AuditStore store, X509Certificate hub, X509Certificate ca) throws Exception {
    return verify(store, List.of(hub), ca == null ? List.of() : List.of(ca));
  }

  /**
   * Verifies the store with every certificate the hub has signed checkpoints with (the current one and those retired
   * by key renewals) and, when given, the CAs that issued them (the trusted ones and those retired by CA rotations).
   */
  public static Result verify(AuditStore store, List<X509Certificate> hubs, List<X509Certificate> cas) throws Exception {
    List<AuditStore.StoredCheckpoint> stored = store.checkpoints();
    Map<Long, AuditStore.StoredCheckpoint> bySeq = new HashMap<>();
    stored.forEach(c -> bySeq.put(c.seq(), c));
    long[] expected = {1};
    String[] prev = {ChainHash.GENESIS};
    long[] lastGoodCheckpoint = {0};
    int[] checked = {0};
    Result[] broken = {null};
    try {
      store.scanRaw(
          raw -> {
            long seq = raw.seq();
            if (seq != expected[0]) {
              broken[0] = brokenAt(expected[0], seq > expected[0] ? "entry " + expected[0] + " is missing" : "duplicate sequence " + seq, checked);
              throw new Stop();
            }
            if (!prev[0].equals(raw.prevHash())) {
              broken[0] = brokenAt(seq, "its previous-hash does not match entry " + (seq - 1), checked);
              throw new Stop();
            }
            String computed = ChainHash.link(seq, prev[0], ChainHash.hex(ChainHash.body(raw.fields())));
            if (!computed.equals(raw.entryHash())) {
              broken[0] = brokenAt(seq, "its fields do not hash to the recorded entry hash (the row was altered)", checked);
              throw new Stop();
            }
            AuditStore.StoredCheckpoint cp = bySeq.get(seq);
            if (cp != null) {
              String problem = checkCheckpoint(cp, computed, hubs, cas);
              if (problem != null) {
                broken[0] = brokenAt(lastGoodCheckpoint[0] + 1, problem + " (entries " + (lastGoodCheckpoint[0] + 1)
                    + ".." + seq + " were rewritten consistently, or the checkpoint was)", checked);
                throw new Stop();
              }
              lastGoodCheckpoint[0] = seq;
              checked[0]++;
            }
            prev[0] = computed;
            expected[0] = seq + 1;
          });
    } catch (Stop stop) {
      return new Result(expected[0] - 1, checked[0], broken[0].firstBrokenSeq(), broken[0].problem(), 0);
    }
    long last = expected[0] - 1;
    for (AuditStore.StoredCheckpoint cp : stored) {
      if (cp.seq() > last) {
        return new Result(last, checked[0], last + 1,
            "a signed checkpoint covers entry " + cp.seq() + " but the trail ends at " + last + " (entries were deleted)", 0);
      }
    }
    AuditStore.Head head = store.head();
    if (head.seq() != last) {
      return new Result(last, checked[0], Math.min(head.seq(), last) + 1,
          "the head row says the trail ends at " + head.seq() + " but it ends at " + last, 0);
    }
    return new Result(last, checked[0], null, null, last - lastGoodCheckpoint[0]);
  }

  /** Null when the checkpoint is signed by the hub and names exactly this head; else what is wrong. */
  static String checkCheckpoint(AuditStore.StoredCheckpoint cp, String computedHead, List<X509Certificate> hubs,
      List<X509Certificate> cas) {
    Checkpoint signed;
    try {
      signed = CheckpointSigner.verify(cp.cms(), hubs, cas);
    } catch (CryptoException e) {
      return "the checkpoint at " + cp.seq() + " is not validly signed by the hub (" + e.getMessage() + ")";
    }
    if (signed.seq() != cp.seq() || !signed.head().equals(cp.headHash())) {
      return "the checkpoint row at " + cp.seq() + " differs from what the hub signed";
    }
    if (!signed.head().equals(computedHead)) {
      return "the chain recomputed up to " + cp.seq() + " differs from the head the hub signed";
    }
    return null;
  }

  private static Result brokenAt(long seq, String problem, int[] checked) {
    return new Result(seq - 1, checked[0], seq, "entry " + seq + ": " + problem, 0);
  }

  private static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stop() {
      super(null, null, false, false);
    }
  }
}
