import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.audit.AuditEvent;
import org.wildex.contracts.audit.AuditEventType;
import org.wildex.routes.audit.AuditQuery;
import org.wildex.routes.audit.AuditSearchRoute;
import org.wildex.routes.audit.AuditSettings;
import org.wildex.routes.audit.AuditStore;

/**
 * How fast an auditor's questions come back from a large trail: fills a fresh store with ENTRIES entries through the
 * hub's own {@code AuditStore.append} (a year of the demo's exchange: 3 NGOs, 17 agencies, per package RECEIVED,
 * ACCEPTED, 4 ROUTED at mixed levels, RECEIPT_SENT, 4 DELIVERED; 1 in 50 submissions rejected, 1 in 200 packages
 * recalled, a few dead letters), then runs the questions of issue 19 through {@code AuditStore.search} and
 * {@code counts} (what the HTTPS API and the CLI call), each 7 times, and prints the median and the slowest in ms (the
 * slowest is mostly the first: a cold JIT and cold pages). H2 runs with its result cache off, so a repeat does the work
 * again; PostgreSQL has no result cache.
 *
 * <pre>
 *   mvn -q -DskipTests -DskipITs package
 *   java -Xmx1g -cp ops/target/wildex.jar ops/bench/AuditSearchCost.java 1000000                  # embedded H2
 *   java -Xmx1g -cp ops/target/wildex.jar ops/bench/AuditSearchCost.java 1000000 jdbc:postgresql://127.0.0.1:5432/test?currentSchema=search postgres
 * </pre>
 *
 * With {@code WILDEX_AUDIT_DIR=dir} the H2 store is kept there and filled only once; with {@code EXPLAIN=1} each query's
 * plan follows its figures. For PostgreSQL the schema must exist and be empty ({@code psql -h 127.0.0.1 -U postgres -d test -c 'CREATE SCHEMA search'}).
 */
public class AuditSearchCost {

  static final String[] NGOS = {"eia", "wcs", "traffic"};
  static final String[] AGENCIES = {"ncb-kh", "ncb-th", "ncb-vn", "ncb-la", "ncb-cn", "customs-kh", "customs-th", "customs-vn",
      "customs-la", "customs-cn", "cites-kh", "cites-th", "cites-vn", "cites-la", "cites-cn", "blo-mohan-boten",
      "blo-lao-cai-hekou"};
  static final String[] LEVELS = {"GREEN", "AMBER", "AMBER", "AMBER", "AMBER+STRICT", "RED"};
  static final Instant START = Instant.parse("2025-12-01T00:00:00Z");
  static final Instant END = Instant.parse("2026-12-01T00:00:00Z");

  public static void main(String[] args) throws Exception {
    int entries = Integer.parseInt(args[0]);
    // WILDEX_AUDIT_DIR keeps the filled H2 store between runs (filled only while it holds fewer entries)
    String keep = System.getenv("WILDEX_AUDIT_DIR");
    AuditSettings settings = AuditSettings.defaults(keep != null ? Path.of(keep) : Files.createTempDirectory("wildex-audit-search"));
    // H2 would answer a repeated query from its result cache while the table is unchanged: measure the work itself
    settings = settings.withUrl(settings.jdbcUrl() + ";OPTIMIZE_REUSE_RESULTS=FALSE", "sa", "");
    if (args.length > 1) {
      settings = settings.withUrl(args[1], args.length > 2 ? args[2] : "", "");
    }
    try (AuditStore store = AuditStore.open(settings, 2, "audit-search-cost")) {
      store.migrate();
      long t0 = System.nanoTime();
      if (store.head().seq() < entries) {
        fill(store, entries);
      }
      plans = System.getenv("EXPLAIN") != null ? store : null;
      System.out.printf("filled %d entries in %.0f s (%s)%n", store.head().seq(), (System.nanoTime() - t0) / 1e9,
          args.length > 1 ? args[1] : "H2 " + settings.jdbcUrl());
      Instant lastMonth = END.minus(Duration.ofDays(30));
      query(store, "everything that went to customs-la last month",
          "participant=customs-la&role=recipient&from=" + lastMonth + "&to=" + END);
      query(store, "... all of it, page by page (100 a page)",
          "participant=customs-la&role=recipient&from=" + lastMonth + "&to=" + END, true);
      query(store, "every RED or AMBER+STRICT delivery (newest page)", "type=ROUTED&level=RED,AMBER+STRICT");
      query(store, "every RED delivery in one week of March, oldest first",
          "type=ROUTED&level=RED&from=2026-03-02&to=2026-03-09&order=asc");
      query(store, "all rejections from traffic and their reasons", "participant=traffic&role=originator&type=REJECTED");
      query(store, "what was recalled, released or dead-lettered", "type=RECALLED,RELEASED,DEAD_LETTERED");
      query(store, "one rejection reason across the trail", "reason=SIGNATURE_INVALID");
      query(store, "ncb-vn on either side, one day", "participant=ncb-vn&from=2026-06-15&to=2026-06-16");
      query(store, "decisions under one policy version, one route, newest", "policy=2026.1&route=wildex.deliver.fanout");
      query(store, "the latest entries (no filter)", "");
      counts(store, "oversight view: customs-la, last month", "customs-la", lastMonth, END);
      counts(store, "oversight view: eia, the whole year", "eia", START, END);
    }
  }

  static void fill(AuditStore store, int entries) throws Exception {
    Random r = new Random(19);
    long span = END.toEpochMilli() - START.toEpochMilli();
    int perPackage = 11;
    int packages = entries / perPackage;
    List<AuditEvent> batch = new ArrayList<>(1024);
    long written = 0;
    for (int p = 0; written < entries; p++) {
      Instant at = Instant.ofEpochMilli(START.toEpochMilli() + span * p / Math.max(1, packages));
      String ngo = NGOS[r.nextInt(NGOS.length)];
      String tracking = UUID.randomUUID().toString();
      String pkg = UUID.randomUUID().toString();
      batch.add(event(AuditEventType.RECEIVED, "wildex.intake.http", at, tracking, null, ngo, null, null, null));
      if (r.nextInt(50) == 0) {
        ReasonCode why = r.nextBoolean() ? ReasonCode.SIGNATURE_INVALID : ReasonCode.CONTRACT_INVALID;
        batch.add(event(AuditEventType.REJECTED, "wildex.process.open", at, tracking, null, ngo, null, null, why));
        batch.add(event(AuditEventType.QUARANTINED, "wildex.process.open", at, tracking, null, ngo, null, null, why));
        written += 3;
      } else {
        batch.add(event(AuditEventType.ACCEPTED, "wildex.process.recipients", at, tracking, pkg, ngo, null, null, null));
        List<String> to = new ArrayList<>(Arrays.asList(AGENCIES));
        java.util.Collections.shuffle(to, r);
        for (String agency : to.subList(0, 4)) {
          batch.add(event(AuditEventType.ROUTED, "wildex.deliver.fanout", at, tracking, pkg, ngo, agency,
              LEVELS[r.nextInt(LEVELS.length)], null));
        }
        batch.add(event(AuditEventType.RECEIPT_SENT, "wildex.receipts", at, tracking, pkg, ngo, ngo, null, null));
        for (String agency : to.subList(0, 4)) {
          batch.add(event(AuditEventType.DELIVERED, "wildex.broker", at.plusSeconds(2), tracking, pkg, ngo, agency, null, null));
        }
        written += 11;
        if (r.nextInt(200) == 0) {
          for (String agency : to.subList(0, 4)) {
            batch.add(event(AuditEventType.RECALLED, "wildex.lifecycle.recall", at.plusSeconds(3600), tracking, pkg, ngo, agency,
                null, ReasonCode.RECALL_SOURCE_AT_RISK));
          }
          written += 4;
        }
        if (r.nextInt(2000) == 0) {
          batch.add(event(AuditEventType.DEAD_LETTERED, "wildex.broker", at, tracking, null, ngo, null, null, null));
          written++;
        }
      }
      if (batch.size() >= 1000) {
        store.append(batch, List.of(), false, null);
        batch.clear();
      }
    }
    store.append(batch, List.of(), false, null);
  }

  static AuditEvent event(AuditEventType type, String route, Instant at, String tracking, String pkg, String originator,
      String recipient, String level, ReasonCode reason) {
    return AuditEvent.of(type, route).at(at).trackingId(tracking).packageId(pkg).originator(originator).recipient(recipient)
        .level(level).reason(reason).policyVersion(at.isBefore(Instant.parse("2026-06-01T00:00:00Z")) ? "2026.1" : "2026.2")
        .ciphertextSha256("ab".repeat(32)).build();
  }

  /** The store whose plans to print (EXPLAIN=1), else null. */
  static AuditStore plans;

  static void query(AuditStore store, String what, String query) throws Exception {
    query(store, what, query, false);
  }

  /** Runs the query 7 times (every page of it when {@code allPages}); prints what it found and how long it took. */
  static void query(AuditStore store, String what, String query, boolean allPages) throws Exception {
    AuditQuery q = AuditQuery.parseCanonical(query);
    long[] ms = new long[7];
    int found = 0;
    int pages = 0;
    for (int run = 0; run < ms.length; run++) {
      long t0 = System.nanoTime();
      found = 0;
      pages = 0;
      AuditQuery page = q;
      while (true) {
        AuditStore.Page p = store.search(page);
        found += p.entries().size();
        pages++;
        if (!allPages || p.next() == null) {
          break;
        }
        page = q.after(p.next());
      }
      ms[run] = (System.nanoTime() - t0) / 1_000_000;
    }
    report(what, query, found + " entries" + (allPages ? " in " + pages + " pages" : ""), ms);
    if (plans != null) {
      System.out.println(plans.plan(q).indent(4));
    }
  }

  static void counts(AuditStore store, String what, String participant, Instant from, Instant to) throws Exception {
    long[] ms = new long[7];
    for (int run = 0; run < ms.length; run++) {
      long t0 = System.nanoTime();
      AuditSearchRoute.oversight(store, new AuditQuery(participant, AuditQuery.Role.ANY, null, null, null, null, null, from, to,
          true, null, 1));
      ms[run] = (System.nanoTime() - t0) / 1_000_000;
    }
    long total = store.counts(participant, from, to).stream().mapToLong(AuditStore.Count::count).sum();
    report(what, "participant=" + participant + "&from=" + from + "&to=" + to, total + " entries counted", ms);
  }

  static void report(String what, String query, String found, long[] ms) {
    long[] sorted = ms.clone();
    Arrays.sort(sorted);
    System.out.printf("%-55s median %5d ms  max %5d ms  %s   [%s]%n", what, sorted[sorted.length / 2], sorted[sorted.length - 1],
        found, query);
  }
}
