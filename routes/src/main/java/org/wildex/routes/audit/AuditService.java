package org.wildex.routes.audit;

import java.time.Duration;
import javax.sql.DataSource;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wildex.contracts.WildexException;
import org.wildex.crypto.pki.KeyHolder;

/**
 * The hub's audit trail in one piece: the broker plugin that publishes what only the broker sees, the store, and the
 * writer that drains {@code wildex.audit} into it. The hub registers {@link #plugin()} before its broker starts, calls
 * {@link #start} once the broker runs and {@link #close} before the broker stops.
 */
public final class AuditService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AuditService.class);
  /** How long a clean stop keeps writing what is still on {@code wildex.audit}. */
  static final Duration DRAIN_ON_STOP = Duration.ofSeconds(10);
  static final Duration IDEMPOTENCY_CONNECTION_TIMEOUT = Duration.ofSeconds(1);

  private final AuditSettings settings;
  private final KeyHolder hubKey;
  private final BrokerAuditPlugin plugin = new BrokerAuditPlugin();
  private final AuditStore store;
  private final AuditStore idempotency;
  private AuditWriter writer;
  private ActiveMQConnectionFactory connections;

  public AuditService(AuditSettings settings, KeyHolder hubKey) {
    this.settings = settings;
    this.hubKey = hubKey;
    // the writer uses one connection; HTTPS reads share the rest
    this.store = AuditStore.open(settings, 8, "wildex-audit");
    // the intake consumers' idempotency checks get their own pool that gives up after a second, so a database outage
    // costs a consumer one second per back-off period (DeduplicatePackage) and never waits behind the audit writer
    this.idempotency = AuditStore.open(settings, 4, "wildex-idempotency", IDEMPOTENCY_CONNECTION_TIMEOUT);
  }

  /** The idempotency record's pool (table {@code processed_package}, same database and migrations as the trail). */
  public DataSource idempotencyDataSource() {
    return idempotency.dataSource();
  }

  public BrokerAuditPlugin plugin() {
    return plugin;
  }

  public AuditStore store() {
    return store;
  }

  /** The writer, for health checks and tests; null before {@link #start}. */
  public AuditWriter writer() {
    return writer;
  }

  /** Starts the writer on the hub's connections to the broker (closed with the service). */
  public synchronized void start(ActiveMQConnectionFactory hubConnections) {
    connections = hubConnections;
    // migrate before the hub answers anyone, so no reader finds the store without its tables; a database that is
    // unreachable now is migrated by the writer once it is back
    try {
      store.migrate();
    } catch (WildexException e) {
      throw e;
    } catch (RuntimeException e) {
      LOG.error("event=AUDIT_STORE_UNAVAILABLE error={}: {} (the writer retries the migrations)",
          e.getClass().getSimpleName(), e.getMessage());
    }
    writer = new AuditWriter(connections, store,
        new Checkpointing(hubKey, settings.checkpointEvery(), settings.checkpointInterval()), settings);
    writer.start();
    LOG.info("event=AUDIT_STARTED store={} batch={} checkpointEvery={} checkpointInterval={}",
        redact(settings.jdbcUrl()), settings.batchSize(), settings.checkpointEvery(), settings.checkpointInterval());
  }

  /** Drains and stops the writer (final checkpoint), then closes the pool. */
  @Override
  public synchronized void close() throws InterruptedException {
    try {
      if (writer != null) {
        writer.stop(DRAIN_ON_STOP);
      }
    } finally {
      if (connections != null) {
        connections.close();
      }
      idempotency.close();
      store.close();
    }
  }

  /** A JDBC URL without anything that looks like a password parameter. */
  static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }
}
