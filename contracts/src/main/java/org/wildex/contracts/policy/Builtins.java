package org.wildex.contracts.policy;

import java.util.List;

/** Ids of the built-in guarantees: decisions no policy file can change. Every one is documented in docs/policy.md. */
public final class Builtins {

  /** {@code sources} (informants, undercover identities) never leave the hub. */
  public static final String SOURCES = "builtin.sources-never-leave";

  /** Whom the originator excluded never leaves the hub. */
  public static final String EXCLUSIONS = "builtin.exclusions-stay-at-hub";

  /** Markings are rewritten for each view's paths (only for kept fields at or below the recipient's ceiling). */
  public static final String MARKINGS = "builtin.markings-rewritten";

  /** id, createdAt, originator, tlp and handling always travel with anything delivered. */
  public static final String ENVELOPE = "builtin.envelope";

  /** Nothing above the recipient's clearance is readable by it. */
  public static final String ABOVE_CLEARANCE = "builtin.above-clearance";

  /** RED goes to named recipients only. */
  public static final String RED_NAMED_ONLY = "builtin.red-named-only";

  /** AMBER+STRICT goes only to agencies of the countries the package names, plus named recipients. */
  public static final String AMBER_STRICT_NAMED_COUNTRIES = "builtin.amber-strict-named-countries";

  /** An NGO receives nothing above GREEN unless the originator named it. */
  public static final String NGO_GREEN_UNLESS_NAMED = "builtin.ngo-green-unless-named";

  /** Auditors read the trail, never intelligence. */
  public static final String AUDITORS = "builtin.auditors-read-the-trail-only";

  /** Routing: a recipient the originator named (any kind but auditor). */
  public static final String NAMED_RECIPIENT = "builtin.named-recipient";

  /** Routing: the originator's exclusions win over everything, even a name in recipients. */
  public static final String EXCLUSIONS_WIN = "builtin.exclusions-win";

  /** Routing: the originator never receives its own package. */
  public static final String ORIGINATOR = "builtin.originator-is-not-a-recipient";

  /**
   * Routing: an update under originator control ({@code handling.originator_control} absent or true) goes only to
   * recipients of the version it replaces and to participants it names; the policy of the day never widens that.
   */
  public static final String ORIGINATOR_CONTROL = "builtin.originator-control";

  /** Every built-in id, for documentation checks. */
  public static final List<String> ALL =
      List.of(SOURCES, EXCLUSIONS, MARKINGS, ENVELOPE, ABOVE_CLEARANCE, RED_NAMED_ONLY, AMBER_STRICT_NAMED_COUNTRIES,
          NGO_GREEN_UNLESS_NAMED, AUDITORS, NAMED_RECIPIENT, EXCLUSIONS_WIN, ORIGINATOR, ORIGINATOR_CONTROL);

  private Builtins() {}
}
