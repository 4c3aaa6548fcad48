package org.wildex.ops.cli;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.ops.Workdir;
import org.wildex.ops.client.AuditClient;
import org.wildex.routes.audit.AuditSearchRoute;
import org.wildex.routes.audit.Oversight;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code wildex audit oversight}: one participant's part in the exchange over a period, over HTTPS as an auditor. */
@Command(name = "oversight", mixinStandardHelpOptions = true,
    description = {
      "One participant's part in the exchange over a period (GET /api/v1/audit/oversight), with the --as auditor's",
      "certificate: what it sent and what became of it, what it received by level, recalls, releases, dead letters,",
      "and its latest entries. Counts and ids only. The hub records the query (AUDIT_QUERIED)."
    })
public final class AuditOversightCommand implements Callable<Integer> {

  @Mixin WorkdirOptions options;

  @Mixin AuditorOptions auditor;

  @Option(names = "--participant", required = true, description = "whose part in the exchange")
  String participant;

  @Option(names = "--from", description = "start of the period: 2026-11-01 (midnight UTC) or 2026-11-01T08:00:00Z")
  String from;

  @Option(names = "--to", description = "end of the period (exclusive), same forms as --from")
  String to;

  @Option(names = "--json", description = "print the hub's JSON answer")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Workdir workdir = options.workdir();
    AuditClient client = auditor.client(workdir);
    Map<String, String> params = new LinkedHashMap<>();
    params.put("participant", participant);
    params.put("from", from);
    params.put("to", to);
    AuditClient.Answer answer = client.get(AuditSearchRoute.OVERSIGHT_PATH, params);
    if (!answer.ok()) {
      return AuditSearchCommand.refused(answer);
    }
    if (json) {
      System.out.println(new String(answer.body(), StandardCharsets.UTF_8));
      return WildexCommand.EXIT_OK;
    }
    System.out.print(format(PackageCodec.fromJson(answer.body(), Oversight.class)));
    return WildexCommand.EXIT_OK;
  }

  /** The view for people: a few lines of counts, then the latest entries. */
  public static String format(Oversight v) {
    StringBuilder out = new StringBuilder();
    out.append("oversight of ").append(v.participant()).append(", ")
        .append(v.from() == null ? "since the trail began" : "from " + v.from())
        .append(v.to() == null ? " until now" : " to " + v.to()).append('\n');
    Oversight.Sent s = v.sent();
    out.append(String.format("  sent:      %d submission(s), %d accepted, rejected %s; deliveries made %s%n",
        s.submissions(), s.accepted(), s.rejected(), s.deliveries()));
    out.append(String.format("             %d update(s), %d delivery(ies) recalled, releases decided %s, %d dead-lettered%n",
        s.updates(), s.recalled(), s.releasesDecided(), s.deadLettered()));
    Oversight.Received r = v.received();
    out.append(String.format("  received:  deliveries %s, %d acknowledged, recalled from it %s%n",
        r.deliveries(), r.acknowledged(), r.recalled()));
    out.append(String.format("             %d release request(s): released %s, %d declined; %d left out (revoked certificate)%n",
        r.releasesRequested(), r.released(), r.releasesDeclined(), r.notRouted()));
    if (v.queries() > 0) {
      out.append(String.format("  queries:   %d search(es) or read(s) of the trail%n", v.queries()));
    }
    out.append("  latest entries:\n");
    AuditSearchCommand.table(v.recent()).lines().forEach(line -> out.append("    ").append(line).append('\n'));
    return out.toString();
  }
}
