package org.wildex.contracts.policy;

import java.util.Set;
import org.wildex.contracts.directory.ParticipantKind;

/**
 * Which agencies a requested action needs: agencies of {@code kinds} with a country in the {@code countries} scope;
 * a BLO in {@code kinds} is chosen when its two countries are the two ends of one movement leg.
 *
 * @param id rule id named in explanations and deliveries
 * @param description one line for people
 * @param requestedAction the package's {@code requestedAction} this rule routes
 * @param kinds agency kinds that receive it
 * @param countries {@link Scope#TOUCHED} or {@link Scope#ROUTE_ENDS}
 */
public record RoutingRule(
    String id, String description, String requestedAction, Set<ParticipantKind> kinds, Scope countries) {

  /** Which of the package's countries an agency must belong to. */
  public enum Scope {
    /** Every country the package touches: subjects' nationalities and bases, every leg, seizures, markets. */
    TOUCHED,
    /** Only the two ends of the route: the first leg's origin and the last leg's destination. */
    ROUTE_ENDS
  }

  public RoutingRule {
    kinds = Set.copyOf(kinds);
  }
}
