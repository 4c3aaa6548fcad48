package org.wildex.routes.audit;

import java.time.Duration;
import java.time.Instant;
import org.wildex.crypto.CryptoException;
import org.wildex.crypto.chain.Checkpoint;
import org.wildex.crypto.chain.CheckpointSigner;
import org.wildex.crypto.pki.KeyHolder;

/** When the hub signs a checkpoint of the head (every N entries or T seconds), and with which key. */
public record Checkpointing(KeyHolder hub, int every, Duration interval) {

  /** True when the head moved since the last checkpoint by {@code every} entries, or {@code interval} has passed. */
  public boolean due(AuditStore.Head head, Instant now) {
    if (head.seq() <= head.checkpointSeq()) {
      return false;
    }
    return head.seq() - head.checkpointSeq() >= every
        || head.checkpointAt() == null
        || !head.checkpointAt().plus(interval).isAfter(now);
  }

  /** The hub's signature (CMS SignedData, DER) over a checkpoint of the head. */
  public byte[] sign(Checkpoint checkpoint) throws CryptoException {
    return CheckpointSigner.sign(checkpoint, hub);
  }
}
