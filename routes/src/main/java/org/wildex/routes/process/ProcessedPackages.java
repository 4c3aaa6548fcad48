package org.wildex.routes.process;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/** The idempotency record in the hub's database: which submission first carried each package id. */
public final class ProcessedPackages {

  /** SQLState of a unique/primary-key violation, the same on H2 and PostgreSQL. */
  private static final String UNIQUE_VIOLATION = "23505";

  private final DataSource dataSource;

  public ProcessedPackages(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Records that {@code trackingId} carries {@code packageId}, unless a submission already did: returns that earlier
   * submission's tracking id (which is {@code trackingId} itself when the same submission is being redelivered).
   */
  public Optional<String> claim(String packageId, String trackingId, String originator) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      try (PreparedStatement insert = c.prepareStatement(
          "INSERT INTO processed_package (package_id, tracking_id, originator, accepted_at) VALUES (?,?,?,?)")) {
        insert.setString(1, packageId);
        insert.setString(2, trackingId);
        insert.setString(3, originator);
        insert.setString(4, Instant.now().toString());
        insert.executeUpdate();
        return Optional.empty();
      } catch (SQLException e) {
        if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
          throw e;
        }
      }
      try (PreparedStatement select = c.prepareStatement("SELECT tracking_id FROM processed_package WHERE package_id = ?")) {
        select.setString(1, packageId);
        try (ResultSet rs = select.executeQuery()) {
          if (!rs.next()) {
            throw new SQLException("package " + packageId + " is neither new nor recorded");
          }
          return Optional.of(rs.getString(1));
        }
      }
    }
  }
}
