package org.wildex.ops.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.wildex.contracts.audit.AuditEvent;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.ops.Workdir;
import org.wildex.ops.client.AuditClient;
import org.wildex.routes.audit.AuditEntry;
import org.wildex.routes.audit.AuditSearchRoute;
import org.wildex.routes.audit.AuditSearchRoute.SearchAnswer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code wildex audit search}: the trail's entries that match, over HTTPS with an auditor's certificate. */
@Command(name = "search", mixinStandardHelpOptions = true,
    description = {
      "Searches the whole trail on the running hub (GET /api/v1/audit/events) with the --as auditor's certificate:",
      "every filter is optional and they all hold together. The hub records the query (AUDIT_QUERIED), not its results.",
      "Prints one page, newest first, and how to get the next; --all follows the pages to the end."
    })
public final class AuditSearchCommand implements Callable<Integer> {

  @Mixin WorkdirOptions options;

  @Mixin AuditorOptions auditor;

  @Option(names = "--participant", description = "entries where this participant is originator or recipient")
  String participant;

  @Option(names = "--role", description = "which side --participant is on: any (default), originator, recipient")
  String role;

  @Option(names = "--type", description = "event types, comma-separated: ROUTED,DELIVERED,REJECTED,RECALLED,...")
  String type;

  @Option(names = "--level", description = "delivery levels, comma-separated: GREEN,AMBER,AMBER+STRICT,RED")
  String level;

  @Option(names = "--reason", description = "reason codes, comma-separated: NOT_CMS,RECALL_LEGAL,...")
  String reason;

  @Option(names = "--route", description = "the stage that recorded the entry, e.g. wildex.process.open")
  String route;

  @Option(names = "--policy", description = "the sharing policy version the entry names")
  String policy;

  @Option(names = "--from", description = "entries at or after: 2026-11-01 (midnight UTC) or 2026-11-01T08:00:00Z")
  String from;

  @Option(names = "--to", description = "entries before (exclusive), same forms as --from")
  String to;

  @Option(names = "--order", description = "desc (newest first, the default) or asc")
  String order;

  @Option(names = "--limit", description = "entries per page, 1..1000 (default 100)")
  Integer limit;

  @Option(names = "--cursor", description = "the page after this one: the cursor a previous page printed")
  String cursor;

  @Option(names = "--all", description = "follow the pages to the end (each page is one query in the trail)")
  boolean all;

  @Option(names = "--json", description = "print the hub's JSON answer: {query, count, entries, next}")
  boolean json;

  @Option(names = "--bundle", paramLabel = "FILE",
      description = "write every matching entry, with chain proofs to the hub's signed checkpoints, as one evidence"
          + " bundle for an inquiry (check it offline: wildex audit verify-bundle FILE); no --order, --limit, --cursor")
  Path bundle;

  @Override
  public Integer call() throws Exception {
    Workdir workdir = options.workdir();
    AuditClient client = auditor.client(workdir);
    Map<String, String> params = new LinkedHashMap<>();
    params.put("participant", participant);
    params.put("role", role);
    params.put("type", type);
    params.put("level", level);
    params.put("reason", reason);
    params.put("route", route);
    params.put("policy", policy);
    params.put("from", from);
    params.put("to", to);
    params.put("order", order);
    params.put("limit", limit == null ? null : limit.toString());
    params.put("cursor", cursor);
    if (bundle != null) {
      return bundle(client, params);
    }
    List<AuditEntry> entries = new ArrayList<>();
    SearchAnswer page;
    do {
      AuditClient.Answer answer = client.get(AuditSearchRoute.SEARCH_PATH, params);
      if (!answer.ok()) {
        return refused(answer);
      }
      page = PackageCodec.fromJson(answer.body(), SearchAnswer.class);
      entries.addAll(page.entries());
      params.put("cursor", page.next() == null ? null : page.next().toString());
    } while (all && page.next() != null);
    SearchAnswer result = all ? new SearchAnswer(page.query(), entries.size(), entries, null) : page;
    if (json) {
      System.out.println(new String(PackageCodec.toJson(result), StandardCharsets.UTF_8));
      return WildexCommand.EXIT_OK;
    }
    System.out.print(table(result.entries()));
    System.out.println(result.count() + " entries (" + page.query() + ")"
        + (result.next() == null ? "" : "; next page: --cursor " + result.next()));
    return WildexCommand.EXIT_OK;
  }

  private int bundle(AuditClient client, Map<String, String> params) throws Exception {
    AuditClient.Answer answer = client.get(AuditSearchRoute.BUNDLE_PATH, params);
    if (!answer.ok()) {
      return refused(answer);
    }
    Path parent = bundle.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.write(bundle, answer.body());
    System.out.println("wrote " + bundle + " (" + answer.body().length + " bytes); check it with: wildex audit verify-bundle "
        + bundle);
    return WildexCommand.EXIT_OK;
  }

  /** Prints the hub's refusal and what to do; exit 3 (refused) or 1 (the hub failed). */
  static int refused(AuditClient.Answer answer) {
    System.err.println("wildex: the hub answered " + answer.status() + (answer.reason() == null ? ""
        : " " + answer.reason() + ": " + answer.description()));
    String fix = ErrorHint.forReason(answer.reason());
    if (fix != null) {
      System.err.println("wildex: " + fix);
    }
    return answer.status() >= 500 || answer.reason() == null ? WildexCommand.EXIT_FAILED : WildexCommand.EXIT_REJECTED;
  }

  private static final String ROW = "%-6s %-24s %-17s %-12s %-16s %-13s %-20s %-36s %s%n";

  static String table(List<AuditEntry> entries) {
    StringBuilder out = new StringBuilder(String.format(ROW, "SEQ", "AT", "EVENT", "FROM", "TO", "LEVEL", "REASON", "PACKAGE", "RULE"));
    for (AuditEntry entry : entries) {
      AuditEvent e = entry.event();
      String at = e.at().toString();
      out.append(String.format(ROW, entry.seq(), at.length() > 24 ? at.substring(0, 23) + "Z" : at, e.type(),
          dash(e.originator()), dash(e.recipient()), dash(e.level()), e.reason() == null ? "-" : e.reason().name(),
          dash(e.packageId() != null ? e.packageId() : e.trackingId()), dash(e.rule())));
    }
    return out.toString();
  }

  private static String dash(String s) {
    return s == null ? "-" : s;
  }
}
