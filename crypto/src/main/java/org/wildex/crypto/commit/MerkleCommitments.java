package org.wildex.crypto.commit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.wildex.crypto.Providers;

/**
 * Salted SHA-256 commitments to a package's leaves and their Merkle root (scheme {@code wildex-merkle-sha256-v1}):
 *
 * <pre>
 *   salt_i = HMAC-SHA256(seed, "wildex-salt-v1" NUL path_i)
 *   c_i    = SHA-256("wildex-leaf-v1" NUL salt_i uint32be(len(path_i)) path_i value_i)
 *   root   = MTH(c_0 .. c_n-1)   RFC 6962: leaf hash SHA-256(0x00 c), node SHA-256(0x01 left right),
 *                                split at the largest power of two below n; MTH() = SHA-256("")
 * </pre>
 *
 * Paths are UTF-8 JSON Pointers, values the canonical bytes of {@code PackageLeaves.encode}. A revealed leaf's salt
 * lets a recipient recompute its commitment; a withheld leaf's salt never leaves the hub, so a low-entropy withheld
 * value cannot be guessed from its commitment. Digests and MACs are set up once per thread (JDK providers).
 */
public final class MerkleCommitments {

  /** The scheme name, as in the package's {@code commitment.scheme}. */
  public static final String SCHEME = "wildex-merkle-sha256-v1";

  /** Bytes of a salt seed. */
  public static final int SEED_BYTES = 32;

  private static final byte[] SALT_DOMAIN = "wildex-salt-v1\0".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] LEAF_DOMAIN = "wildex-leaf-v1\0".getBytes(StandardCharsets.US_ASCII);
  private static final HexFormat HEX = HexFormat.of();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(MerkleCommitments::sha256);
  private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(MerkleCommitments::hmac);

  /** Salts, commitments and root of one package, hex encoded once. */
  public record Result(String root, List<String> salts, List<String> commitments) {}

  private MerkleCommitments() {}

  /** A fresh random seed. */
  public static byte[] newSeed() {
    byte[] seed = new byte[SEED_BYTES];
    RANDOM.nextBytes(seed);
    return seed;
  }

  /** Salts, commitments and root for leaves given as paths and canonical value bytes, in order. */
  public static Result compute(byte[] seed, List<String> paths, List<byte[]> values) {
    if (paths.size() != values.size()) {
      throw new IllegalArgumentException("one value per path");
    }
    Mac mac = HMAC.get();
    try {
      mac.init(new SecretKeySpec(seed, "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot key HmacSHA256", e);
    }
    List<String> salts = new ArrayList<>(paths.size());
    List<String> commitments = new ArrayList<>(paths.size());
    List<byte[]> raw = new ArrayList<>(paths.size());
    for (int i = 0; i < paths.size(); i++) {
      byte[] path = paths.get(i).getBytes(StandardCharsets.UTF_8);
      mac.update(SALT_DOMAIN);
      byte[] salt = mac.doFinal(path);
      byte[] c = leaf(salt, path, values.get(i));
      salts.add(HEX.formatHex(salt));
      commitments.add(HEX.formatHex(c));
      raw.add(c);
    }
    return new Result(HEX.formatHex(root(raw)), List.copyOf(salts), List.copyOf(commitments));
  }

  /** The commitment of one leaf. */
  public static byte[] leaf(byte[] salt, String path, byte[] value) {
    return leaf(salt, path.getBytes(StandardCharsets.UTF_8), value);
  }

  private static byte[] leaf(byte[] salt, byte[] path, byte[] value) {
    MessageDigest d = SHA256.get();
    d.update(LEAF_DOMAIN);
    d.update(salt);
    d.update((byte) (path.length >>> 24));
    d.update((byte) (path.length >>> 16));
    d.update((byte) (path.length >>> 8));
    d.update((byte) path.length);
    d.update(path);
    d.update(value);
    return d.digest();
  }

  /** RFC 6962 Merkle tree hash over leaf commitments in order. */
  public static byte[] root(List<byte[]> leaves) {
    MessageDigest d = SHA256.get();
    if (leaves.isEmpty()) {
      return d.digest();
    }
    byte[][] level = new byte[leaves.size()][];
    for (int i = 0; i < level.length; i++) {
      d.update((byte) 0);
      level[i] = d.digest(leaves.get(i));
    }
    return subtree(level, 0, level.length, d);
  }

  private static byte[] subtree(byte[][] hashes, int from, int to, MessageDigest d) {
    int n = to - from;
    if (n == 1) {
      return hashes[from];
    }
    int k = Integer.highestOneBit(n - 1);
    byte[] left = subtree(hashes, from, from + k, d);
    byte[] right = subtree(hashes, from + k, to, d);
    d.update((byte) 1);
    d.update(left);
    return d.digest(right);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  private static Mac hmac() {
    try {
      return Mac.getInstance("HmacSHA256", Providers.SUN_JCE);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
