package org.wildex.routes.audit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.WildexException;
import org.wildex.contracts.audit.AuditEvent;
import org.wildex.contracts.audit.AuditEventType;
import org.wildex.contracts.audit.SealedReceipt;
import org.wildex.crypto.CryptoException;
import org.wildex.crypto.Digests;
import org.wildex.crypto.chain.ChainHash;
import org.wildex.crypto.chain.Checkpoint;

/**
 * The audit store over JDBC (HikariCP pool, Flyway migrations in {@code db/migration}): the same SQL on H2 and
 * PostgreSQL. Appends run in one database transaction per batch and lock the single head row, so the sequence never
 * forks even with several writers; reads are plain queries.
 */
public final class AuditStore implements AutoCloseable {

  /** The last entry and the last checkpoint, as the head row holds them. */
  public record Head(long seq, String hash, long checkpointSeq, Instant checkpointAt) {}

  /** A signed checkpoint as stored: the CMS SignedData (DER) over the checkpoint text. */
  public record StoredCheckpoint(long seq, String headHash, Instant signedAt, byte[] cms) {}

  /** Visits entries in sequence order; may throw to stop. */
  @FunctionalInterface
  public interface EntryVisitor {
    void visit(AuditEntry entry) throws Exception;
  }

  /**
   * An entry exactly as stored: its hashed fields as the strings in the table, in {@link AuditEntry#fields} order. The
   * verifier hashes these, so a row edited into something that no longer parses is still reported, not a crash.
   */
  public record RawEntry(long seq, List<String> fields, String prevHash, String entryHash) {}

  /** Visits raw entries in sequence order; may throw to stop. */
  @FunctionalInterface
  public interface RawVisitor {
    void visit(RawEntry entry) throws Exception;
  }

  private static final String ENTRY_COLUMNS =
      "seq, event_id, event_type, occurred_at, route_id, tracking_id, package_id, originator, recipient, delivery_id,"
          + " sharing_level, policy_version, reason, ciphertext_sha256, content_sha256, manifest_sha256, message_sha256,"
          + " withheld_count, attempt, prev_hash, entry_hash, routing_rule";
  private static final String INSERT_ENTRY =
      "INSERT INTO audit_entry (" + ENTRY_COLUMNS + ", occurred_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

  private final HikariDataSource dataSource;
  /**
   * H2 writes a commit to its file but leaves it in the OS's buffers: after a power cut or a disk the kernel turned
   * read-only, committed entries would be gone while their broker messages were already acknowledged. So on H2 every
   * append ends with {@code CHECKPOINT SYNC} (one fsync per batch). PostgreSQL's commit is durable by itself.
   */
  private final boolean syncAfterCommit;
  private volatile PolicyText policyToArchive;

  private AuditStore(HikariDataSource dataSource, boolean syncAfterCommit) {
    this.dataSource = dataSource;
    this.syncAfterCommit = syncAfterCommit;
  }

  /**
   * A pool on the store. It connects lazily: a database that is down when the hub starts delays the trail, it does not
   * stop the hub.
   */
  public static AuditStore open(AuditSettings settings, int poolSize, String poolName) {
    return open(settings, poolSize, poolName, Duration.ofSeconds(5));
  }

  /** A pool that gives up waiting for a connection after {@code connectionTimeout} (at least 250 ms). */
  public static AuditStore open(AuditSettings settings, int poolSize, String poolName, Duration connectionTimeout) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(settings.jdbcUrl());
    config.setUsername(settings.user());
    config.setPassword(settings.password());
    config.setMaximumPoolSize(poolSize);
    config.setMinimumIdle(0);
    config.setPoolName(poolName);
    config.setInitializationFailTimeout(-1);
    config.setConnectionTimeout(connectionTimeout.toMillis());
    config.setValidationTimeout(Math.min(2_000, connectionTimeout.toMillis()));
    return new AuditStore(new HikariDataSource(config), settings.jdbcUrl().startsWith("jdbc:h2:"));
  }

  /** Where the store's Flyway migrations live. */
  static final String MIGRATIONS = "classpath:db/migration";

  /**
   * Creates or upgrades the tables (Flyway, {@value #MIGRATIONS}). Fails, rather than leaving a store without tables,
   * when the migrations cannot be found (an incomplete or half-rebuilt installation).
   */
  public void migrate() {
    migrate(MIGRATIONS);
  }

  void migrate(String location) {
    Flyway flyway = Flyway.configure().dataSource(dataSource).locations(location).failOnMissingLocations(true).load();
    flyway.migrate();
    if (flyway.info().current() == null) {
      throw new WildexException(ReasonCode.INTERNAL_ERROR, "no audit store migrations found in " + location
          + ": the installation is incomplete; the store has no tables");
    }
    fillOccurredMs();
    fillHours();
    PolicyText policy = policyToArchive;
    if (policy != null) {
      archive(policy);
    }
  }

  /** A sharing policy's text as the hub archived it, for replay. */
  public record PolicyText(String version, String sha256, String text, String source) {
    public static PolicyText of(String version, String text, String source) {
      return new PolicyText(version, Digests.sha256Hex(text.getBytes(StandardCharsets.UTF_8)), text, source);
    }
  }

  /**
   * The policy the hub decides with, archived by {@link #migrate} (now, or when the writer finds the store again): its
   * text in {@code audit_policy} and its hash in the chain ({@code POLICY_ARCHIVED}), once per text.
   */
  public void archiveOnMigrate(PolicyText policy) {
    this.policyToArchive = policy;
  }

  private void archive(PolicyText p) {
    try {
      try (Connection c = dataSource.getConnection();
          PreparedStatement ps = c.prepareStatement("INSERT INTO audit_policy (sha256, version, policy_text, archived_at)"
              + " SELECT ?, ?, ?, ? FROM audit_head WHERE id = 1 AND NOT EXISTS (SELECT 1 FROM audit_policy WHERE sha256 = ?)")) {
        ps.setString(1, p.sha256());
        ps.setString(2, p.version());
        ps.setString(3, p.text());
        ps.setString(4, Instant.now().toString());
        ps.setString(5, p.sha256());
        ps.executeUpdate();
      } catch (SQLException e) {
        // another hub on the same store archived the same text at the same moment
        if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
          throw e;
        }
      }
      // one entry per text, whichever hub or restart archived it first (the event id is the text's)
      AuditEvent archived = AuditEvent.of(AuditEventType.POLICY_ARCHIVED, "wildex.hub.start")
          .eventId(UUID.nameUUIDFromBytes(("wildex-policy:" + p.sha256()).getBytes(StandardCharsets.UTF_8)))
          .policyVersion(p.version()).contentSha256(p.sha256()).rule(p.source().length() > 200 ? p.source().substring(0, 200) : p.source())
          .build();
      append(List.of(archived), List.of(), true, null);
    } catch (SQLException | CryptoException e) {
      throw new IllegalStateException("cannot archive sharing policy " + p.version() + ": " + e.getMessage(), e);
    }
  }

  /** The archived texts of a policy version (more than one means two texts claimed the same version). */
  public List<PolicyText> policies(String version) throws SQLException {
    List<PolicyText> texts = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT version, sha256, policy_text FROM audit_policy WHERE version = ? ORDER BY archived_at")) {
      ps.setString(1, version);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          texts.add(new PolicyText(rs.getString(1), rs.getString(2), rs.getString(3), null));
        }
      }
    }
    return texts;
  }

  /** An entry's time as Unix milliseconds; -1 for a row altered into something that is no time (verify reports it). */
  private static long epochMs(String occurredAt) {
    try {
      return Instant.parse(occurredAt).toEpochMilli();
    } catch (RuntimeException e) {
      return -1;
    }
  }

  /**
   * Entries written before the store kept {@code occurred_ms} (migration V7) get it from their hashed
   * {@code occurred_at}, so time ranges find them too; nothing to do on a store written since.
   */
  private void fillOccurredMs() {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      while (true) {
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
            "SELECT seq, occurred_at FROM audit_entry WHERE occurred_ms IS NULL ORDER BY seq FETCH FIRST 10000 ROWS ONLY");
            ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rows.add(new Object[] {rs.getLong(1), epochMs(rs.getString(2))});
          }
        }
        if (rows.isEmpty()) {
          return;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE audit_entry SET occurred_ms = ? WHERE seq = ?")) {
          for (Object[] row : rows) {
            ps.setLong(1, (Long) row[1]);
            ps.setLong(2, (Long) row[0]);
            ps.addBatch();
          }
          ps.executeBatch();
        }
        c.commit();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot fill in occurred_ms of older audit entries: " + e.getMessage(), e);
    }
  }

  public DataSource dataSource() {
    return dataSource;
  }

  @Override
  public void close() {
    dataSource.close();
  }

  // --- writing ----------------------------------------------------------------------------------------------------

  /**
   * Appends the events (hash-chained after the current head) and stores the receipts, in one transaction; signs a
   * checkpoint in the same transaction when {@code checkpointing} says it is due.
   *
   * @param dedupe skip events and receipts already stored (for messages the broker redelivered)
   */
  public Head append(List<AuditEvent> events, List<SealedReceipt> receipts, boolean dedupe, Checkpointing checkpointing)
      throws SQLException, CryptoException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        Head head = lockHead(c);
        List<AuditEvent> fresh = dedupe ? withoutStoredEvents(c, events) : events;
        List<SealedReceipt> freshReceipts = dedupe ? withoutStoredReceipts(c, receipts) : receipts;
        long seq = head.seq();
        String hash = head.hash();
        if (!fresh.isEmpty()) {
          java.util.Map<Long, long[]> hours = new java.util.TreeMap<>();
          try (PreparedStatement ps = c.prepareStatement(INSERT_ENTRY)) {
            for (AuditEvent e : fresh) {
              AuditEntry entry = AuditEntry.link(++seq, hash, e);
              bind(ps, entry);
              ps.addBatch();
              hash = entry.entryHash();
              long s = seq;
              hours.merge(hour(e.at().toEpochMilli()), new long[] {s, s}, (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
            }
            ps.executeBatch();
          }
          recordHours(c, hours);
        }
        if (!freshReceipts.isEmpty()) {
          try (PreparedStatement ps = c.prepareStatement(
              "INSERT INTO audit_receipt (tracking_id, package_id, originator, status, cms) VALUES (?,?,?,?,?)")) {
            for (SealedReceipt r : freshReceipts) {
              ps.setString(1, r.trackingId());
              ps.setString(2, r.packageId());
              ps.setString(3, r.originator());
              ps.setString(4, r.status());
              ps.setString(5, r.cmsBase64());
              ps.addBatch();
            }
            ps.executeBatch();
          }
        }
        Head moved = new Head(seq, hash, head.checkpointSeq(), head.checkpointAt());
        if (checkpointing != null && checkpointing.due(moved, Instant.now())) {
          moved = insertCheckpoint(c, moved, checkpointing);
        }
        updateHead(c, moved);
        c.commit();
        syncToDisk(c);
        return moved;
      } catch (SQLException | CryptoException | RuntimeException e) {
        rollbackQuietly(c, e);
        throw e;
      }
    }
  }

  private static final long HOUR_MS = 3_600_000L;

  /** The start of the hour (Unix ms) an entry's time falls in. */
  static long hour(long epochMs) {
    return Math.floorDiv(epochMs, HOUR_MS) * HOUR_MS;
  }

  /**
   * Widens each hour's seq range by the entries just appended ({@code audit_time}). New entries have the highest seqs,
   * so an hour already known only gets a higher {@code max_seq}.
   */
  private static void recordHours(Connection c, java.util.Map<Long, long[]> hours) throws SQLException {
    try (PreparedStatement update = c.prepareStatement("UPDATE audit_time SET max_seq = ? WHERE hour_ms = ?");
        PreparedStatement insert = c.prepareStatement("INSERT INTO audit_time (hour_ms, min_seq, max_seq) VALUES (?,?,?)")) {
      for (java.util.Map.Entry<Long, long[]> h : hours.entrySet()) {
        update.setLong(1, h.getValue()[1]);
        update.setLong(2, h.getKey());
        if (update.executeUpdate() == 0) {
          insert.setLong(1, h.getKey());
          insert.setLong(2, h.getValue()[0]);
          insert.setLong(3, h.getValue()[1]);
          insert.executeUpdate();
        }
      }
    }
  }

  /** {@code audit_time} from the entries, when a store that had entries before it gets the table (migration V7). */
  private void fillHours() {
    try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT (SELECT COUNT(*) FROM audit_time), (SELECT COUNT(*) FROM audit_entry)")) {
        rs.next();
        if (rs.getLong(1) > 0 || rs.getLong(2) == 0) {
          return;
        }
      }
      st.executeUpdate("INSERT INTO audit_time (hour_ms, min_seq, max_seq) SELECT h, MIN(seq), MAX(seq) FROM"
          + " (SELECT seq, (occurred_ms - MOD(occurred_ms + " + 1_000_000 * HOUR_MS + ", " + HOUR_MS + ")) AS h FROM audit_entry) t"
          + " GROUP BY h");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot index older audit entries by hour: " + e.getMessage(), e);
    }
  }

  /** Before the caller acknowledges what it wrote: the commit must be on the disk, not in the OS's buffers. */
  private void syncToDisk(Connection c) throws SQLException {
    if (syncAfterCommit) {
      try (Statement st = c.createStatement()) {
        st.execute("CHECKPOINT SYNC");
      }
    }
  }

  /** Signs a checkpoint of the head if one is due (or {@code force} and the head moved); returns the head after. */
  public Head checkpointIfDue(Checkpointing checkpointing, boolean force) throws SQLException, CryptoException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        Head head = lockHead(c);
        if (head.seq() > head.checkpointSeq() && (force || checkpointing.due(head, Instant.now()))) {
          head = insertCheckpoint(c, head, checkpointing);
          updateHead(c, head);
        }
        c.commit();
        return head;
      } catch (SQLException | CryptoException | RuntimeException e) {
        rollbackQuietly(c, e);
        throw e;
      }
    }
  }

  private static Head insertCheckpoint(Connection c, Head head, Checkpointing checkpointing)
      throws SQLException, CryptoException {
    Instant now = Instant.now();
    Checkpoint checkpoint = new Checkpoint(head.seq(), head.hash(), now);
    byte[] cms = checkpointing.sign(checkpoint);
    try (PreparedStatement ps =
        c.prepareStatement("INSERT INTO audit_checkpoint (seq, head_hash, signed_at, cms) VALUES (?,?,?,?)")) {
      ps.setLong(1, head.seq());
      ps.setString(2, head.hash());
      ps.setString(3, now.toString());
      ps.setString(4, Base64.getEncoder().encodeToString(cms));
      ps.executeUpdate();
    }
    return new Head(head.seq(), head.hash(), head.seq(), now);
  }

  private static Head lockHead(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT seq, entry_hash, checkpoint_seq, checkpoint_at FROM audit_head WHERE id = 1 FOR UPDATE")) {
      if (!rs.next()) {
        throw new SQLException("audit_head row is missing; the audit store is not initialised");
      }
      String at = rs.getString(4);
      return new Head(rs.getLong(1), rs.getString(2), rs.getLong(3), at == null ? null : Instant.parse(at));
    }
  }

  private static void updateHead(Connection c, Head head) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE audit_head SET seq = ?, entry_hash = ?, checkpoint_seq = ?, checkpoint_at = ? WHERE id = 1")) {
      ps.setLong(1, head.seq());
      ps.setString(2, head.hash());
      ps.setLong(3, head.checkpointSeq());
      ps.setString(4, head.checkpointAt() == null ? null : head.checkpointAt().toString());
      ps.executeUpdate();
    }
  }

  /**
   * The events not stored yet, each once: a batch may hold the same message twice when the broker failed over while the
   * writer was filling it (the backup hands the uncommitted messages out again, to the same session).
   */
  private static List<AuditEvent> withoutStoredEvents(Connection c, List<AuditEvent> events) throws SQLException {
    Set<String> seen = existing(c, "SELECT event_id FROM audit_entry WHERE event_id = ?",
        events.stream().map(e -> e.eventId().toString()).toList());
    return events.stream().filter(e -> seen.add(e.eventId().toString())).toList();
  }

  private static List<SealedReceipt> withoutStoredReceipts(Connection c, List<SealedReceipt> receipts) throws SQLException {
    Set<String> stored = existing(c, "SELECT tracking_id FROM audit_receipt WHERE tracking_id = ?",
        receipts.stream().map(SealedReceipt::trackingId).toList());
    Set<String> seen = new HashSet<>(stored);
    return receipts.stream().filter(r -> seen.add(r.trackingId())).toList();
  }

  private static Set<String> existing(Connection c, String sql, List<String> keys) throws SQLException {
    Set<String> found = new HashSet<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (String key : keys) {
        ps.setString(1, key);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            found.add(key);
          }
        }
      }
    }
    return found;
  }

  private static void bind(PreparedStatement ps, AuditEntry entry) throws SQLException {
    AuditEvent e = entry.event();
    int i = 1;
    ps.setLong(i++, entry.seq());
    ps.setString(i++, e.eventId().toString());
    ps.setString(i++, e.type().name());
    ps.setString(i++, e.at().toString());
    ps.setString(i++, e.routeId());
    ps.setString(i++, e.trackingId());
    ps.setString(i++, e.packageId());
    ps.setString(i++, e.originator());
    ps.setString(i++, e.recipient());
    ps.setString(i++, e.deliveryId());
    ps.setString(i++, e.level());
    ps.setString(i++, e.policyVersion());
    ps.setString(i++, e.reason() == null ? null : e.reason().name());
    ps.setString(i++, e.ciphertextSha256());
    ps.setString(i++, e.contentSha256());
    ps.setString(i++, e.manifestSha256());
    ps.setString(i++, e.messageSha256());
    setInt(ps, i++, e.withheldCount());
    setInt(ps, i++, e.attempt());
    ps.setString(i++, entry.prevHash());
    ps.setString(i++, entry.entryHash());
    ps.setString(i++, e.rule());
    ps.setLong(i, e.at().toEpochMilli());
  }

  private static void setInt(PreparedStatement ps, int index, Integer value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.INTEGER);
    } else {
      ps.setInt(index, value);
    }
  }

  private static void rollbackQuietly(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  // --- reading ----------------------------------------------------------------------------------------------------

  /** The head row (last entry and last checkpoint). */
  public Head head() throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT seq, entry_hash, checkpoint_seq, checkpoint_at FROM audit_head WHERE id = 1")) {
      if (!rs.next()) {
        throw new SQLException("audit_head row is missing; the audit store is not initialised");
      }
      String at = rs.getString(4);
      return new Head(rs.getLong(1), rs.getString(2), rs.getLong(3), at == null ? null : Instant.parse(at));
    }
  }

  /**
   * Every entry of a package's life, in sequence order. {@code id} is a package id or a tracking id; entries recorded
   * before the package id was known (RECEIVED, a rejection) are found through the tracking id.
   */
  public List<AuditEntry> trail(String id) throws SQLException {
    String sql = "SELECT " + ENTRY_COLUMNS + " FROM audit_entry WHERE package_id = ? OR tracking_id = ?"
        + " OR tracking_id IN (SELECT tracking_id FROM audit_entry WHERE package_id = ? AND tracking_id IS NOT NULL)"
        + " ORDER BY seq";
    List<AuditEntry> entries = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, id);
      ps.setString(2, id);
      ps.setString(3, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          entries.add(entry(rs));
        }
      }
    }
    return entries;
  }

  /** One page of a search: its entries in the query's order, and the cursor of the next page (null after the last). */
  public record Page(List<AuditEntry> entries, Long next) {}

  /** The first window of sequence numbers a search reads; each next one is twice as wide. */
  static final long FIRST_WINDOW = 8_192;
  private long firstWindow = FIRST_WINDOW;

  /** Searches with a first window of {@code width} (tests: many windows over a small trail). */
  AuditStore withFirstWindow(long width) {
    this.firstWindow = width;
    return this;
  }

  /**
   * The entries the query matches, one page. The page is read in windows of the chain's sequence numbers, from the end
   * the order starts at, each twice as wide as the one before, until the page is full: a window is an index range on
   * one filter's index ({@code V7__audit_search.sql}: each ends in {@code seq}), so a page costs about what the entries
   * up to its last match cost to read, however large the trail, on H2 (which cannot walk a secondary index backwards
   * in order) as on PostgreSQL. A time range first narrows the sequence numbers to those of its hours
   * ({@code audit_time}).
   */
  public Page search(AuditQuery q) throws SQLException {
    int want = q.limit() + 1;
    List<AuditEntry> entries = new ArrayList<>(Math.min(want, 128));
    try (Connection c = dataSource.getConnection()) {
      long[] range = seqRange(c, q);
      long lo = range[0];
      long hi = range[1];
      for (long width = firstWindow; entries.size() < want && lo <= hi; width = Math.min(width * 2, 1L << 40)) {
        long from;
        long to;
        if (q.newestFirst()) {
          to = hi;
          from = Math.max(lo, hi - width + 1);
          hi = from - 1;
        } else {
          from = lo;
          to = Math.min(hi, lo + width - 1);
          lo = to + 1;
        }
        List<Object> args = new ArrayList<>();
        String sql = searchSql(q, from, to, want - entries.size(), args);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          bindAll(ps, args);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              entries.add(entry(rs));
            }
          }
        }
      }
    }
    if (entries.size() <= q.limit()) {
      return new Page(entries, null);
    }
    List<AuditEntry> page = List.copyOf(entries.subList(0, q.limit()));
    return new Page(page, page.get(page.size() - 1).seq());
  }

  /**
   * The sequence numbers the query can match, {@code [lo, hi]} (empty when lo > hi): the chain up to its head, after
   * the cursor, within the hours of the time range.
   */
  private static long[] seqRange(Connection c, AuditQuery q) throws SQLException {
    long lo = 1;
    long hi;
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT seq FROM audit_head WHERE id = 1")) {
      hi = rs.next() ? rs.getLong(1) : 0;
    }
    if (q.cursor() != null) {
      if (q.newestFirst()) {
        hi = Math.min(hi, q.cursor() - 1);
      } else {
        lo = Math.max(lo, q.cursor() + 1);
      }
    }
    if (q.from() != null || q.to() != null) {
      StringBuilder sql = new StringBuilder("SELECT MIN(min_seq), MAX(max_seq) FROM audit_time WHERE 1 = 1");
      List<Object> args = new ArrayList<>();
      if (q.from() != null) {
        sql.append(" AND hour_ms >= ?");
        args.add(hour(q.from().toEpochMilli()));
      }
      if (q.to() != null) {
        sql.append(" AND hour_ms < ?");
        args.add(q.to().toEpochMilli());
      }
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        bindAll(ps, args);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          if (rs.getObject(1) == null) {
            return new long[] {1, 0};
          }
          lo = Math.max(lo, rs.getLong(1));
          hi = Math.min(hi, rs.getLong(2));
        }
      }
    }
    return new long[] {lo, hi};
  }

  /** The SQL of the query's matches with seq in {@code [from, to]}, at most {@code rows}, in its order; its arguments in {@code args}. */
  private static String searchSql(AuditQuery q, long from, long to, int rows, List<Object> args) {
    StringBuilder sql = new StringBuilder("SELECT ").append(ENTRY_COLUMNS).append(" FROM audit_entry WHERE seq >= ? AND seq <= ?");
    args.add(from);
    args.add(to);
    filter(sql, args, q);
    sql.append(" ORDER BY seq ").append(q.newestFirst() ? "DESC" : "ASC").append(" FETCH FIRST ? ROWS ONLY");
    args.add(rows);
    return sql.toString();
  }

  /** The database's plan for the first window of the query ({@code EXPLAIN}): to see which index a slow search uses. */
  public String plan(AuditQuery q) throws SQLException {
    StringBuilder plan = new StringBuilder();
    try (Connection c = dataSource.getConnection()) {
      long[] range = seqRange(c, q);
      long from = q.newestFirst() ? Math.max(range[0], range[1] - firstWindow + 1) : range[0];
      long to = q.newestFirst() ? range[1] : Math.min(range[1], range[0] + firstWindow - 1);
      List<Object> args = new ArrayList<>();
      String sql = searchSql(q, from, to, q.limit() + 1, args);
      try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql)) {
        bindAll(ps, args);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            plan.append(rs.getString(1)).append('\n');
          }
        }
      }
    }
    return plan.toString();
  }

  /**
   * Every entry the query's filters match, oldest first (its order, cursor and limit aside), page by page; refused
   * with {@code QUERY_INVALID} when more than {@code max} match (an inquiry's export: narrow the search).
   */
  public List<AuditEntry> matching(AuditQuery q, int max) throws SQLException {
    List<AuditEntry> all = new ArrayList<>();
    AuditQuery page = new AuditQuery(q.participant(), q.role(), q.types(), q.levels(), q.reasons(), q.route(),
        q.policyVersion(), q.from(), q.to(), false, null, AuditQuery.MAX_LIMIT);
    while (true) {
      Page p = search(page);
      all.addAll(p.entries());
      if (all.size() > max) {
        throw new WildexException(ReasonCode.QUERY_INVALID, "more than " + max + " entries match; narrow the search"
            + " (a shorter period, a participant, event types)");
      }
      if (p.next() == null) {
        return all;
      }
      page = page.after(p.next());
    }
  }

  /** How many entries of one kind: the participant's side, event type, level and reason (null where the entry has none). */
  public record Count(AuditQuery.Role side, AuditEventType type, String level, ReasonCode reason, long count) {}

  /**
   * The participant's entries in {@code [from, to)} (either may be null: open), counted by side (as originator, as
   * recipient), type, level and reason.
   */
  public List<Count> counts(String participant, Instant from, Instant to) throws SQLException {
    List<Count> counts = new ArrayList<>();
    try (Connection c = dataSource.getConnection()) {
      for (AuditQuery.Role side : List.of(AuditQuery.Role.ORIGINATOR, AuditQuery.Role.RECIPIENT)) {
        AuditQuery q = new AuditQuery(participant, side, null, null, null, null, null, from, to, true, null, 1);
        long[] range = seqRange(c, q);
        List<Object> args = new ArrayList<>(List.of(range[0], range[1]));
        StringBuilder sql = new StringBuilder(
            "SELECT event_type, sharing_level, reason, COUNT(*) FROM audit_entry WHERE seq >= ? AND seq <= ?");
        filter(sql, args, q);
        sql.append(" GROUP BY event_type, sharing_level, reason");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
          bindAll(ps, args);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              String reason = rs.getString(3);
              counts.add(new Count(side, AuditEventType.valueOf(rs.getString(1)), rs.getString(2),
                  reason == null ? null : ReasonCode.valueOf(reason), rs.getLong(4)));
            }
          }
        }
      }
    }
    return counts;
  }

  /** The query's filters as SQL conditions, each bound. */
  private static void filter(StringBuilder sql, List<Object> args, AuditQuery q) {
    if (q.participant() != null) {
      switch (q.role()) {
        case ORIGINATOR -> sql.append(" AND originator = ?");
        case RECIPIENT -> sql.append(" AND recipient = ?");
        case ANY -> {
          sql.append(" AND (originator = ? OR recipient = ?)");
          args.add(q.participant());
        }
      }
      args.add(q.participant());
    }
    in(sql, args, "event_type", q.types().stream().map(Enum::name).toList());
    in(sql, args, "sharing_level", q.levels().stream().map(org.wildex.contracts.Tlp::label).toList());
    in(sql, args, "reason", q.reasons().stream().map(Enum::name).toList());
    if (q.route() != null) {
      sql.append(" AND route_id = ?");
      args.add(q.route());
    }
    if (q.policyVersion() != null) {
      sql.append(" AND policy_version = ?");
      args.add(q.policyVersion());
    }
    if (q.from() != null) {
      sql.append(" AND occurred_ms >= ?");
      args.add(q.from().toEpochMilli());
    }
    if (q.to() != null) {
      sql.append(" AND occurred_ms < ?");
      args.add(q.to().toEpochMilli());
    }
  }

  private static void in(StringBuilder sql, List<Object> args, String column, List<String> values) {
    if (!values.isEmpty()) {
      sql.append(" AND ").append(column).append(" IN (").append(String.join(",", java.util.Collections.nCopies(values.size(), "?")))
          .append(')');
      args.addAll(values);
    }
  }

  private static void bindAll(PreparedStatement ps, List<Object> args) throws SQLException {
    for (int i = 0; i < args.size(); i++) {
      Object a = args.get(i);
      if (a instanceof Long l) {
        ps.setLong(i + 1, l);
      } else if (a instanceof Integer n) {
        ps.setInt(i + 1, n);
      } else {
        ps.setString(i + 1, (String) a);
      }
    }
  }

  /** Visits entries {@code from..to} (inclusive) in sequence order, streaming. */
  public void scan(long from, long to, EntryVisitor visitor) throws Exception {
    try (Connection c = dataSource.getConnection()) {
      // PostgreSQL streams with a fetch size only inside a transaction
      c.setAutoCommit(false);
      try (PreparedStatement ps =
          c.prepareStatement("SELECT " + ENTRY_COLUMNS + " FROM audit_entry WHERE seq >= ? AND seq <= ? ORDER BY seq")) {
        ps.setFetchSize(1000);
        ps.setLong(1, from);
        ps.setLong(2, to);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            visitor.visit(entry(rs));
          }
        }
      } finally {
        c.rollback();
      }
    }
  }

  /** Visits every stored entry in sequence order, as stored (no parsing), streaming. */
  public void scanRaw(RawVisitor visitor) throws Exception {
    scanRaw(Long.MIN_VALUE, Long.MAX_VALUE, visitor);
  }

  /** Visits stored entries {@code from..to} (inclusive) in sequence order, as stored (no parsing), streaming. */
  public void scanRaw(long from, long to, RawVisitor visitor) throws Exception {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps =
          c.prepareStatement("SELECT " + ENTRY_COLUMNS + " FROM audit_entry WHERE seq >= ? AND seq <= ? ORDER BY seq")) {
        ps.setFetchSize(1000);
        ps.setLong(1, from);
        ps.setLong(2, to);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            List<String> fields = new ArrayList<>(AuditEntry.V1_FIELDS + 1);
            for (int col = 2; col <= 19; col++) {
              fields.add(rs.getString(col));
            }
            fields.add(rs.getString(22));
            visitor.visit(new RawEntry(rs.getLong(1), AuditEntry.canonical(fields), rs.getString(20), rs.getString(21)));
          }
        }
      } finally {
        c.rollback();
      }
    }
  }

  /** The first signed checkpoint at or after {@code seq}: the nearest one that covers that entry. */
  public Optional<StoredCheckpoint> checkpointCovering(long seq) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT seq, head_hash, signed_at, cms FROM audit_checkpoint WHERE seq = (SELECT MIN(seq) FROM audit_checkpoint WHERE seq >= ?)")) {
      ps.setLong(1, seq);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new StoredCheckpoint(rs.getLong(1), rs.getString(2), Instant.parse(rs.getString(3)),
            Base64.getDecoder().decode(rs.getString(4))));
      }
    }
  }

  /** All signed checkpoints, in sequence order. */
  public List<StoredCheckpoint> checkpoints() throws SQLException {
    List<StoredCheckpoint> list = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT seq, head_hash, signed_at, cms FROM audit_checkpoint ORDER BY seq")) {
      while (rs.next()) {
        list.add(new StoredCheckpoint(rs.getLong(1), rs.getString(2), Instant.parse(rs.getString(3)),
            Base64.getDecoder().decode(rs.getString(4))));
      }
    }
    return list;
  }

  /**
   * The sealed receipt for a package id or tracking id, when {@code originator} submitted it; the newest if the package
   * was submitted more than once.
   */
  public Optional<SealedReceipt> receipt(String id, String originator) throws SQLException {
    String sql = "SELECT r.tracking_id, r.package_id, r.originator, r.status, r.cms FROM audit_receipt r"
        + " WHERE (r.package_id = ? OR r.tracking_id = ?) AND r.originator = ?"
        + " ORDER BY (SELECT MAX(e.seq) FROM audit_entry e WHERE e.tracking_id = r.tracking_id) DESC";
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, id);
      ps.setString(2, id);
      ps.setString(3, originator);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new SealedReceipt(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
      }
    }
  }

  private static AuditEntry entry(ResultSet rs) throws SQLException {
    String reason = rs.getString("reason");
    AuditEvent e =
        new AuditEvent(
            UUID.fromString(rs.getString("event_id")),
            AuditEventType.valueOf(rs.getString("event_type")),
            Instant.parse(rs.getString("occurred_at")),
            rs.getString("route_id"),
            rs.getString("tracking_id"),
            rs.getString("package_id"),
            rs.getString("originator"),
            rs.getString("recipient"),
            rs.getString("delivery_id"),
            rs.getString("sharing_level"),
            rs.getString("policy_version"),
            reason == null ? null : ReasonCode.valueOf(reason),
            rs.getString("ciphertext_sha256"),
            rs.getString("content_sha256"),
            rs.getString("manifest_sha256"),
            rs.getString("message_sha256"),
            integer(rs, "withheld_count"),
            integer(rs, "attempt"),
            rs.getString("routing_rule"));
    return new AuditEntry(rs.getLong("seq"), e, rs.getString("prev_hash"), rs.getString("entry_hash"));
  }

  private static Integer integer(ResultSet rs, String column) throws SQLException {
    int v = rs.getInt(column);
    return rs.wasNull() ? null : v;
  }

  /** The genesis hash, for callers that walk the chain from the start. */
  public static String genesis() {
    return ChainHash.GENESIS;
  }
}
