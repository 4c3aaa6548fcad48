package org.wildex.contracts.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.wildex.contracts.Tlp;
import org.wildex.contracts.directory.ParticipantKind;
import org.wildex.contracts.pkg.IntelligencePackage;
import org.wildex.contracts.redaction.FieldCatalog;

/**
 * Load-time proof that a policy never gives a recipient less than a recipient with a lower clearance that is alike in
 * everything else (kind, relation, named or not, package level, leaf level, requested action), for every field of the
 * contract. A policy that fails is refused, with the first few counter-examples.
 */
final class MonotonicityCheck {

  private static final int MAX_REPORTED = 5;

  private MonotonicityCheck() {}

  static List<String> problems(Policy policy) {
    List<String> problems = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Set<String> signatures = new HashSet<>();
    Tlp[] levels = Tlp.values();
    for (int f = 0; f < FieldCatalog.size(); f++) {
      FieldCatalog.Field field = FieldCatalog.field(f);
      if (field.role() != FieldCatalog.Role.CONTENT || !signatures.add(policy.signature(f))) {
        continue; // built-ins decide the rest, independently of clearance; alike fields are checked once
      }
      for (ParticipantKind kind : ParticipantKind.values()) {
        if (kind == ParticipantKind.AUDITOR) {
          continue;
        }
        for (Relation relation : Relation.values()) {
          for (boolean named : new boolean[] {false, true}) {
            for (String action : IntelligencePackage.REQUESTED_ACTIONS) {
              for (Tlp pkg : levels) {
                for (Tlp level : levels) {
                  if (pkg.above(level)) {
                    continue;
                  }
                  Action previous = null;
                  Tlp previousClearance = null;
                  for (Tlp clearance : levels) {
                    RecipientContext ctx = new RecipientContext(kind, relation, named, clearance, pkg, action);
                    Decision d = policy.decide(ctx, f, level);
                    if (previous != null && !previous.revealsAtMost(d.action())) {
                      String key = field.template() + "|" + d.rule();
                      if (seen.add(key) && problems.size() < MAX_REPORTED) {
                        problems.add("not monotone: " + field.template() + " (level " + level.label() + ", package "
                            + pkg.label() + ") for a " + kind + (named ? " named" : "") + " recipient, " + relation
                            + ", " + action + ": clearance " + previousClearance.label() + " gets " + previous.word()
                            + " but " + clearance.label() + " gets " + d.action().word() + " by rule " + d.rule()
                            + "; a higher clearance must never see less");
                      }
                    }
                    previous = d.action();
                    previousClearance = clearance;
                  }
                }
              }
            }
          }
        }
      }
    }
    return problems;
  }
}
