package org.wildex.contracts.routing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.WildexException;
import org.wildex.contracts.directory.Directory;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.directory.ParticipantKind;
import org.wildex.contracts.pkg.IntelligencePackage;
import org.wildex.contracts.pkg.Movement;
import org.wildex.contracts.pkg.Subject;

/** First cut of who receives a package: agencies of the countries it touches, BLOs on its route, named recipients. */
public final class RecipientSelector {

  /** Agency kinds that receive every package touching their country. */
  private static final Set<ParticipantKind> NATIONAL_AGENCIES =
      EnumSet.of(ParticipantKind.NCB, ParticipantKind.CUSTOMS, ParticipantKind.CITES_MA);

  private RecipientSelector() {}

  /**
   * Agencies (NCB, CUSTOMS, CITES_MA) of every country touched, plus BLOs whose two countries are the two ends of one
   * movement leg, plus named recipients (any kind but AUDITOR), minus exclusions and the originator; sorted by id.
   *
   * @throws WildexException RECIPIENT_UNKNOWN when a named recipient is not in the directory or is an auditor
   */
  public static List<Participant> select(IntelligencePackage p, Directory d) {
    Set<String> countries = countriesTouched(p);
    Set<Set<String>> legs = new HashSet<>();
    for (Movement m : p.movements()) {
      if (m.from() != null && m.to() != null && !m.from().equals(m.to())) {
        legs.add(Set.of(m.from(), m.to()));
      }
    }
    Map<String, Participant> chosen = new TreeMap<>();
    for (Participant candidate : d.participants()) {
      boolean national =
          NATIONAL_AGENCIES.contains(candidate.kind()) && candidate.countries().stream().anyMatch(countries::contains);
      boolean onRoute =
          candidate.kind() == ParticipantKind.BLO && legs.contains(Set.copyOf(candidate.countries()));
      if (national || onRoute) {
        chosen.put(candidate.id(), candidate);
      }
    }
    for (String id : p.recipients()) {
      Participant named =
          d.find(id)
              .filter(r -> r.kind() != ParticipantKind.AUDITOR)
              .orElseThrow(
                  () -> new WildexException(
                      ReasonCode.RECIPIENT_UNKNOWN,
                      "/recipients: '" + id + "' is not a participant that may receive packages"));
      chosen.put(named.id(), named);
    }
    p.exclusions().forEach(chosen::remove);
    if (p.originator() != null) {
      chosen.remove(p.originator().org());
    }
    return List.copyOf(chosen.values());
  }

  /** Countries (ISO-2) a package touches: subjects' nationalities and countries, route legs, seizures, markets. */
  public static Set<String> countriesTouched(IntelligencePackage p) {
    List<String> all = new ArrayList<>();
    for (Subject s : p.subjects()) {
      all.addAll(s.nationalities());
      all.add(s.country());
    }
    for (Movement m : p.movements()) {
      all.add(m.from());
      all.add(m.to());
    }
    p.seizures().forEach(s -> all.add(s.country()));
    p.marketObservations().forEach(o -> all.add(o.country()));
    all.removeIf(Objects::isNull);
    return Collections.unmodifiableSortedSet(new TreeSet<>(all));
  }
}
