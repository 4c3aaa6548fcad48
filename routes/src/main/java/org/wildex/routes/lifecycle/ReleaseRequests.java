package org.wildex.routes.lifecycle;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.wildex.contracts.delivery.Delivery;

/** The release requests in the hub's database (table {@code release_request}, migration V6): ids, paths and status. */
public final class ReleaseRequests {

  /** SQLState of a unique/primary-key violation, the same on H2 and PostgreSQL. */
  private static final String UNIQUE_VIOLATION = "23505";

  public static final String PENDING = "PENDING";
  public static final String APPROVED = "APPROVED";
  public static final String DECLINED = "DECLINED";

  /** One request as recorded. */
  public record Row(UUID requestId, UUID packageId, UUID deliveryId, String requester, String originator,
      List<String> paths, String status) {}

  /**
   * What a decision did, for the trail: the request, and for an approval the new delivery and its manifest's hash (both
   * null when declined).
   */
  public record Decided(Row request, Delivery released, String manifestSha256) {}

  private final DataSource dataSource;

  public ReleaseRequests(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Records a new request as PENDING; a second record of the same request is ignored. */
  public void record(Row row, Instant requestedAt) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO release_request (request_id, package_id,"
          + " delivery_id, requester, originator, paths, status, requested_at) VALUES (?,?,?,?,?,?,?,?)")) {
        insert.setString(1, row.requestId().toString());
        insert.setString(2, row.packageId().toString());
        insert.setString(3, row.deliveryId().toString());
        insert.setString(4, row.requester());
        insert.setString(5, row.originator());
        insert.setString(6, String.join("\n", row.paths()));
        insert.setString(7, PENDING);
        insert.setString(8, requestedAt.toString());
        insert.executeUpdate();
      } catch (SQLException e) {
        if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
          throw e;
        }
      }
    }
  }

  /** The request, if recorded. */
  public Optional<Row> find(UUID requestId) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT package_id, delivery_id, requester, originator, paths, status"
            + " FROM release_request WHERE request_id = ?")) {
      ps.setString(1, requestId.toString());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new Row(requestId, UUID.fromString(rs.getString(1)), UUID.fromString(rs.getString(2)),
            rs.getString(3), rs.getString(4), Arrays.asList(rs.getString(5).split("\n")), rs.getString(6)));
      }
    }
  }

  /** Marks the request decided ({@link #APPROVED} or {@link #DECLINED}) unless it was decided already. */
  public void decide(UUID requestId, String status) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE release_request SET status = ?, decided_at = ? WHERE request_id = ? AND status = ?")) {
        ps.setString(1, status);
        ps.setString(2, Instant.now().toString());
        ps.setString(3, requestId.toString());
        ps.setString(4, PENDING);
        ps.executeUpdate();
      }
    }
  }
}
