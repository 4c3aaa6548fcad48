package org.wildex.routes.lifecycle;

import java.util.List;
import org.apache.camel.builder.RouteBuilder;
import org.wildex.crypto.pki.KeyHolder;
import org.wildex.routes.Endpoints;
import org.wildex.routes.Participants;
import org.wildex.routes.WildexHeaders;
import org.wildex.routes.audit.AuditTrail;
import org.wildex.routes.errors.ErrorHandling;
import org.wildex.routes.process.Sharing;

/**
 * Carries out what the release doors accepted, each message in one broker transaction with its acknowledgement:
 *
 * <ul>
 *   <li>{@code wildex.lifecycle.release} takes the sealed message from {@code wildex.release} and hands it on by kind;
 *   <li>{@code wildex.lifecycle.release-forward}: a request is recorded and forwarded to the originator
 *       ({@link ForwardReleaseRequest}); RELEASE_REQUESTED;
 *   <li>{@code wildex.lifecycle.release-apply}: a decision becomes a new delivery to the agency, or a signed
 *       "declined" ({@link ApplyReleaseDecision}); RELEASED or RELEASE_DECLINED.
 * </ul>
 *
 * Any failure rolls the transaction back; the broker hands the message over again with backoff, never dead-letters it.
 */
public final class ReleaseRoutes extends RouteBuilder {

  private final Participants participants;
  private final List<KeyHolder> hubKeys;
  private final ReleaseRequests requests;
  private final Sharing sharing;

  public ReleaseRoutes(Participants participants, List<KeyHolder> hubKeys, ReleaseRequests requests, Sharing sharing) {
    this.participants = participants;
    this.hubKeys = List.copyOf(hubKeys);
    this.requests = requests;
    this.sharing = sharing;
  }

  @Override
  public void configure() {
    from(Endpoints.RELEASE + Endpoints.transacted(1))
        .routeId("wildex.lifecycle.release")
        .routeConfigurationId(ErrorHandling.LIFECYCLE)
        .choice()
        .when(header(WildexHeaders.MESSAGE_KIND).isEqualTo(WildexHeaders.KIND_RELEASE_REQUEST))
        .to(Endpoints.RELEASE_FORWARD)
        .otherwise()
        .to(Endpoints.RELEASE_APPLY)
        .end()
        .process(AuditTrail.publish());

    from(Endpoints.RELEASE_FORWARD)
        .routeId("wildex.lifecycle.release-forward")
        .routeConfigurationId(ErrorHandling.STAGE)
        .process(new ForwardReleaseRequest(participants, hubKeys, requests))
        .to(Endpoints.RECEIPTS)
        .process(AuditTrail.releaseRequested());

    from(Endpoints.RELEASE_APPLY)
        .routeId("wildex.lifecycle.release-apply")
        .routeConfigurationId(ErrorHandling.STAGE)
        .process(new ApplyReleaseDecision(participants, hubKeys, requests, sharing))
        .to(Endpoints.DELIVER)
        .process(AuditTrail.releaseDecided());
  }
}
