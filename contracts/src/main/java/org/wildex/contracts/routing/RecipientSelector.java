package org.wildex.contracts.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.WildexException;
import org.wildex.contracts.directory.Directory;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.directory.ParticipantKind;
import org.wildex.contracts.pkg.IntelligencePackage;
import org.wildex.contracts.policy.Builtins;
import org.wildex.contracts.policy.Policy;
import org.wildex.contracts.policy.RoutingRule;

/**
 * Who receives a package. The package's {@code requestedAction} picks a routing rule of the policy, which names the
 * agency kinds and which of the package's countries they must belong to (every country touched, or only the route's
 * two ends); a BLO is chosen when its two countries are the two ends of one leg. Named recipients (any kind but
 * auditor) are added. Then, above everything: the originator's exclusions remove a participant even when named, and
 * the originator never receives its own package.
 */
public final class RecipientSelector {

  private RecipientSelector() {}

  /** The routed participants, sorted by id, with the default policy's routing. */
  public static List<Participant> select(IntelligencePackage p, Directory d) {
    return select(p, d, Policy.defaultPolicy());
  }

  /**
   * The routed participants, sorted by id.
   *
   * @throws WildexException RECIPIENT_UNKNOWN when a named recipient is not in the directory or is an auditor
   */
  public static List<Participant> select(IntelligencePackage p, Directory d, Policy policy) {
    return route(p, d, policy).stream().map(Routing::participant).toList();
  }

  /** The routed participants with the rule that routed each, sorted by id. */
  public static List<Routing> route(IntelligencePackage p, Directory d, Policy policy) {
    checkNamed(p, d);
    Geography geo = Geography.of(p);
    List<Routing> routed = new ArrayList<>();
    d.participants().stream()
        .sorted(java.util.Comparator.comparing(Participant::id))
        .map(candidate -> decide(p, geo, candidate, policy))
        .filter(Routing::routed)
        .forEach(routed::add);
    return List.copyOf(routed);
  }

  /** Whether one participant would receive the package, and why (for {@code wildex policy explain}). */
  public static Routing explain(IntelligencePackage p, Participant candidate, Policy policy) {
    return decide(p, Geography.of(p), candidate, policy);
  }

  /** Countries (ISO-2) a package touches: subjects' nationalities and countries, route legs, seizures, markets. */
  public static Set<String> countriesTouched(IntelligencePackage p) {
    return Geography.of(p).touched();
  }

  private static Routing decide(IntelligencePackage p, Geography geo, Participant c, Policy policy) {
    boolean named = p.recipients().contains(c.id());
    if (p.originator() != null && c.id().equals(p.originator().org())) {
      return new Routing(c, false, named, Builtins.ORIGINATOR, "the originator never receives its own package");
    }
    if (p.exclusions().contains(c.id())) {
      return new Routing(c, false, named, Builtins.EXCLUSIONS_WIN, "excluded by the originator");
    }
    if (c.kind() == ParticipantKind.AUDITOR) {
      return new Routing(c, false, false, Builtins.AUDITORS, "auditors read the trail, never intelligence");
    }
    if (named) {
      return new Routing(c, true, true, Builtins.NAMED_RECIPIENT, "named by the originator");
    }
    RoutingRule rule = policy.routingFor(p.requestedAction());
    String action = p.requestedAction();
    if (!rule.kinds().contains(c.kind())) {
      return new Routing(c, false, false, rule.id(), action + " does not go to " + c.kind() + " (" + rule.kinds() + ")");
    }
    if (c.kind() == ParticipantKind.BLO) {
      return geo.isLeg(c.countries())
          ? new Routing(c, true, false, rule.id(), "BLO whose crossing " + c.countries() + " is a leg of the route")
          : new Routing(c, false, false, rule.id(), "BLO whose crossing " + c.countries() + " is no leg of the route");
    }
    Set<String> scope = rule.countries() == RoutingRule.Scope.ROUTE_ENDS ? geo.routeEnds() : geo.touched();
    List<String> hit = c.countries().stream().filter(scope::contains).toList();
    String where = rule.countries() == RoutingRule.Scope.ROUTE_ENDS ? "an end of the route" : "a country the package touches";
    return hit.isEmpty()
        ? new Routing(c, false, false, rule.id(), c.kind() + " of " + c.countries() + ", not " + where + " " + scope)
        : new Routing(c, true, false, rule.id(), c.kind() + " of " + hit + ", " + where);
  }

  private static void checkNamed(IntelligencePackage p, Directory d) {
    for (String id : p.recipients()) {
      d.find(id)
          .filter(r -> r.kind() != ParticipantKind.AUDITOR)
          .orElseThrow(
              () -> new WildexException(
                  ReasonCode.RECIPIENT_UNKNOWN,
                  "/recipients: '" + id + "' is not a participant that may receive packages"));
    }
  }
}
