package org.wildex.routes.process;

import java.util.List;
import org.apache.camel.builder.RouteBuilder;
import org.wildex.crypto.pki.KeyHolder;
import org.wildex.routes.Endpoints;
import org.wildex.routes.Participants;
import org.wildex.routes.audit.AuditTrail;
import org.wildex.routes.errors.ErrorHandling;

/**
 * The process stages, one route each, run in the thread (and so the broker transaction) of the intake consumer:
 * open → validate → deduplicate → (an update: {@code wildex.process.supersedes}) → decide recipients → redact, then the
 * deliveries, (an update: {@code wildex.lifecycle.update}) and the receipt; a rejection anywhere goes to
 * {@code wildex.process.reject}.
 */
public final class ProcessRoutes extends RouteBuilder {

  private final Participants participants;
  private final List<KeyHolder> hubKeys;
  private final int consumers;
  private final Sharing sharing;
  private final ProcessedPackages processed;

  public ProcessRoutes(
      Participants participants, List<KeyHolder> hubKeys, int consumers, Sharing sharing, ProcessedPackages processed) {
    this.participants = participants;
    this.hubKeys = hubKeys;
    this.consumers = consumers;
    this.sharing = sharing;
    this.processed = processed;
  }

  @Override
  public void configure() {
    from(Endpoints.INTAKE + Endpoints.transacted(consumers))
        .routeId("wildex.process.open")
        .routeConfigurationId(ErrorHandling.TRANSACTED)
        .process(AuditTrail.received())
        .process(new OpenPackage(participants, hubKeys))
        .process(AuditTrail.opened())
        .to(Endpoints.VALIDATE)
        .to(Endpoints.DEDUPLICATE)
        .to(Endpoints.SUPERSEDES)
        .to(Endpoints.DECIDE_RECIPIENTS)
        .process(AuditTrail.accepted())
        .process(AuditTrail.notRouted("wildex.process.recipients"))
        .to(Endpoints.REDACT)
        .to(Endpoints.FANOUT)
        .to(Endpoints.UPDATE_EARLIER)
        .to(Endpoints.RECEIPT)
        .process(AuditTrail.publish());

    from(Endpoints.VALIDATE)
        .routeId("wildex.process.validate")
        .routeConfigurationId(ErrorHandling.STAGE)
        .process(new ValidatePackage());

    from(Endpoints.DEDUPLICATE)
        .routeId("wildex.process.deduplicate")
        .routeConfigurationId(ErrorHandling.STAGE)
        .process(new DeduplicatePackage(processed));

    from(Endpoints.DECIDE_RECIPIENTS)
        .routeId("wildex.process.recipients")
        .routeConfigurationId(ErrorHandling.STAGE)
        .process(new DecideRecipients(participants, sharing));

    from(Endpoints.REDACT)
        .routeId("wildex.process.redact")
        .routeConfigurationId(ErrorHandling.STAGE)
        .process(new RedactPerRecipient(sharing));

    from(Endpoints.REJECT)
        .routeId("wildex.process.reject")
        .routeConfigurationId(ErrorHandling.STAGE)
        .process(AuditTrail.rejected())
        .process(new QuarantineRejected())
        .to(Endpoints.QUARANTINE)
        .process(AuditTrail.quarantined())
        .to(Endpoints.RECEIPT)
        .process(AuditTrail.publish());
  }
}
