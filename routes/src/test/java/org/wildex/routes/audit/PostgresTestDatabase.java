package org.wildex.routes.audit;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server the tests use: 127.0.0.1:5432, database {@code test}, trust authentication (user {@code
 * postgres}, else the OS user). Each test gets its own schema, dropped afterwards. When the server is missing the tests
 * are skipped, unless {@code -Dwildex.pg.required=true} (set by {@code .ci/run}): then they fail.
 */
public final class PostgresTestDatabase {

  public static final String HOST = System.getProperty("wildex.pg.host", "127.0.0.1");
  public static final int PORT = Integer.getInteger("wildex.pg.port", 5432);
  static final String DATABASE = System.getProperty("wildex.pg.database", "test");

  private static String user;

  private PostgresTestDatabase() {}

  public static String url(String host, int port, String schema) {
    return "jdbc:postgresql://" + host + ":" + port + "/" + DATABASE + (schema == null ? "" : "?currentSchema=" + schema);
  }

  /** A user that can log in, or a skipped (or, when required, failed) test. */
  public static synchronized String user() {
    if (user != null) {
      return user;
    }
    SQLException last = null;
    for (String candidate : List.of("postgres", System.getProperty("user.name"))) {
      try (Connection c = DriverManager.getConnection(url(HOST, PORT, null), candidate, "")) {
        user = candidate;
        return user;
      } catch (SQLException e) {
        last = e;
      }
    }
    String why = "PostgreSQL at " + HOST + ":" + PORT + "/" + DATABASE + " is not reachable: " + last.getMessage();
    if (Boolean.getBoolean("wildex.pg.required")) {
      fail(why + " (required: -Dwildex.pg.required=true)");
    }
    Assumptions.abort(why + " (skipped; .ci/run requires it)");
    return null;
  }

  /** Creates a fresh schema and returns its name. */
  public static String createSchema() throws SQLException {
    String schema = "wildex_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    try (Connection c = DriverManager.getConnection(url(HOST, PORT, null), user(), ""); Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA " + schema);
    }
    return schema;
  }

  public static void dropSchema(String schema) throws SQLException {
    try (Connection c = DriverManager.getConnection(url(HOST, PORT, null), user(), ""); Statement st = c.createStatement()) {
      st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }
}
