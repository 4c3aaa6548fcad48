package org.wildex.routes.audit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the audit trail is stored and how it is written.
 *
 * @param jdbcUrl the store; the embedded default is an H2 file database under the data directory
 *     ({@link #h2Url(Path)}), production uses PostgreSQL ({@code jdbc:postgresql://host:5432/db})
 * @param user database user (env {@code WILDEX_DB_USER}); H2's default is {@code sa}
 * @param password database password (env {@code WILDEX_DB_PASSWORD})
 * @param batchSize most events messages taken from {@code wildex.audit} per database transaction
 * @param batchWait longest the writer waits to fill a batch once it holds a message
 * @param checkpointEvery sign a checkpoint once this many entries were appended since the last one
 * @param checkpointInterval ... or once this much time has passed and the head moved
 */
public record AuditSettings(
    String jdbcUrl,
    String user,
    String password,
    int batchSize,
    Duration batchWait,
    int checkpointEvery,
    Duration checkpointInterval) {

  public static final int DEFAULT_BATCH_SIZE = 500;
  public static final Duration DEFAULT_BATCH_WAIT = Duration.ofMillis(50);
  public static final int DEFAULT_CHECKPOINT_EVERY = 1000;
  public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(60);

  public AuditSettings {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(batchWait, "batchWait");
    Objects.requireNonNull(checkpointInterval, "checkpointInterval");
    if (batchSize < 1 || checkpointEvery < 1) {
      throw new IllegalArgumentException("batchSize and checkpointEvery must be positive");
    }
    user = user == null ? "" : user;
    password = password == null ? "" : password;
  }

  /** The embedded default: H2 file database {@code dataDir/audit/wildex-audit}, user {@code sa}. */
  public static AuditSettings defaults(Path dataDir) {
    return new AuditSettings(h2Url(dataDir), "sa", "", DEFAULT_BATCH_SIZE, DEFAULT_BATCH_WAIT, DEFAULT_CHECKPOINT_EVERY,
        DEFAULT_CHECKPOINT_INTERVAL);
  }

  /**
   * The H2 file database under a data directory. {@code AUTO_SERVER=TRUE}: the first process opens the file and serves
   * it to others over loopback, so {@code wildex audit} reads the store while {@code wildex serve} runs, and after.
   * (H2 refuses {@code DB_CLOSE_ON_EXIT=FALSE} with it, so when the JVM exits on a signal H2 may close the file before
   * the writer's last drain: what is left waits on {@code wildex.audit} for the next start.)
   */
  public static String h2Url(Path dataDir) {
    return "jdbc:h2:file:" + dataDir.resolve("audit").resolve("wildex-audit").toAbsolutePath() + ";AUTO_SERVER=TRUE";
  }

  public AuditSettings withUrl(String url, String user, String password) {
    return new AuditSettings(url, user, password, batchSize, batchWait, checkpointEvery, checkpointInterval);
  }

  public AuditSettings withCheckpoints(int every, Duration interval) {
    return new AuditSettings(jdbcUrl, user, password, batchSize, batchWait, every, interval);
  }

  public AuditSettings withBatch(int size, Duration wait) {
    return new AuditSettings(jdbcUrl, user, password, size, wait, checkpointEvery, checkpointInterval);
  }

  @Override
  public String toString() {
    return "AuditSettings[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password=***, batchSize=" + batchSize
        + ", batchWait=" + batchWait + ", checkpointEvery=" + checkpointEvery + ", checkpointInterval=" + checkpointInterval + "]";
  }
}
