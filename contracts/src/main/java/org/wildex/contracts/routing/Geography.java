package org.wildex.contracts.routing;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.pkg.IntelligencePackage;
import org.wildex.contracts.pkg.MarketObservation;
import org.wildex.contracts.pkg.Movement;
import org.wildex.contracts.pkg.Seizure;
import org.wildex.contracts.pkg.Subject;
import org.wildex.contracts.policy.Relation;

/**
 * The countries a package names (ISO 3166-1 alpha-2), computed once per package.
 *
 * <ul>
 *   <li>touched: subjects' nationalities and countries, both ends of every movement leg, seizure and market countries;
 *   <li>route ends: the first leg's origin and the last leg's destination (document order);
 *   <li>own: subjects' nationalities and countries, seizure and market countries, and the route ends;
 *   <li>legs: unordered pairs of countries of each leg that crosses a border.
 * </ul>
 */
public final class Geography {

  private final SortedSet<String> touched = new TreeSet<>();
  private final SortedSet<String> own = new TreeSet<>();
  private final SortedSet<String> routeEnds = new TreeSet<>();
  private final Set<Set<String>> legs = new HashSet<>();

  private Geography(IntelligencePackage p) {
    for (Subject s : p.subjects()) {
      s.nationalities().forEach(this::ownCountry);
      ownCountry(s.country());
    }
    for (Seizure s : p.seizures()) {
      ownCountry(s.country());
    }
    for (MarketObservation o : p.marketObservations()) {
      ownCountry(o.country());
    }
    List<Movement> movements = p.movements();
    for (Movement m : movements) {
      add(touched, m.from());
      add(touched, m.to());
      if (m.from() != null && m.to() != null && !m.from().equals(m.to())) {
        legs.add(Set.of(m.from(), m.to()));
      }
    }
    if (!movements.isEmpty()) {
      add(routeEnds, movements.get(0).from());
      add(routeEnds, movements.get(movements.size() - 1).to());
      routeEnds.forEach(this::ownCountry);
    }
  }

  public static Geography of(IntelligencePackage p) {
    return new Geography(p);
  }

  /** Every country the package names. */
  public SortedSet<String> touched() {
    return Collections.unmodifiableSortedSet(touched);
  }

  /** Countries where the case is (see class comment). */
  public SortedSet<String> own() {
    return Collections.unmodifiableSortedSet(own);
  }

  /** The first leg's origin and the last leg's destination. */
  public SortedSet<String> routeEnds() {
    return Collections.unmodifiableSortedSet(routeEnds);
  }

  /** True when {@code a} and {@code b} are the two ends of one movement leg. */
  public boolean isLeg(List<String> countries) {
    return countries.size() == 2 && legs.contains(Set.copyOf(countries));
  }

  /** OWN, ON_ROUTE or ELSEWHERE for a participant's countries. */
  public Relation relationOf(Participant p) {
    if (p.countries().stream().anyMatch(own::contains)) {
      return Relation.OWN;
    }
    if (p.countries().stream().anyMatch(touched::contains)) {
      return Relation.ON_ROUTE;
    }
    return Relation.ELSEWHERE;
  }

  private void ownCountry(String c) {
    add(own, c);
    add(touched, c);
  }

  private static void add(Set<String> set, String c) {
    if (c != null) {
      set.add(c);
    }
  }
}
