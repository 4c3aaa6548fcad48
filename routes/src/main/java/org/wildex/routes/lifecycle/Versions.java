package org.wildex.routes.lifecycle;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** The version record in the hub's database (table {@code package_version}, migration V5): which update replaced what. */
public final class Versions {

  /** SQLState of a unique/primary-key violation, the same on H2 and PostgreSQL. */
  private static final String UNIQUE_VIOLATION = "23505";

  private final DataSource dataSource;

  public Versions(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Records that {@code update} (carried by {@code trackingId}) supersedes {@code earlier}, unless another update did
   * already: returns that one's package id. A redelivery of the same submission finds its own row and goes on.
   */
  public Optional<UUID> claim(UUID update, UUID earlier, int version, String trackingId) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      try (PreparedStatement insert = c.prepareStatement(
          "INSERT INTO package_version (package_id, supersedes, version, tracking_id) VALUES (?,?,?,?)")) {
        insert.setString(1, update.toString());
        insert.setString(2, earlier.toString());
        insert.setInt(3, version);
        insert.setString(4, trackingId);
        insert.executeUpdate();
        return Optional.empty();
      } catch (SQLException e) {
        if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
          throw e;
        }
      }
      try (PreparedStatement select = c.prepareStatement("SELECT package_id FROM package_version WHERE supersedes = ?")) {
        select.setString(1, earlier.toString());
        try (ResultSet rs = select.executeQuery()) {
          if (rs.next() && !rs.getString(1).equals(update.toString())) {
            return Optional.of(UUID.fromString(rs.getString(1)));
          }
          return Optional.empty();
        }
      }
    }
  }
}
