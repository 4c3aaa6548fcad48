package org.wildex.routes.deliver;

import org.apache.camel.builder.RouteBuilder;
import org.wildex.crypto.pki.KeyHolder;
import org.wildex.routes.Endpoints;
import org.wildex.routes.Participants;
import org.wildex.routes.audit.AuditTrail;
import org.wildex.routes.errors.ErrorHandling;

/**
 * Stage {@code wildex.deliver.fanout}: each redacted delivery is signed by the hub, encrypted to its recipient and put on
 * {@code wildex.deliver.<recipient>}, in the broker transaction of the package (all deliveries or none).
 */
public final class FanoutRoute extends RouteBuilder {

  private final Participants participants;
  private final KeyHolder hubKey;

  public FanoutRoute(Participants participants, KeyHolder hubKey) {
    this.participants = participants;
    this.hubKey = hubKey;
  }

  @Override
  public void configure() {
    from(Endpoints.FANOUT)
        .routeId("wildex.deliver.fanout")
        .routeConfigurationId(ErrorHandling.STAGE)
        .process(new PlainMessage())
        .split(body())
        .stopOnException()
        .process(new SealDelivery(participants, hubKey))
        .to(Endpoints.DELIVER)
        .end()
        .process(AuditTrail.routed(participants.directory()));
  }
}
