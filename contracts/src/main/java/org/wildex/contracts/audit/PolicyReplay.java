package org.wildex.contracts.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.wildex.contracts.Tlp;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.directory.ParticipantKind;
import org.wildex.contracts.policy.Builtins;
import org.wildex.contracts.policy.Policy;
import org.wildex.contracts.policy.RoutingRule;

/**
 * Decides one {@code ROUTED} entry again with the policy version it names: could that policy have made this
 * participant a recipient by this rule, at this level? The trail holds no content, so what depends on the package
 * (its countries, route, named recipients, requested action) is taken as the entry states it; what the entry, the
 * policy and the directory fix is checked:
 *
 * <ul>
 *   <li>the rule is one of the policy's routing rules, or a built-in that routes ({@code builtin.named-recipient},
 *       {@code builtin.originator-control}), or a peer region's hand-over ({@code peer:...});
 *   <li>a policy routing rule sends to the recipient's kind;
 *   <li>the recipient is a participant, not the originator, not an auditor;
 *   <li>the level is at most the recipient's ceiling: its clearance, and unless it was named at most
 *       {@code AMBER+STRICT} (an agency a routing rule chose) or {@code GREEN} (an NGO).
 * </ul>
 *
 * Pure: no store, no clock. The participants are the directory's of today; a participant whose kind or clearance changed since is judged by
 * today's (the report says so).
 */
public final class PolicyReplay {

  /** What a re-decision found wrong with an entry. */
  public enum Finding {
    /** the rule is neither a routing rule of the named policy nor a built-in that routes */
    RULE_NOT_IN_POLICY,
    /** the policy's routing rule does not send to the recipient's kind */
    RULE_FOR_OTHER_KIND,
    /** the recipient is no participant of the directory */
    RECIPIENT_UNKNOWN,
    /** the originator received its own package */
    ORIGINATOR_RECEIVED,
    /** an auditor received a delivery */
    AUDITOR_RECEIVED,
    /** the level is above what the recipient may read */
    ABOVE_CEILING,
    /** the entry's level is no TLP label */
    LEVEL_UNKNOWN
  }

  /** A hand-over to or from a peer region: the rule names the region; its own hub decided. */
  public static final String PEER_PREFIX = "peer:";

  private PolicyReplay() {}

  /** What is wrong with {@code routed} under {@code policy}; empty when that policy could have produced it. */
  public static List<Finding> check(AuditEvent routed, Policy policy, Function<String, Optional<Participant>> participants) {
    List<Finding> findings = new ArrayList<>();
    String rule = routed.rule() == null ? "" : routed.rule();
    boolean peer = rule.startsWith(PEER_PREFIX);
    boolean named = rule.equals(Builtins.NAMED_RECIPIENT) || rule.equals(Builtins.ORIGINATOR_CONTROL) || peer;
    Optional<RoutingRule> routing = policy.routing().stream().filter(r -> r.id().equals(rule)).findFirst();
    if (!named && routing.isEmpty()) {
      findings.add(Finding.RULE_NOT_IN_POLICY);
    }
    Optional<Participant> recipient = routed.recipient() == null ? Optional.empty() : participants.apply(routed.recipient());
    if (recipient.isEmpty()) {
      findings.add(Finding.RECIPIENT_UNKNOWN);
    }
    if (routed.recipient() != null && routed.recipient().equals(routed.originator())) {
      findings.add(Finding.ORIGINATOR_RECEIVED);
    }
    Tlp level;
    try {
      level = Tlp.fromLabel(routed.level());
    } catch (RuntimeException e) {
      findings.add(Finding.LEVEL_UNKNOWN);
      level = null;
    }
    if (recipient.isPresent()) {
      Participant p = recipient.get();
      if (p.kind() == ParticipantKind.AUDITOR) {
        findings.add(Finding.AUDITOR_RECEIVED);
      }
      if (routing.isPresent() && !routing.get().kinds().contains(p.kind())) {
        findings.add(Finding.RULE_FOR_OTHER_KIND);
      }
      if (level != null && p.kind() != ParticipantKind.AUDITOR && level.above(ceiling(p, named))) {
        findings.add(Finding.ABOVE_CEILING);
      }
    }
    return findings;
  }

  /**
   * The most a recipient may read: its clearance; unless named at most AMBER+STRICT, and GREEN for an NGO (a routing
   * rule chooses agencies of the package's countries only, so an agency it chose may read AMBER+STRICT).
   */
  static Tlp ceiling(Participant p, boolean named) {
    Tlp c = p.clearance();
    if (!named) {
      c = min(c, p.kind() == ParticipantKind.NGO ? Tlp.GREEN : Tlp.AMBER_STRICT);
    }
    return c;
  }

  private static Tlp min(Tlp a, Tlp b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
