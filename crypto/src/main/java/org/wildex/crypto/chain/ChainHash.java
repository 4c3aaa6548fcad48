package org.wildex.crypto.chain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The audit trail's hash chain, as plain functions (SHA-256, JDK provider):
 *
 * <pre>
 *   body  = SHA-256("wildex-audit-body-v1" || for each field: 0x00 (null) | 0x01 len32 utf8)
 *   entry = SHA-256("wildex-audit-link-v1" || seq (8 bytes, big-endian) || prev (32 bytes) || body (32 bytes))
 * </pre>
 *
 * The first entry (seq 1) links to {@link #GENESIS}. Because an entry hash needs only the previous hash and the body
 * hash, a proof can carry other entries as (seq, body hash) without revealing their fields.
 */
public final class ChainHash {

  /** The "previous hash" of the first entry: 32 zero bytes, in hex. */
  public static final String GENESIS = "0".repeat(64);

  private static final byte[] BODY_DOMAIN = "wildex-audit-body-v1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] LINK_DOMAIN = "wildex-audit-link-v1".getBytes(StandardCharsets.US_ASCII);
  private static final HexFormat HEX = HexFormat.of();
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(ChainHash::newDigest);

  private ChainHash() {}

  /** Hash of one entry's fields in their fixed order; a null field and an empty one hash differently. */
  public static byte[] body(List<String> fields) {
    MessageDigest md = SHA256.get();
    md.reset();
    md.update(BODY_DOMAIN);
    ByteBuffer len = ByteBuffer.allocate(4);
    for (String field : fields) {
      if (field == null) {
        md.update((byte) 0);
        continue;
      }
      byte[] utf8 = field.getBytes(StandardCharsets.UTF_8);
      md.update((byte) 1);
      len.clear();
      md.update(len.putInt(utf8.length).array());
      md.update(utf8);
    }
    return md.digest();
  }

  /** Hash of entry {@code seq} linking to the previous entry's hash. */
  public static byte[] link(long seq, byte[] previous, byte[] body) {
    if (previous.length != 32 || body.length != 32) {
      throw new IllegalArgumentException("hashes must be 32 bytes");
    }
    MessageDigest md = SHA256.get();
    md.reset();
    md.update(LINK_DOMAIN);
    md.update(ByteBuffer.allocate(8).putLong(seq).array());
    md.update(previous);
    md.update(body);
    return md.digest();
  }

  /** {@link #link(long, byte[], byte[])} on hex strings. */
  public static String link(long seq, String previousHex, String bodyHex) {
    return hex(link(seq, unhex(previousHex), unhex(bodyHex)));
  }

  public static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  public static byte[] unhex(String hex) {
    if (hex == null || hex.length() != 64) {
      throw new IllegalArgumentException("not a SHA-256 hex string: " + hex);
    }
    return HEX.parseHex(hex);
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
