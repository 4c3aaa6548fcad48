package org.wildex.contracts.redaction;

import java.util.List;

/**
 * What lets a recipient check its view against the original package: the Merkle root (signed by the hub as part of the
 * delivery, and by the originator when it committed with {@code wildex seal}) and one {@link ProofLeaf} per original
 * leaf.
 *
 * @param scheme {@code wildex-merkle-sha256-v1}
 * @param root Merkle root, hex
 * @param rootSignedBy the originator's participant id when it signed the root, or null (hub-computed commitments)
 * @param rootSignature the originator's detached CMS signature over the root statement, base64 DER, or null
 * @param leaves every leaf of the original package, in order
 */
public record Proof(String scheme, String root, String rootSignedBy, String rootSignature, List<ProofLeaf> leaves) {

  public Proof {
    leaves = leaves == null ? List.of() : List.copyOf(leaves);
  }
}
