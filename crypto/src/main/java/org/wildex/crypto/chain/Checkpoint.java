package org.wildex.crypto.chain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A statement "the trail's entry {@code seq} has hash {@code head}", signed by the hub (see {@link CheckpointSigner}).
 * Its signed form is a few lines of ASCII text, so {@code openssl cms -verify} prints something a person can read:
 *
 * <pre>
 * wildex-audit-checkpoint-v1
 * seq=1200
 * head=3f1c...
 * at=2026-11-28T10:00:00Z
 * </pre>
 */
public record Checkpoint(long seq, String head, Instant at) {

  static final String MAGIC = "wildex-audit-checkpoint-v1";

  public Checkpoint {
    if (seq < 1) {
      throw new IllegalArgumentException("checkpoint seq must be >= 1, was " + seq);
    }
    ChainHash.unhex(head);
  }

  /** The exact bytes that are signed. */
  public byte[] payload() {
    return (MAGIC + "\nseq=" + seq + "\nhead=" + head + "\nat=" + at + "\n").getBytes(StandardCharsets.US_ASCII);
  }

  /** Parses {@link #payload()}; anything else is refused. */
  public static Checkpoint parse(byte[] payload) {
    String text = new String(payload, StandardCharsets.US_ASCII);
    String[] lines = text.split("\n", -1);
    if (lines.length != 5 || !MAGIC.equals(lines[0]) || !lines[4].isEmpty()) {
      throw new IllegalArgumentException("not a wildex audit checkpoint");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 1; i < 4; i++) {
      int eq = lines[i].indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("malformed checkpoint line " + i);
      }
      fields.put(lines[i].substring(0, eq), lines[i].substring(eq + 1));
    }
    try {
      Checkpoint c = new Checkpoint(Long.parseLong(fields.get("seq")), fields.get("head"), Instant.parse(fields.get("at")));
      if (!java.util.Arrays.equals(c.payload(), payload)) {
        throw new IllegalArgumentException("checkpoint is not in canonical form");
      }
      return c;
    } catch (NumberFormatException | DateTimeParseException | NullPointerException e) {
      throw new IllegalArgumentException("malformed checkpoint", e);
    }
  }
}
