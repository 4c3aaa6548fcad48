package org.wildex.routes.audit;

import java.util.List;
import org.wildex.contracts.audit.AuditEvent;

/** A package's trail as a plain-text table for people (the CLI and the demo print it). */
public final class TrailTable {

  private static final String FORMAT = "%-5s %-24s %-13s %-26s %-10s %-18s %-13s %-20s %s%n";

  private TrailTable() {}

  public static String format(List<AuditEntry> entries) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(FORMAT, "SEQ", "AT", "EVENT", "ROUTE", "FROM", "TO", "LEVEL", "REASON", "DETAIL"));
    for (AuditEntry entry : entries) {
      AuditEvent e = entry.event();
      out.append(String.format(FORMAT,
          entry.seq(),
          e.at().toString().length() > 24 ? e.at().toString().substring(0, 23) + "Z" : e.at(),
          e.type(),
          dash(e.routeId()),
          dash(e.originator()),
          dash(e.recipient()),
          dash(e.level()),
          e.reason() == null ? "-" : e.reason().name(),
          detail(e)));
    }
    return out.toString();
  }

  private static String detail(AuditEvent e) {
    StringBuilder d = new StringBuilder();
    append(d, "policy", e.policyVersion());
    append(d, "rule", e.rule());
    append(d, "withheld", e.withheldCount() == null ? null : e.withheldCount().toString());
    append(d, "attempt", e.attempt() == null ? null : e.attempt().toString());
    append(d, "ciphertext", shortHash(e.ciphertextSha256()));
    append(d, "content", shortHash(e.contentSha256()));
    append(d, "manifest", shortHash(e.manifestSha256()));
    append(d, "message", shortHash(e.messageSha256()));
    return d.isEmpty() ? "-" : d.toString();
  }

  private static void append(StringBuilder d, String name, String value) {
    if (value != null) {
      if (!d.isEmpty()) {
        d.append(' ');
      }
      d.append(name).append('=').append(value);
    }
  }

  private static String shortHash(String hex) {
    return hex == null ? null : hex.substring(0, Math.min(12, hex.length()));
  }

  private static String dash(String s) {
    return s == null ? "-" : s;
  }
}
