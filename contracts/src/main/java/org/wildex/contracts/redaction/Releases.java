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
 * Which paths an agency may ask its originator to release, as plain functions: only paths its own delivery's manifest
 * lists as withheld, or as pseudonymised or generalised (a token or a coarser value in the view), and only those a
 * policy rule decided; what a built-in guarantee withholds or lets through only as a token (sources, exclusions, above
 * the clearance, RED beyond named recipients, AMBER+STRICT beyond the named countries) is never releasable, whatever
 * the originator says.
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
   * is someone else's), {@code PATH_NOT_WITHHELD} (a path its manifest lists neither as withheld nor as transformed:
   * it was delivered as it is, or is not in the package), {@code PATH_NOT_RELEASABLE} (decided by a built-in
   * guarantee).
   */
  public static void check(Delivery delivery, String requester, List<String> paths) {
    if (!delivery.recipient().equals(requester)) {
      throw new WildexException(ReasonCode.NOT_RECIPIENT, "delivery " + delivery.deliveryId() + " is not yours");
    }
    Set<String> seen = new HashSet<>();
    for (String path : paths) {
      String rule = ruleOf(delivery.manifest(), path);
      if (rule == null) {
        throw new WildexException(ReasonCode.PATH_NOT_WITHHELD,
            path + " is not withheld from your delivery nor changed in it (its manifest lists what is)");
      }
      if (!releasable(rule)) {
        throw new WildexException(ReasonCode.PATH_NOT_RELEASABLE,
            path + " is kept from you by " + rule + ", which no originator can waive");
      }
      if (!seen.add(path)) {
        throw new WildexException(ReasonCode.REQUEST_INVALID, path + " is asked for twice");
      }
    }
  }

  /** The rule that withheld or transformed {@code path} in a manifest, or null when it lists the path as neither. */
  private static String ruleOf(RedactionManifest manifest, String path) {
    for (WithheldField w : manifest.withheld()) {
      if (w.path().equals(path)) {
        return w.rule();
      }
    }
    for (TransformedField t : manifest.transformed()) {
      if (t.path().equals(path)) {
        return t.rule();
      }
    }
    return null;
  }
}
