package org.wildex.contracts.redaction;

/**
 * Turns a normalised identifier into a keyed token (the hub wires the HMAC-SHA256 of {@code org.wildex.crypto.pseudonym}
 * with the hub secret). The same kind and value must give the same token in every package; the token must not reveal
 * the value.
 */
@FunctionalInterface
public interface Pseudonymiser {
  /**
   * @param kind pseudonym kind ({@code phone}, {@code passport}, {@code name}, ... see IdentifierNormaliser)
   * @param normalisedValue the value after {@code IdentifierNormaliser.normalise}
   */
  String token(String kind, String normalisedValue);
}
