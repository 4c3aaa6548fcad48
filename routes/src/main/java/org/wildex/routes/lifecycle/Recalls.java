package org.wildex.routes.lifecycle;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.wildex.contracts.lifecycle.RecallOutcome;
import org.wildex.contracts.lifecycle.RecallReason;

/**
 * The recall record in the hub's database (tables {@code recall} and {@code recall_outcome}, migration V4), beside the
 * idempotency record that says who submitted each package ({@code processed_package}).
 */
public final class Recalls {

  /** SQLState of a unique/primary-key violation, the same on H2 and PostgreSQL. */
  private static final String UNIQUE_VIOLATION = "23505";

  /** A recalled package as recorded. */
  public record Recorded(UUID recallId, UUID packageId, String originator, RecallReason reason, Instant recalledAt) {}

  private final DataSource dataSource;

  public Recalls(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * The one id every request to recall {@code packageId} gets: a name-based UUID of the package id. A retried request is
   * the same recall (the broker's duplicate detection and the {@code recall} table's key both use it).
   */
  public static UUID recallId(UUID packageId) {
    return UUID.nameUUIDFromBytes(("wildex-recall:" + packageId).getBytes(StandardCharsets.UTF_8));
  }

  /** The NGO that submitted the package the hub took under this id, if any. */
  public Optional<String> originatorOf(UUID packageId) throws SQLException {
    return submitted(packageId, "originator");
  }

  /** The tracking id of the submission that first carried this package id (the one the hub processes), if any. */
  public Optional<String> submissionOf(UUID packageId) throws SQLException {
    return submitted(packageId, "tracking_id");
  }

  /**
   * A column of the package's idempotency record, or else of its ACCEPTED entry in the trail: on H2 a hub killed within
   * the write delay after the record was committed loses it, while the package, accepted in the same broker transaction
   * as its audit events, reaches the trail all the same.
   */
  private Optional<String> submitted(UUID packageId, String column) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      for (String sql : List.of("SELECT " + column + " FROM processed_package WHERE package_id = ?",
          "SELECT " + column + " FROM audit_entry WHERE package_id = ? AND event_type = 'ACCEPTED'")) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          ps.setString(1, packageId.toString());
          try (ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
              return Optional.of(rs.getString(1));
            }
          }
        }
      }
    }
    return Optional.empty();
  }

  /** The package's recall, once the hub has begun carrying it out. */
  public Optional<Recorded> recallOf(UUID packageId) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT recall_id, originator, reason, recalled_at FROM recall WHERE package_id = ?")) {
      ps.setString(1, packageId.toString());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new Recorded(UUID.fromString(rs.getString(1)), packageId, rs.getString(2),
            RecallReason.valueOf(rs.getString(3)), Instant.parse(rs.getString(4))));
      }
    }
  }

  /**
   * Records the recall (committed at once), or finds it recorded by an earlier attempt that did not finish: either way
   * returns it as recorded, with the time of the first attempt.
   */
  public Recorded record(UUID packageId, String originator, RecallReason reason, Instant requestedAt)
      throws SQLException {
    UUID recallId = recallId(packageId);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO recall"
          + " (recall_id, package_id, originator, reason, requested_at, recalled_at) VALUES (?,?,?,?,?,?)")) {
        insert.setString(1, recallId.toString());
        insert.setString(2, packageId.toString());
        insert.setString(3, originator);
        insert.setString(4, reason.name());
        insert.setString(5, requestedAt.toString());
        insert.setString(6, Instant.now().toString());
        insert.executeUpdate();
      } catch (SQLException e) {
        if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
          throw e;
        }
      }
    }
    return recallOf(packageId).orElseThrow(() -> new SQLException("recall of " + packageId + " neither new nor recorded"));
  }

  /** The ids of every package recalled so far (for the broker's {@link RecallGuard} at start). */
  public List<String> recalledPackages() throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT package_id FROM recall");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  /**
   * Puts what was recorded on the disk before the caller destroys the broker state it was read from: H2 keeps a commit
   * in memory for up to its write delay (500 ms), so a hub killed then would find an outcome gone whose withdrawn copy
   * it had already removed ({@code CHECKPOINT SYNC}, as the audit store does). PostgreSQL's commit is durable by itself.
   */
  public void makeDurable() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      if ("H2".equals(c.getMetaData().getDatabaseProductName())) {
        try (Statement st = c.createStatement()) {
          st.execute("CHECKPOINT SYNC");
        }
      }
    }
  }

  /** What earlier attempts of this recall found, by delivery. */
  public List<RecallOutcome> outcomes(UUID recallId) throws SQLException {
    List<RecallOutcome> found = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT recipient, delivery_id, outcome FROM recall_outcome WHERE recall_id = ? ORDER BY recipient")) {
      ps.setString(1, recallId.toString());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.add(new RecallOutcome(rs.getString(1), UUID.fromString(rs.getString(2)), rs.getString(3)));
        }
      }
    }
    return found;
  }

  /** Records what the recall found for one delivery (committed at once; a second record of it is ignored). */
  public void record(UUID recallId, RecallOutcome outcome) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      try (PreparedStatement insert = c.prepareStatement(
          "INSERT INTO recall_outcome (recall_id, delivery_id, recipient, outcome) VALUES (?,?,?,?)")) {
        insert.setString(1, recallId.toString());
        insert.setString(2, outcome.deliveryId().toString());
        insert.setString(3, outcome.recipient());
        insert.setString(4, outcome.outcome());
        insert.executeUpdate();
      } catch (SQLException e) {
        if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
          throw e;
        }
      }
    }
  }
}
