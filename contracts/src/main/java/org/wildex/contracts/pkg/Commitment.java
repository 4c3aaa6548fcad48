package org.wildex.contracts.pkg;

/**
 * The originator's commitment to its package, written by {@code wildex seal}: a salt seed, the Merkle root of the
 * salted leaf commitments, and a detached CMS signature over the root. The hub checks it on intake
 * ({@code COMMITMENT_MISMATCH}) and never forwards the seed; recipients get the root, the signature and per-leaf salts
 * of what they may see.
 *
 * @param scheme {@value #SCHEME}
 * @param seed 32 random bytes, lower-case hex; known only to the originator and the hub
 * @param root SHA-256 Merkle root, lower-case hex
 * @param signature detached CMS SignedData (DER, base64) over the root statement, by the originator's key
 */
public record Commitment(String scheme, String seed, String root, String signature) {

  /** The only scheme of contract v1. */
  public static final String SCHEME = "wildex-merkle-sha256-v1";

  /**
   * The bytes the originator signs (detached CMS) and recipients verify: {@code wildex-merkle-sha256-v1 root
   * <package id> <root hex>} in UTF-8, so a signed root cannot be replayed for another package.
   */
  public static byte[] statement(java.util.UUID packageId, String rootHex) {
    return (SCHEME + " root " + packageId + " " + rootHex).getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
