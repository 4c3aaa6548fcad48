package org.wildex.contracts.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.lifecycle.Updates;
import org.wildex.contracts.pkg.Handling;
import org.wildex.contracts.pkg.IntelligencePackage;
import org.wildex.contracts.policy.Policy;
import org.wildex.contracts.routing.RecipientSelector;
import org.wildex.contracts.routing.Routing;

/**
 * Originator control over updates ({@code builtin.originator-control}), for any earlier version and any update made
 * with {@link RedactionPropertyTest}'s generators (two independent cases: the first gives the earlier version and the
 * directory, the second the update's content), routed at intake with the default policy and at the update with either
 * the default policy or one that routes every action to every agency kind of every country touched (a policy change
 * that widens). Recipients are decided as the hub decides them, participant by participant
 * ({@link RecipientSelector#explain}), then {@link Updates#restrict}.
 */
class OriginatorControlPropertyTest {

  private static final int TRIES = 1000;
  private static final Policy WIDER = widened();

  record Update(IntelligencePackage earlier, List<Participant> directory, IntelligencePackage update, Policy policy) {}

  @Property(tries = TRIES)
  void under_originator_control_an_update_reaches_only_earlier_recipients_or_those_it_names(@ForAll("updates") Update u) {
    Set<String> earlier = ids(routed(u.earlier(), u.directory(), Policy.defaultPolicy()));
    List<Routing> policyRouted = routed(u.update(), u.directory(), u.policy());
    Set<String> got = ids(Updates.restrict(policyRouted, u.update(), earlier));

    // never anyone the policy of the day would not route: originator control only narrows
    assertThat(ids(policyRouted)).containsAll(got);
    if (u.update().handling().noOnwardSharing()) {
      for (String id : got) {
        assertThat(earlier.contains(id) || u.update().recipients().contains(id))
            .as("%s got the update without having the earlier version or being named (earlier %s, named %s)", id,
                earlier, u.update().recipients())
            .isTrue();
      }
      // and it keeps everyone it may: each earlier recipient (or named one) the policy still routes
      Set<String> expected = ids(policyRouted).stream()
          .filter(id -> earlier.contains(id) || u.update().recipients().contains(id))
          .collect(Collectors.toSet());
      assertThat(got).isEqualTo(expected);
    } else {
      assertThat(got).as("without originator control the policy routes the update").isEqualTo(ids(policyRouted));
    }
    assertThat(got).noneMatch(u.update().exclusions()::contains);
    assertThat(got).doesNotContain(u.update().originator().org());
  }

  @Provide
  Arbitrary<Update> updates() {
    RedactionPropertyTest generators = new RedactionPropertyTest();
    return Combinators.combine(generators.cases(), generators.cases(), Arbitraries.of(true, false, true),
            Arbitraries.of(true, false), Arbitraries.of(true, false))
        .as((first, second, control, handlingGiven, wider) -> {
          IntelligencePackage v1 = first.pkg();
          IntelligencePackage c = second.pkg();
          Set<String> known = ids(first.recipients());
          Handling h = c.handling();
          Handling handling = handlingGiven
              ? new Handling(h.permittedActions(), h.affectedPartyNotifications(), h.attribution(), h.encryptInTransit(),
                  h.expires(), control)
              : new Handling(h.permittedActions(), h.affectedPartyNotifications(), h.attribution(), h.encryptInTransit(),
                  h.expires(), null);
          IntelligencePackage v2 = new IntelligencePackage(UUID.nameUUIDFromBytes(c.id().toString().getBytes()),
              c.createdAt(), v1.originator(), c.title(), c.summary(), c.tlp(), c.grading(), handling, c.subjects(),
              c.commodities(), c.movements(), c.seizures(), c.marketObservations(), c.sources(), c.requestedAction(),
              c.recipients().stream().filter(known::contains).toList(), c.exclusions(), c.markings(), null, v1.id(), 2);
          return new Update(v1, first.recipients(), v2, wider ? WIDER : Policy.defaultPolicy());
        });
  }

  /** Who the hub routes {@code p} to among {@code directory}: each participant as {@code wildex policy explain} says. */
  private static List<Routing> routed(IntelligencePackage p, List<Participant> directory, Policy policy) {
    return directory.stream().map(c -> RecipientSelector.explain(p, c, policy)).filter(Routing::routed).toList();
  }

  private static Set<String> ids(List<?> routedOrParticipants) {
    return routedOrParticipants.stream()
        .map(o -> o instanceof Routing r ? r.participant().id() : ((Participant) o).id())
        .collect(Collectors.toSet());
  }

  /** The default policy, but every action routed to every agency kind of every country the package touches. */
  private static Policy widened() {
    String text = Policy.defaultText();
    int rules = text.indexOf("\nrules:");
    String routing = text.substring(0, rules)
        .replaceAll("kinds: \\[[^\\]]*\\]", "kinds: [NCB, CUSTOMS, CITES_MA, BLO, FOREIGN_LE, IGO]")
        .replace("ROUTE_ENDS", "TOUCHED")
        .replace("version: \"wildex-default-2026.1\"", "version: \"widened\"");
    Policy p = Policy.parse(routing + text.substring(rules), "widened");
    assertThat(p.version()).isEqualTo("widened");
    return p;
  }
}
