package org.wildex.routes.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.WildexException;
import org.wildex.contracts.audit.AuditEvent;
import org.wildex.contracts.audit.AuditEventType;
import org.wildex.contracts.lifecycle.Updates;
import org.wildex.contracts.pkg.IntelligencePackage;
import org.wildex.routes.WildexHeaders;
import org.wildex.routes.audit.AuditEntry;
import org.wildex.routes.audit.AuditStore;

/**
 * Stage {@code wildex.process.supersedes}: for an update (a package with {@code supersedes}), finds the version it
 * replaces as the hub recorded it and refuses the update by {@link Updates#check}, or {@code PACKAGE_NOT_FOUND} when
 * the hub never accepted that package; then claims the succession ({@link Versions}) and keeps the earlier version
 * with its deliveries ({@link Superseding}) for the routing and for {@code wildex.lifecycle.update}. A package that is
 * no update passes untouched.
 *
 * <p>The earlier version's deliveries come from the trail. While the trail has not stored its decision yet (the audit
 * writer is behind) the stage fails without a reason code: the broker hands the update over again with backoff.
 */
final class CheckUpdate implements Processor {

  private static final Logger LOG = LoggerFactory.getLogger(CheckUpdate.class);

  private final Recalls recalls;
  private final Versions versions;
  private final Supplier<AuditStore> trail;

  CheckUpdate(Recalls recalls, Versions versions, Supplier<AuditStore> trail) {
    this.recalls = recalls;
    this.versions = versions;
    this.trail = trail;
  }

  @Override
  public void process(Exchange exchange) throws Exception {
    IntelligencePackage update = exchange.getIn().getBody(IntelligencePackage.class);
    UUID earlierId = update.supersedes();
    if (earlierId == null) {
      return;
    }
    String trackingId = exchange.getIn().getHeader(WildexHeaders.TRACKING_ID, String.class);
    Optional<String> originator = recalls.originatorOf(earlierId);
    if (originator.isEmpty()) {
      throw new WildexException(ReasonCode.PACKAGE_NOT_FOUND, "the hub has accepted no package " + earlierId);
    }
    String submission = recalls.submissionOf(earlierId).orElseThrow();
    boolean decided = false;
    boolean accepted = false;
    int version = 1;
    UUID supersededBy = null;
    List<AuditEvent> deliveries = new ArrayList<>();
    for (AuditEntry entry : trail.get().trail(earlierId.toString())) {
      AuditEvent e = entry.event();
      if (!earlierId.toString().equals(e.packageId())) {
        continue;
      }
      boolean own = submission.equals(e.trackingId());
      if (e.type() == AuditEventType.ACCEPTED && own) {
        decided = accepted = true;
        version = Superseding.versionOf(e.rule());
      } else if (e.type() == AuditEventType.REJECTED && own) {
        decided = true;
      } else if (e.type() == AuditEventType.ROUTED || e.type() == AuditEventType.HANDED_OVER) {
        deliveries.add(e);
      } else if (e.type() == AuditEventType.SUPERSEDED) {
        supersededBy = UUID.fromString(e.rule().substring(Superseding.SUPERSEDED_BY.length()));
      }
    }
    if (!accepted && originator.get().equals(update.originator().org())) {
      if (decided) {
        throw new WildexException(ReasonCode.PACKAGE_NOT_FOUND, "the hub refused package " + earlierId);
      }
      LOG.warn("stage=wildex.process.supersedes event=UPDATE_WAITING trackingId={} packageId={} supersedes={} (the"
          + " trail has not stored the earlier version's routing yet; the broker hands the update over again)",
          trackingId, update.id(), earlierId);
      throw new WithdrawDeliveries.NotYetInTrail("the trail holds no decision on package " + earlierId + " yet");
    }
    Updates.Earlier earlier = new Updates.Earlier(earlierId, originator.get(), version,
        recalls.recallOf(earlierId).isPresent(), supersededBy);
    Updates.check(update, earlier);
    Optional<UUID> other = versions.claim(update.id(), earlierId, update.versionNumber(), trackingId);
    if (other.isPresent()) {
      throw new WildexException(ReasonCode.VERSION_CONFLICT, "package " + earlierId + " was superseded already, by "
          + other.get() + ": update that one");
    }
    exchange.setProperty(WildexHeaders.PROP_SUPERSEDING, new Superseding(update.id(), update.versionNumber(), earlier,
        List.copyOf(deliveries)));
  }
}
