package org.wildex.routes.audit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.WildexException;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.directory.ParticipantKind;
import org.wildex.routes.Participants;
import org.wildex.routes.errors.ErrorHandling;
import org.wildex.routes.http.HttpsClient;

/**
 * Questions about the exchange rather than one package, for {@code AUDITOR} certificates only (403
 * {@code CLIENT_NOT_AUDITOR} for everyone else, 403 {@code CERT_REVOKED} once the CA revoked the auditor's):
 *
 * <ul>
 *   <li>{@code GET /api/v1/audit/events?participant=..&type=..} ({@value #SEARCH_ROUTE}): one page of the entries a
 *       search matches ({@link AuditQuery} lists the parameters), with the cursor of the next page;
 *   <li>{@code GET /api/v1/audit/oversight?participant=..&from=..&to=..} ({@value #OVERSIGHT_ROUTE}): one
 *       participant's counts over a period and its latest entries ({@link Oversight});
 *   <li>{@code GET /api/v1/audit/events/bundle?participant=..&type=..} ({@value #BUNDLE_ROUTE}): every entry the
 *       search's filters match (at most {@value #BUNDLE_MAX}), with chain proofs to the nearest signed checkpoints,
 *       as one evidence bundle for an inquiry ({@link EvidenceBundle}, checked offline by {@code wildex audit verify-bundle});
 *   <li>{@code GET /api/v1/audit/replay?from=..&to=..} ({@value #REPLAY_ROUTE}): policy replay of the period's
 *       {@code ROUTED} entries ({@link AuditReplay}), a report that changes nothing.
 * </ul>
 *
 * Every answered query is itself in the trail before the answer leaves: {@code AUDIT_QUERIED} with the auditor and
 * the query's parameters, never its results. A query the hub cannot record is not answered (503).
 */
public final class AuditSearchRoute extends RouteBuilder {

  public static final String SEARCH_PATH = "/api/v1/audit/events";
  public static final String OVERSIGHT_PATH = "/api/v1/audit/oversight";
  public static final String SEARCH_ROUTE = "wildex.audit.search";
  public static final String OVERSIGHT_ROUTE = "wildex.audit.oversight";
  public static final String REPLAY_PATH = "/api/v1/audit/replay";
  public static final String REPLAY_ROUTE = "wildex.audit.replay";
  public static final String BUNDLE_PATH = "/api/v1/audit/events/bundle";
  public static final String BUNDLE_ROUTE = "wildex.audit.search-bundle";
  /** The most entries one inquiry bundle holds. */
  public static final int BUNDLE_MAX = 100_000;
  /** Parameters of a search that a bundle, which holds every match in chain order, does not take. */
  static final Set<String> PAGING_PARAMETERS = Set.of("order", "cursor", "limit");
  /** The parameters the oversight view takes (a subset of a search's). */
  static final Set<String> OVERSIGHT_PARAMETERS = Set.of("participant", "from", "to");
  /** The parameters policy replay takes. */
  static final Set<String> REPLAY_PARAMETERS = Set.of("from", "to");

  /** The JSON answer of a search: the query as recorded, the page, and the cursor of the next page (null after the last). */
  public record SearchAnswer(String query, int count, List<AuditEntry> entries, Long next) {}

  private final Participants participants;
  private final Supplier<AuditStore> store;
  private final Processor publish = AuditTrail.publish();
  private final List<X509Certificate> hubCertificates;
  private final List<X509Certificate> cas;

  /**
   * With the hub's certificates (current first, then retired ones) and the CAs that issued them, for the inquiry
   * bundle's checkpoints (as {@link AuditPageRoute}).
   */
  public AuditSearchRoute(Participants participants, Supplier<AuditStore> store, List<X509Certificate> hubCertificates,
      List<X509Certificate> cas) {
    this.participants = participants;
    this.store = store;
    this.hubCertificates = List.copyOf(hubCertificates);
    this.cas = List.copyOf(cas);
  }

  @Override
  public void configure() {
    from("platform-http:" + SEARCH_PATH + "?httpMethodRestrict=GET")
        .routeId(SEARCH_ROUTE)
        .routeConfigurationId(ErrorHandling.QUERY)
        .process(this::search);

    from("platform-http:" + OVERSIGHT_PATH + "?httpMethodRestrict=GET")
        .routeId(OVERSIGHT_ROUTE)
        .routeConfigurationId(ErrorHandling.QUERY)
        .process(this::oversight);

    from("platform-http:" + REPLAY_PATH + "?httpMethodRestrict=GET")
        .routeId(REPLAY_ROUTE)
        .routeConfigurationId(ErrorHandling.QUERY)
        .process(this::replay);

    from("platform-http:" + BUNDLE_PATH + "?httpMethodRestrict=GET")
        .routeId(BUNDLE_ROUTE)
        .routeConfigurationId(ErrorHandling.QUERY)
        .process(this::bundle);
  }

  private void replay(Exchange exchange) throws Exception {
    Participant auditor = auditor(exchange, participants);
    Map<String, List<String>> params = parameters(exchange);
    only(params, REPLAY_PARAMETERS, "policy replay takes from and to");
    AuditQuery query = AuditQuery.parse(params);
    record(exchange, REPLAY_ROUTE, auditor, query.filters());
    QueryAnswer.write(exchange, 200, AuditReplay.replay(store.get(), participants.directory()::find, query.from(), query.to()),
        "application/json");
  }

  private void bundle(Exchange exchange) throws Exception {
    Participant auditor = auditor(exchange, participants);
    Map<String, List<String>> params = parameters(exchange);
    for (String paging : PAGING_PARAMETERS) {
      if (params.containsKey(paging)) {
        throw new WildexException(ReasonCode.QUERY_INVALID, "a bundle holds every matching entry in chain order; it takes no '"
            + paging + "'");
      }
    }
    AuditQuery query = AuditQuery.parse(params);
    record(exchange, BUNDLE_ROUTE, auditor, query.filters());
    List<AuditEntry> entries = store.get().matching(query, BUNDLE_MAX);
    if (entries.isEmpty()) {
      throw new WildexException(ReasonCode.NO_MATCH, "no entry matches the search");
    }
    Path file = Files.createTempFile("wildex-inquiry-", ".zip");
    try {
      EvidenceBundle.export(store.get(), "search:" + query.filters(), entries, hubCertificates, cas, file);
      QueryAnswer.write(exchange, 200, Files.readAllBytes(file), "application/zip");
      exchange.getIn().setHeader("Content-Disposition", "attachment; filename=\"wildex-audit-inquiry.zip\"");
      exchange.getIn().setHeader("Cache-Control", "no-store");
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private void search(Exchange exchange) throws Exception {
    Participant auditor = auditor(exchange, participants);
    AuditQuery query = AuditQuery.parse(parameters(exchange));
    record(exchange, SEARCH_ROUTE, auditor, query.canonical());
    AuditStore.Page page = store.get().search(query);
    QueryAnswer.write(exchange, 200, new SearchAnswer(query.canonical(), page.entries().size(), page.entries(), page.next()),
        "application/json");
  }

  private void oversight(Exchange exchange) throws Exception {
    Participant auditor = auditor(exchange, participants);
    Map<String, List<String>> params = parameters(exchange);
    only(params, OVERSIGHT_PARAMETERS, "the oversight view takes participant, from and to");
    AuditQuery query = AuditQuery.parse(params);
    if (query.participant() == null) {
      throw new WildexException(ReasonCode.QUERY_INVALID, "participant is required: whose part in the exchange to show");
    }
    record(exchange, OVERSIGHT_ROUTE, auditor, query.filters());
    QueryAnswer.write(exchange, 200, oversight(store.get(), query), "application/json");
  }

  /** The participant's oversight view for the query's participant and period (also {@code wildex audit oversight}). */
  public static Oversight oversight(AuditStore store, AuditQuery query) throws Exception {
    List<AuditStore.Count> counts = store.counts(query.participant(), query.from(), query.to());
    AuditQuery latest = new AuditQuery(query.participant(), AuditQuery.Role.ANY, null, null, null, null, null, query.from(),
        query.to(), true, null, Oversight.RECENT);
    return Oversight.of(query.participant(), query.from(), query.to(), counts, store.search(latest).entries());
  }

  /** Refuses (QUERY_INVALID) a parameter outside {@code allowed}: a view that takes fewer than a search. */
  private static void only(Map<String, List<String>> params, Set<String> allowed, String takes) {
    for (String name : params.keySet()) {
      if (!allowed.contains(name)) {
        throw new WildexException(ReasonCode.QUERY_INVALID, takes + "; not '" + name + "'");
      }
    }
  }

  /** AUDIT_QUERIED on {@code wildex.audit}, durably, before anything is read; a failed send fails the request. */
  private void record(Exchange exchange, String routeId, Participant auditor, String query) throws Exception {
    AuditTrail.queried(exchange, routeId, auditor.id(), query);
    publish.process(exchange);
  }

  /** The client, if it is an auditor whose certificate is not revoked; else refused. */
  static Participant auditor(Exchange exchange, Participants participants) {
    Participant client = HttpsClient.identify(exchange, participants);
    if (client.kind() != ParticipantKind.AUDITOR) {
      throw new WildexException(ReasonCode.CLIENT_NOT_AUDITOR, "participant " + client.id() + " is " + client.kind()
          + "; only auditors read the audit trail");
    }
    return client;
  }

  /**
   * The request's query parameters, decoded, from the raw query string (not from the message headers, which also
   * hold the client's HTTP headers).
   */
  static Map<String, List<String>> parameters(Exchange exchange) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    String raw = exchange.getIn().getHeader(Exchange.HTTP_RAW_QUERY, String.class);
    if (raw == null) {
      raw = exchange.getIn().getHeader(Exchange.HTTP_QUERY, String.class);
    }
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      try {
        String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      } catch (IllegalArgumentException e) {
        throw new WildexException(ReasonCode.QUERY_INVALID, "the query string is not URL-encoded text");
      }
    }
    return params;
  }
}
