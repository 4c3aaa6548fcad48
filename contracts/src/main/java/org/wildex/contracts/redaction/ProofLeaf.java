package org.wildex.contracts.redaction;

/**
 * One leaf of the original package in a delivery's proof, in original order. A revealed leaf gives its original
 * {@code path}, where it is in the view ({@code at}, only when different) and its {@code salt}, so the recipient
 * recomputes its commitment from the value it sees; any other leaf (withheld, pseudonymised, generalised, a marking)
 * gives only its {@code commitment}: not its path, never its salt.
 */
public record ProofLeaf(String path, String at, String salt, String commitment) {

  public boolean revealed() {
    return salt != null;
  }
}
