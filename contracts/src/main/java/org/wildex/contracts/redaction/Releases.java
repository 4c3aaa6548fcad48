package org.wildex.contracts.redaction;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.WildexException;
import org.wildex.contracts.delivery.Delivery;
import org.wildex.contracts.policy.Builtins;

/**
 * Which withheld paths an agency may ask its originator to release, as plain functions: only paths its own delivery's
 * manifest lists as withheld, and only those a policy rule withheld; what a built-in guarantee withholds (sources,
 * exclusions, above the clearance, RED beyond named recipients, AMBER+STRICT beyond the named countries) is never
 * releasable, whatever the originator says.
 */
public final class Releases {

  private Releases() {}

  /** Whether a path withheld by {@code rule} may be released: a policy rule's yes, a built-in guarantee's never. */
  public static boolean releasable(String rule) {
    return rule != null && !Builtins.ALL.contains(rule);
  }

  /** Whether leaf path {@code path} is one of {@code released} or lies under one. */
  public static boolean covered(String path, Collection<String> released) {
    for (String r : released) {
      if (path.equals(r) || path.startsWith(r + "/")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Refuses a request for {@code paths} of {@code delivery} by {@code requester}: {@code NOT_RECIPIENT} (the delivery
   * is someone else's), {@code PATH_NOT_WITHHELD} (a path its manifest does not list as withheld: it was delivered,
   * transformed, or is not in the package), {@code PATH_NOT_RELEASABLE} (withheld by a built-in guarantee).
   */
  public static void check(Delivery delivery, String requester, List<String> paths) {
    if (!delivery.recipient().equals(requester)) {
      throw new WildexException(ReasonCode.NOT_RECIPIENT, "delivery " + delivery.deliveryId() + " is not yours");
    }
    Set<String> seen = new HashSet<>();
    for (String path : paths) {
      WithheldField withheld = delivery.manifest().withheld().stream().filter(w -> w.path().equals(path)).findFirst()
          .orElseThrow(() -> new WildexException(ReasonCode.PATH_NOT_WITHHELD,
              path + " is not withheld from your delivery (its manifest lists what is)"));
      if (!releasable(withheld.rule())) {
        throw new WildexException(ReasonCode.PATH_NOT_RELEASABLE,
            path + " is withheld by " + withheld.rule() + ", which no originator can waive");
      }
      if (!seen.add(path)) {
        throw new WildexException(ReasonCode.REQUEST_INVALID, path + " is asked for twice");
      }
    }
  }
}
