package org.wildex.contracts.pkg;

/**
 * Intelligence grade with its scale named. {@code admiralty}: source reliability A-F, information credibility 1-6
 * (no handling code). {@code uk-3x5x2}: source evaluation 1-3, intelligence assessment A-E, handling code P (may be
 * disseminated) or C (conditions apply: {@code conditions} required).
 */
public record Grading(String scale, String source, String information, String handling, String conditions) {

  public static final String ADMIRALTY = "admiralty";
  public static final String UK_3X5X2 = "uk-3x5x2";
}
