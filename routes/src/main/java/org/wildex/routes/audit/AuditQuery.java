package org.wildex.routes.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.Tlp;
import org.wildex.contracts.WildexException;
import org.wildex.contracts.audit.AuditEventType;
import org.wildex.contracts.directory.Directory;

/**
 * One search over the trail: every filter is optional and they all hold together (AND); a set filter holds when the
 * entry's value is one of the set. Parsed from the parameters of {@code GET /api/v1/audit/events} and
 * {@code wildex audit search} alike ({@link #parse}), so both accept and refuse the same queries.
 *
 * @param participant entries where this participant is the originator or the recipient (see {@code role})
 * @param role which side {@code participant} must be on
 * @param types event types
 * @param levels TLP labels of deliveries ({@code ROUTED}, {@code RELEASED}, ...)
 * @param reasons reason codes (rejections, recalls, revoked recipients)
 * @param route the stage that recorded the entry, e.g. {@code wildex.process.open}
 * @param policyVersion the sharing policy version the entry names
 * @param from entries that happened at or after this instant
 * @param to entries that happened before this instant
 * @param newestFirst order of the page: newest first (the default) or oldest first
 * @param cursor the page after this sequence number, in the page's order ({@link AuditStore.Page#next})
 * @param limit most entries on the page
 */
public record AuditQuery(
    String participant,
    Role role,
    Set<AuditEventType> types,
    Set<Tlp> levels,
    Set<ReasonCode> reasons,
    String route,
    String policyVersion,
    Instant from,
    Instant to,
    boolean newestFirst,
    Long cursor,
    int limit) {

  /** Which side of an entry a participant filter looks at. */
  public enum Role {
    /** originator or recipient */
    ANY,
    /** the submitting NGO (or whoever made a request: a recall's originator, an auditor's query) */
    ORIGINATOR,
    /** the participant a delivery, receipt, release or notice went to */
    RECIPIENT
  }

  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;
  /** The parameters a query takes, in the order {@link #canonical} writes them. */
  public static final List<String> PARAMETERS =
      List.of("participant", "role", "type", "level", "reason", "route", "policy", "from", "to", "order", "cursor", "limit");
  private static final Pattern TEXT = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:+-]{0,99}$");

  public AuditQuery {
    role = role == null || participant == null ? Role.ANY : role;
    types = types == null ? Set.of() : Set.copyOf(types);
    levels = levels == null ? Set.of() : Set.copyOf(levels);
    reasons = reasons == null ? Set.of() : Set.copyOf(reasons);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw invalid("limit must be 1.." + MAX_LIMIT);
    }
    if (from != null && to != null && !from.isBefore(to)) {
      throw invalid("from must lie before to");
    }
  }

  /** Everything, newest first, one page of the default size. */
  public static AuditQuery all() {
    return new AuditQuery(null, Role.ANY, Set.of(), Set.of(), Set.of(), null, null, null, null, true, null, DEFAULT_LIMIT);
  }

  /**
   * A query from request parameters: each name of {@link #PARAMETERS} at most once; {@code type}, {@code level} and
   * {@code reason} take several values, comma-separated. Times are ISO-8601 instants ({@code 2026-11-01T00:00:00Z}) or
   * dates ({@code 2026-11-01}, midnight UTC); {@code to} is exclusive. Anything else is refused with
   * {@link ReasonCode#QUERY_INVALID} naming the parameter.
   */
  public static AuditQuery parse(Map<String, List<String>> params) {
    Map<String, String> p = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : params.entrySet()) {
      if (!PARAMETERS.contains(e.getKey())) {
        throw invalid("unknown parameter '" + e.getKey() + "' (known: " + String.join(", ", PARAMETERS) + ")");
      }
      List<String> values = e.getValue().stream().filter(v -> v != null && !v.isBlank()).toList();
      if (values.size() > 1) {
        throw invalid(e.getKey() + " given more than once (several values go comma-separated)");
      }
      if (values.size() == 1) {
        p.put(e.getKey(), values.get(0).trim());
      }
    }
    String participant = p.get("participant");
    if (participant != null && !Directory.ID.matcher(participant).matches()) {
      throw invalid("participant '" + participant + "' is not a participant id");
    }
    return new AuditQuery(
        participant,
        p.containsKey("role") ? one("role", p.get("role"), Role.class) : Role.ANY,
        set("type", p.get("type"), v -> one("type", v, AuditEventType.class), EnumSet.noneOf(AuditEventType.class)),
        set("level", p.get("level"), AuditQuery::level, EnumSet.noneOf(Tlp.class)),
        set("reason", p.get("reason"), v -> one("reason", v, ReasonCode.class), EnumSet.noneOf(ReasonCode.class)),
        text("route", p.get("route")),
        text("policy", p.get("policy")),
        time("from", p.get("from")),
        time("to", p.get("to")),
        order(p.get("order")),
        cursor(p.get("cursor")),
        p.containsKey("limit") ? limit(p.get("limit")) : DEFAULT_LIMIT);
  }

  /** The same query, for the page after {@code seq}. */
  public AuditQuery after(long seq) {
    return new AuditQuery(participant, role, types, levels, reasons, route, policyVersion, from, to, newestFirst, seq, limit);
  }

  /**
   * The query as parameters ({@code participant=customs-la&role=RECIPIENT&type=ROUTED}), set ones only, in
   * {@link #PARAMETERS} order, set values sorted: what {@code AUDIT_QUERIED} records, and what {@link #parse} reads back
   * (split at {@code &} and the first {@code =}).
   */
  public String canonical() {
    StringJoiner s = filtersOnly();
    add(s, "order", newestFirst ? "desc" : "asc");
    add(s, "cursor", cursor == null ? null : cursor.toString());
    add(s, "limit", Integer.toString(limit));
    return s.toString();
  }

  /**
   * The filters alone, in {@link #canonical}'s form: what a view that takes every match (an inquiry's bundle, policy
   * replay) records and names.
   */
  public String filters() {
    return filtersOnly().toString();
  }

  private StringJoiner filtersOnly() {
    StringJoiner s = new StringJoiner("&");
    add(s, "participant", participant);
    if (role != Role.ANY) {
      add(s, "role", role.name());
    }
    add(s, "type", joined(types.stream().map(Enum::name).toList()));
    add(s, "level", joined(levels.stream().map(Tlp::label).toList()));
    add(s, "reason", joined(reasons.stream().map(Enum::name).toList()));
    add(s, "route", route);
    add(s, "policy", policyVersion);
    add(s, "from", from == null ? null : from.toString());
    add(s, "to", to == null ? null : to.toString());
    return s;
  }

  /** Parses {@link #canonical}'s form back (tests, and reading an {@code AUDIT_QUERIED} entry). */
  public static AuditQuery parseCanonical(String canonical) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    if (!canonical.isEmpty()) {
      for (String pair : canonical.split("&")) {
        int eq = pair.indexOf('=');
        params.computeIfAbsent(eq < 0 ? pair : pair.substring(0, eq), k -> new ArrayList<>())
            .add(eq < 0 ? "" : pair.substring(eq + 1));
      }
    }
    return parse(params);
  }

  private static void add(StringJoiner s, String name, String value) {
    if (value != null && !value.isEmpty()) {
      s.add(name + "=" + value);
    }
  }

  private static String joined(List<String> values) {
    return String.join(",", new TreeSet<>(values));
  }

  private static <E extends Enum<E>> E one(String name, String value, Class<E> type) {
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw invalid(name + " '" + value + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants()));
    }
  }

  /** A TLP label; {@code AMBER+STRICT} also as {@code AMBER_STRICT} or {@code AMBER STRICT} (a URL's unescaped +). */
  private static Tlp level(String value) {
    try {
      return Tlp.fromLabel(value.toUpperCase(Locale.ROOT).replace(' ', '+'));
    } catch (IllegalArgumentException e) {
      throw invalid("level '" + value + "' is not a TLP label (CLEAR, GREEN, AMBER, AMBER+STRICT, RED)");
    }
  }

  private interface Parser<T> {
    T parse(String value);
  }

  private static <T> Set<T> set(String name, String value, Parser<T> parser, Set<T> into) {
    if (value == null) {
      return into;
    }
    for (String v : value.split(",")) {
      if (v.isBlank()) {
        throw invalid(name + " has an empty value");
      }
      into.add(parser.parse(v.trim()));
    }
    return into;
  }

  private static String text(String name, String value) {
    if (value != null && !TEXT.matcher(value).matches()) {
      throw invalid(name + " '" + value + "' is not a route id or policy version (letters, digits, . _ : + -; at most 100)");
    }
    return value;
  }

  private static Instant time(String name, String value) {
    if (value == null) {
      return null;
    }
    try {
      return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw invalid(name + " '" + value + "' is neither an ISO-8601 instant (2026-11-01T00:00:00Z) nor a date (2026-11-01)");
    }
  }

  private static boolean order(String value) {
    if (value == null || value.equalsIgnoreCase("desc")) {
      return true;
    }
    if (value.equalsIgnoreCase("asc")) {
      return false;
    }
    throw invalid("order '" + value + "' is neither asc nor desc");
  }

  private static Long cursor(String value) {
    if (value == null) {
      return null;
    }
    try {
      long seq = Long.parseLong(value);
      if (seq < 0) {
        throw new NumberFormatException();
      }
      return seq;
    } catch (NumberFormatException e) {
      throw invalid("cursor '" + value + "' is not a sequence number (take it from the last page's next)");
    }
  }

  private static int limit(String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw invalid("limit '" + value + "' is not a number 1.." + MAX_LIMIT);
    }
  }

  private static WildexException invalid(String detail) {
    return new WildexException(ReasonCode.QUERY_INVALID, detail);
  }
}
