package org.wildex.routes.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.wildex.contracts.audit.AuditEventType;
import org.wildex.contracts.audit.PolicyReplay;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.policy.Policy;
import org.wildex.crypto.Digests;

/**
 * Policy replay over a period: every {@code ROUTED} entry decided again with the archived text of the policy version it
 * names ({@link PolicyReplay} says what is checked), and that text checked against the hash the trail recorded when the
 * hub archived it ({@code POLICY_ARCHIVED}). Reads only; the trail does not change.
 */
public final class AuditReplay {

  /** The most flagged entries one report lists (all are counted). */
  public static final int MAX_LISTED = 1000;

  /**
   * What the replay found.
   *
   * @param from start of the period (inclusive; null: since the trail began)
   * @param to end (exclusive; null: until now)
   * @param checked ROUTED entries re-decided
   * @param flagged entries the named policy would not produce, or whose policy text does not check
   * @param unreplayable entries naming a policy version the store holds no text of (before the hub archived
   *     policies, or an entry that was never the hub's)
   * @param policies each policy version met, and whether its text is the one the trail recorded
   * @param entries the flagged and unreplayable entries, at most {@value #MAX_LISTED}, in chain order
   */
  public record Report(Instant from, Instant to, long checked, long flagged, long unreplayable, List<PolicyCheck> policies,
      List<Flagged> entries) {
    public boolean ok() {
      return flagged == 0 && unreplayable == 0;
    }
  }

  /**
   * A policy version as the replay found it.
   *
   * @param version the version entries name
   * @param sha256 its archived text's hash (null when none is archived)
   * @param verified the text hashes to what the trail's POLICY_ARCHIVED entry recorded
   * @param problem why not, else null
   */
  public record PolicyCheck(String version, String sha256, boolean verified, String problem) {}

  /** One entry the replay flags, with what it found (finding names of {@link PolicyReplay.Finding}, or the policy's problem). */
  public record Flagged(long seq, Instant at, String packageId, String originator, String recipient, String level,
      String rule, String policyVersion, List<String> findings) {}

  private AuditReplay() {}

  /** Replays the ROUTED entries of {@code [from, to)}, page by page, with today's participants. */
  public static Report replay(AuditStore store, Function<String, Optional<Participant>> participants, Instant from, Instant to)
      throws Exception {
    Map<String, Object> policies = new HashMap<>(); // version -> Policy, or the problem (String)
    Map<String, PolicyCheck> checks = new java.util.LinkedHashMap<>();
    List<Flagged> listed = new ArrayList<>();
    long checked = 0;
    long flagged = 0;
    long unreplayable = 0;
    AuditQuery page = new AuditQuery(null, AuditQuery.Role.ANY, Set.of(AuditEventType.ROUTED), Set.of(), Set.of(), null, null,
        from, to, false, null, AuditQuery.MAX_LIMIT);
    while (true) {
      AuditStore.Page p = store.search(page);
      for (AuditEntry entry : p.entries()) {
        checked++;
        String version = String.valueOf(entry.event().policyVersion());
        Object policy = policies.computeIfAbsent(version, v -> load(store, v, checks));
        List<String> findings;
        if (policy instanceof Policy decided) {
          findings = PolicyReplay.check(entry.event(), decided, participants).stream().map(Enum::name).toList();
          if (!findings.isEmpty()) {
            flagged++;
          }
        } else if (checks.get(version).sha256() == null) {
          unreplayable++;
          findings = List.of("POLICY_NOT_ARCHIVED");
        } else {
          flagged++;
          findings = List.of("POLICY_TEXT_UNVERIFIED");
        }
        if (!findings.isEmpty() && listed.size() < MAX_LISTED) {
          var e = entry.event();
          listed.add(new Flagged(entry.seq(), e.at(), e.packageId(), e.originator(), e.recipient(), e.level(), e.rule(),
              e.policyVersion(), findings));
        }
      }
      if (p.next() == null) {
        break;
      }
      page = page.after(p.next());
    }
    return new Report(from, to, checked, flagged, unreplayable, List.copyOf(checks.values()), listed);
  }

  /** The policy of {@code version} if its one archived text is the one the trail recorded; else the problem. */
  private static Object load(AuditStore store, String version, Map<String, PolicyCheck> checks) {
    try {
      List<AuditStore.PolicyText> texts = store.policies(version);
      if (texts.isEmpty()) {
        checks.put(version, new PolicyCheck(version, null, false, "no text of this version is archived"));
        return "not archived";
      }
      if (texts.size() > 1) {
        checks.put(version, new PolicyCheck(version, texts.get(0).sha256(), false,
            texts.size() + " different texts claim this version"));
        return "ambiguous";
      }
      AuditStore.PolicyText text = texts.get(0);
      String problem = null;
      if (!Digests.sha256Hex(text.text().getBytes(StandardCharsets.UTF_8)).equals(text.sha256())) {
        problem = "the archived text does not hash to its recorded SHA-256";
      } else if (!recorded(store, version, text.sha256())) {
        problem = "no intact POLICY_ARCHIVED entry in the trail records this text's SHA-256";
      }
      Policy policy = null;
      if (problem == null) {
        try {
          policy = Policy.parse(text.text(), "archived policy " + version);
        } catch (RuntimeException e) {
          problem = "the archived text is no valid policy: " + e.getMessage();
        }
      }
      checks.put(version, new PolicyCheck(version, text.sha256(), problem == null, problem));
      return problem == null ? policy : problem;
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("cannot read archived policy " + version + ": " + e.getMessage(), e);
    }
  }

  private static boolean recorded(AuditStore store, String version, String sha256) throws java.sql.SQLException {
    AuditQuery q = new AuditQuery(null, AuditQuery.Role.ANY, Set.of(AuditEventType.POLICY_ARCHIVED), Set.of(), Set.of(), null,
        version, null, null, false, null, AuditQuery.MAX_LIMIT);
    return store.search(q).entries().stream().anyMatch(e -> e.intact() && sha256.equals(e.event().contentSha256()));
  }
}
