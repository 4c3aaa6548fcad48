package org.wildex.contracts.policy;

import java.util.Objects;
import org.wildex.contracts.Tlp;
import org.wildex.contracts.directory.ParticipantKind;

/**
 * What a decision may depend on, for one recipient and one package.
 *
 * @param kind the recipient's kind
 * @param relation how its countries relate to the package
 * @param named whether the originator named it in {@code recipients}
 * @param clearance its clearance from the directory
 * @param packageLevel the package's tlp
 * @param requestedAction the package's requested action
 */
public record RecipientContext(
    ParticipantKind kind, Relation relation, boolean named, Tlp clearance, Tlp packageLevel, String requestedAction) {

  public RecipientContext {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(relation, "relation");
    Objects.requireNonNull(clearance, "clearance");
    Objects.requireNonNull(packageLevel, "packageLevel");
  }

  /** An agency (law enforcement or intergovernmental) of a country the package names. */
  public boolean agencyOfNamedCountry() {
    return kind.isAgency() && relation != Relation.ELSEWHERE;
  }

  /**
   * The highest level this recipient may read, after the built-in guarantees: its clearance; at most AMBER+STRICT
   * unless named (RED only to named recipients); at most AMBER unless named or an agency of a country the package names;
   * at most GREEN for an NGO that is not named. Null for auditors (nothing).
   */
  public Tlp ceiling() {
    if (kind == ParticipantKind.AUDITOR) {
      return null;
    }
    Tlp c = clearance;
    if (!named) {
      c = min(c, Tlp.AMBER_STRICT);
      if (!agencyOfNamedCountry()) {
        c = min(c, Tlp.AMBER);
      }
      if (kind == ParticipantKind.NGO) {
        c = min(c, Tlp.GREEN);
      }
    }
    return c;
  }

  /** The built-in guarantee that keeps a value of {@code level} from this recipient. */
  public String reasonAbove(Tlp level) {
    if (kind == ParticipantKind.AUDITOR) {
      return Builtins.AUDITORS;
    }
    if (level.above(clearance)) {
      return Builtins.ABOVE_CLEARANCE;
    }
    if (!named && level == Tlp.RED) {
      return Builtins.RED_NAMED_ONLY;
    }
    if (!named && !agencyOfNamedCountry() && level.above(Tlp.AMBER)) {
      return Builtins.AMBER_STRICT_NAMED_COUNTRIES;
    }
    return Builtins.NGO_GREEN_UNLESS_NAMED;
  }

  /** True when this recipient may read something of {@code level}. */
  public boolean mayRead(Tlp level) {
    Tlp c = ceiling();
    return c != null && !level.above(c);
  }

  private static Tlp min(Tlp a, Tlp b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
