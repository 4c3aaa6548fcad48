package org.wildex.routes.audit;

import java.io.PrintStream;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.wildex.contracts.audit.AuditEventType;

/** What the demo shows of the trail once its hub stopped: each package's life in a line, one in full, and verify. */
public final class AuditReport {

  private AuditReport() {}

  /**
   * Prints the trail of each package id (one line each, the first {@code full} of them as the table {@code wildex audit
   * trail} prints) and the result of {@code wildex audit verify}; returns that result.
   */
  public static AuditVerifier.Result print(AuditSettings settings, X509Certificate hub, X509Certificate ca,
      List<String> packageIds, String full, String workdirHint, PrintStream out) throws Exception {
    try (AuditStore store = AuditStore.open(settings, 1, "wildex-audit-report")) {
      out.println("audit trail (hash-chained, checkpoints signed by the hub):");
      for (String id : packageIds) {
        List<AuditEntry> trail = store.trail(id);
        out.printf("  %s  %s%n", id, summary(trail));
      }
      if (full != null) {
        out.println();
        out.println("$ wildex audit trail --workdir " + workdirHint + " " + full);
        out.print(TrailTable.format(store.trail(full)));
      }
      AuditVerifier.Result r = AuditVerifier.verify(store, hub, ca);
      out.println();
      out.println("$ wildex audit verify --workdir " + workdirHint);
      out.println(r.ok()
          ? "audit trail OK: " + r.entries() + " entries, " + r.checkpoints() + " signed checkpoint(s) verified"
          : "audit trail BROKEN at seq " + r.firstBrokenSeq() + ": " + r.problem());
      return r;
    }
  }

  /** "RECEIVED ACCEPTED ROUTEDx7 RECEIPT_SENT DELIVEREDx7" in first-seen order. */
  static String summary(List<AuditEntry> trail) {
    if (trail.isEmpty()) {
      return "(nothing recorded)";
    }
    Set<AuditEventType> seen = EnumSet.noneOf(AuditEventType.class);
    StringBuilder s = new StringBuilder();
    for (AuditEntry e : trail) {
      AuditEventType t = e.event().type();
      if (seen.add(t)) {
        long n = trail.stream().filter(x -> x.event().type() == t).count();
        s.append(s.isEmpty() ? "" : " ").append(t).append(n > 1 ? "x" + n : "");
      }
    }
    String reasons = trail.stream().filter(e -> e.event().reason() != null).map(e -> e.event().reason().name())
        .distinct().collect(Collectors.joining(","));
    return reasons.isEmpty() ? s.toString() : s + " (" + reasons + ")";
  }
}
