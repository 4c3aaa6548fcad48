package org.wildex.contracts.redaction;

import java.util.List;

/**
 * What a view leaves out or changes and why (paths and rule ids, never content), the policy version that decided, and
 * the proof that lets the recipient check the view against the original; travels with every delivery.
 *
 * @param policyVersion version of the policy in force
 * @param withheld paths (of the original package) left out, a container when all of it went by one rule
 * @param transformed leaves pseudonymised or generalised
 * @param sourcesWithheld how many sources the package has (always withheld)
 * @param proof commitments and Merkle root
 */
public record RedactionManifest(
    String policyVersion, List<WithheldField> withheld, List<TransformedField> transformed, int sourcesWithheld,
    Proof proof) {

  public RedactionManifest {
    withheld = withheld == null ? List.of() : List.copyOf(withheld);
    transformed = transformed == null ? List.of() : List.copyOf(transformed);
  }
}
