package org.wildex.routes.federation;

import java.util.List;
import org.apache.camel.builder.RouteBuilder;
import org.wildex.crypto.pki.KeyHolder;
import org.wildex.routes.Endpoints;
import org.wildex.routes.Participants;
import org.wildex.routes.WildexHeaders;
import org.wildex.routes.audit.AuditTrail;
import org.wildex.routes.errors.ErrorHandling;
import org.wildex.routes.lifecycle.ApplyPeerRecall;
import org.wildex.routes.lifecycle.Withdrawals;
import org.wildex.routes.process.QuarantineRejected;
import org.wildex.routes.process.Sharing;

/**
 * Federation, the receiving side (the sending side is the fanout, which seals a remote recipient's delivery to its
 * region's hub, and the broker's core bridge): {@code wildex.federation.receive} consumes hand-overs from
 * {@code wildex.federation.in} in a broker transaction, opens and checks them, records RECEIVED_FROM_PEER, redacts again
 * with this region's policy and delivers through the fanout (ROUTED, and DELIVERED when the recipient acknowledges). A
 * refused hand-over is quarantined unchanged with its reason code and audited REJECTED and QUARANTINED, in the same
 * transaction; any other failure rolls back, so the broker redelivers and finally dead-letters.
 *
 * <p>A recall notice from the origin region for a package it handed over goes to {@code wildex.federation.recall}
 * instead: the delivery here is withdrawn if it still waits, else its recipient gets this hub's own recall notice;
 * RECALLED in this region's trail, under the same recall id as the origin's.
 */
public final class FederationRoutes extends RouteBuilder {

  private final Participants participants;
  private final List<KeyHolder> hubKeys;
  private final Sharing sharing;
  private final Withdrawals withdrawals;

  /**
   * @param hubKeys the hub's key, then those its renewals retired (hand-overs may wait across a renewal)
   * @param withdrawals how this hub carries out a recall a peer region sends for a package it handed over
   */
  public FederationRoutes(Participants participants, List<KeyHolder> hubKeys, Sharing sharing, Withdrawals withdrawals) {
    this.participants = participants;
    this.hubKeys = hubKeys;
    this.sharing = sharing;
    this.withdrawals = withdrawals;
  }

  @Override
  public void configure() {
    from(Endpoints.FEDERATION_IN + Endpoints.transacted(1))
        .routeId("wildex.federation.receive")
        .routeConfigurationId(ErrorHandling.FEDERATION)
        .process(new OpenHandOver(participants, hubKeys))
        .choice()
        .when(header(WildexHeaders.MESSAGE_KIND).isEqualTo(WildexHeaders.KIND_RECALL_NOTICE))
        .to(Endpoints.FEDERATION_RECALL)
        .otherwise()
        .process(AuditTrail.receivedFromPeer())
        .process(new NarrowHandOver(participants, sharing))
        .process(AuditTrail.notRouted("wildex.federation.receive"))
        .to(Endpoints.FANOUT)
        .end()
        .process(AuditTrail.publish());

    from(Endpoints.FEDERATION_RECALL)
        .routeId("wildex.federation.recall")
        .routeConfigurationId(ErrorHandling.STAGE)
        .process(new ApplyPeerRecall(withdrawals))
        .process(AuditTrail.recalled("wildex.federation.recall"))
        .to(Endpoints.RECALL_NOTIFY);

    from(Endpoints.FEDERATION_REJECT)
        .routeId("wildex.federation.reject")
        .routeConfigurationId(ErrorHandling.STAGE)
        .process(AuditTrail.rejected())
        .process(new QuarantineRejected())
        .to(Endpoints.QUARANTINE)
        .process(AuditTrail.quarantined())
        .process(AuditTrail.publish());
  }
}
