package org.wildex.routes.process;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.WildexException;
import org.wildex.contracts.pkg.IntelligencePackage;
import org.wildex.routes.WildexHeaders;

/**
 * Refuses a package id the hub already accepted from another submission (DUPLICATE_PACKAGE); a broker redelivery of
 * the same submission (same tracking id) goes on. While the database is unreachable the check is skipped for a few
 * seconds at a time, so a database outage never stops the exchange: deliveries still carry their deterministic
 * duplicate-detection ids, so the broker still refuses a second delivery of the same package to the same recipient.
 */
public final class DeduplicatePackage implements Processor {

  private static final Logger LOG = LoggerFactory.getLogger(DeduplicatePackage.class);
  static final Duration BACK_OFF = Duration.ofSeconds(5);

  private final ProcessedPackages processed;
  private volatile long skipUntilNanos;

  public DeduplicatePackage(ProcessedPackages processed) {
    this.processed = processed;
  }

  @Override
  public void process(Exchange exchange) {
    IntelligencePackage pkg = exchange.getIn().getBody(IntelligencePackage.class);
    String trackingId = exchange.getIn().getHeader(WildexHeaders.TRACKING_ID, String.class);
    if (System.nanoTime() - skipUntilNanos < 0) {
      return;
    }
    Optional<String> earlier;
    try {
      earlier = processed.claim(pkg.id().toString(), trackingId, pkg.originator().org());
    } catch (SQLException e) {
      skipUntilNanos = System.nanoTime() + BACK_OFF.toNanos();
      LOG.warn("stage=wildex.process.deduplicate event=IDEMPOTENCY_CHECK_SKIPPED packageId={} trackingId={} sqlState={}"
          + " (database unreachable; broker duplicate detection still guards deliveries)", pkg.id(), trackingId, e.getSQLState());
      return;
    }
    if (earlier.isPresent() && !earlier.get().equals(trackingId)) {
      // the same words whoever holds the id: never the earlier submission's tracking id or its originator
      throw new WildexException(ReasonCode.DUPLICATE_PACKAGE, "this package id was already accepted; a new package needs a new id");
    }
  }
}
