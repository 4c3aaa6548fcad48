package org.wildex.contracts.policy;

import java.util.Locale;

/** What happens to one leaf of a package for one recipient. */
public enum Action {
  /** The value travels as it is. */
  INCLUDE,
  /** The value is left out; the manifest names the path and the rule. */
  WITHHOLD,
  /** The value is replaced by a keyed token, equal for the same identifier in every package. */
  PSEUDONYMISE,
  /** The value is replaced by a coarser one (date → month, quantity → band, url → site, address → city, place → country). */
  GENERALISE,
  /** Built-in only: markings are rewritten for the view's paths, never copied (not a policy action). */
  REWRITE;

  /** The word used in policy.yaml and in explanations. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * True when this action reveals no more than {@code other}: withhold reveals least, include most; a pseudonym and a
   * generalisation are not comparable with each other.
   */
  public boolean revealsAtMost(Action other) {
    return this == other || this == WITHHOLD || other == INCLUDE;
  }
}
