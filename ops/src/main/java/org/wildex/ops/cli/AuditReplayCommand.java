package org.wildex.ops.cli;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.ops.Workdir;
import org.wildex.ops.client.AuditClient;
import org.wildex.routes.audit.AuditReplay;
import org.wildex.routes.audit.AuditSearchRoute;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code wildex audit replay}: policy replay of a period over HTTPS as an auditor; exit 1 when anything is flagged. */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {
      "Policy replay (GET /api/v1/audit/replay) with the --as auditor's certificate: every ROUTED entry of the period",
      "decided again with the archived text of the policy version it names, that text checked against the hash the",
      "trail recorded. Lists each delivery that policy would not produce. Reads only: the trail does not change.",
      "Exit 0 when nothing is flagged, 1 when something is (or a version was never archived), 3 when refused."
    })
public final class AuditReplayCommand implements Callable<Integer> {

  @Mixin WorkdirOptions options;

  @Mixin AuditorOptions auditor;

  @Option(names = "--from", description = "start of the period: 2026-11-01 (midnight UTC) or 2026-11-01T08:00:00Z")
  String from;

  @Option(names = "--to", description = "end of the period (exclusive), same forms as --from")
  String to;

  @Option(names = "--json", description = "print the hub's JSON report")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Workdir workdir = options.workdir();
    AuditClient client = auditor.client(workdir);
    Map<String, String> params = new LinkedHashMap<>();
    params.put("from", from);
    params.put("to", to);
    AuditClient.Answer answer = client.get(AuditSearchRoute.REPLAY_PATH, params);
    if (!answer.ok()) {
      return AuditSearchCommand.refused(answer);
    }
    AuditReplay.Report report = PackageCodec.fromJson(answer.body(), AuditReplay.Report.class);
    System.out.print(json ? new String(answer.body(), StandardCharsets.UTF_8) + "\n" : format(report));
    return report.ok() ? WildexCommand.EXIT_OK : WildexCommand.EXIT_FAILED;
  }

  static String format(AuditReplay.Report r) {
    StringBuilder out = new StringBuilder();
    out.append(String.format("policy replay %s: %d deliveries re-decided, %d flagged, %d not replayable%n",
        (r.from() == null ? "since the trail began" : "from " + r.from()) + (r.to() == null ? " until now" : " to " + r.to()),
        r.checked(), r.flagged(), r.unreplayable()));
    for (AuditReplay.PolicyCheck c : r.policies()) {
      out.append(String.format("  policy %-28s %s%n", c.version(),
          c.verified() ? "archived text verified (SHA-256 " + c.sha256() + ")" : "NOT verified: " + c.problem()));
    }
    if (!r.entries().isEmpty()) {
      String row = "  %-7s %-17s %-16s %-13s %-28s %-36s %s%n";
      out.append(String.format(row, "SEQ", "ORIGINATOR", "RECIPIENT", "LEVEL", "RULE", "PACKAGE", "FINDINGS"));
      for (AuditReplay.Flagged f : r.entries()) {
        out.append(String.format(row, f.seq(), f.originator(), f.recipient(), f.level(), f.rule(), f.packageId(),
            String.join(",", f.findings())));
      }
      if (r.entries().size() < r.flagged() + r.unreplayable()) {
        out.append("  (the first ").append(r.entries().size()).append(" listed; --json for the report)\n");
      }
    }
    out.append(r.ok() ? "OK: every delivery is one its policy version produces\n"
        : "FLAGGED: these deliveries are not what the named policy produces, or cannot be checked\n");
    return out.toString();
  }
}
