package org.wildex.contracts.redaction;

import java.util.List;

/**
 * The commitments to one package's leaves (computed once per package, in {@link PackageLeaves} order): per leaf a salt
 * and a salted SHA-256 commitment, the Merkle root over them, and who signed the root. All byte strings are lower-case
 * hex.
 *
 * @param scheme {@code wildex-merkle-sha256-v1}
 * @param root Merkle root
 * @param salts one per leaf; only those of revealed leaves ever leave the hub
 * @param commitments one per leaf
 * @param rootSignedBy participant id of the originator when it signed the root ({@code wildex seal}), or null when the
 *     hub computed the commitments itself (package sealed without them)
 * @param rootSignature the originator's detached CMS signature over the root statement (base64 DER), or null
 */
public record PackageCommitments(
    String scheme, String root, List<String> salts, List<String> commitments, String rootSignedBy, String rootSignature) {

  public PackageCommitments {
    salts = List.copyOf(salts);
    commitments = List.copyOf(commitments);
    if (salts.size() != commitments.size()) {
      throw new IllegalArgumentException("one salt per commitment");
    }
  }
}
