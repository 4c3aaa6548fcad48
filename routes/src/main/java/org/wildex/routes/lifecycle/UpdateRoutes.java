package org.wildex.routes.lifecycle;

import java.util.List;
import java.util.function.Supplier;
import org.apache.camel.builder.RouteBuilder;
import org.wildex.crypto.pki.KeyHolder;
import org.wildex.routes.Endpoints;
import org.wildex.routes.Participants;
import org.wildex.routes.WildexHeaders;
import org.wildex.routes.audit.AuditStore;
import org.wildex.routes.audit.AuditTrail;
import org.wildex.routes.errors.ErrorHandling;

/**
 * The stages of an update, both in the intake consumer's broker transaction (a package that is no update passes both
 * untouched):
 *
 * <ul>
 *   <li>{@code wildex.process.supersedes} (after deduplication): whether the hub takes the update ({@link CheckUpdate});
 *       the routing then keeps it to the earlier version's recipients under originator control;
 *   <li>{@code wildex.lifecycle.update} (after the update's own deliveries): the earlier version's deliveries to
 *       recipients the update does not go to are withdrawn, or their recipients get a recall notice
 *       ({@link WithdrawSuperseded}); SUPERSEDED and RECALLED in the trail.
 * </ul>
 */
public final class UpdateRoutes extends RouteBuilder {

  private final Participants participants;
  private final List<KeyHolder> hubKeys;
  private final Recalls recalls;
  private final Versions versions;
  private final Withdrawals withdrawals;
  private final Supplier<AuditStore> trail;

  public UpdateRoutes(Participants participants, List<KeyHolder> hubKeys, Recalls recalls, Versions versions,
      Withdrawals withdrawals, Supplier<AuditStore> trail) {
    this.participants = participants;
    this.hubKeys = List.copyOf(hubKeys);
    this.recalls = recalls;
    this.versions = versions;
    this.withdrawals = withdrawals;
    this.trail = trail;
  }

  @Override
  public void configure() {
    from(Endpoints.SUPERSEDES)
        .routeId("wildex.process.supersedes")
        .routeConfigurationId(ErrorHandling.STAGE)
        .process(new CheckUpdate(recalls, versions, trail));

    from(Endpoints.UPDATE_EARLIER)
        .routeId("wildex.lifecycle.update")
        .routeConfigurationId(ErrorHandling.STAGE)
        .filter(exchangeProperty(WildexHeaders.PROP_SUPERSEDING).isNotNull())
        .process(new WithdrawSuperseded(withdrawals))
        .process(AuditTrail.superseded("wildex.lifecycle.update"))
        .split(exchangeProperty(WithdrawSuperseded.PROP_NOTICES))
        .stopOnException()
        .process(new SealRecallNotice(participants, hubKeys.get(0)))
        .to(Endpoints.DELIVER)
        .end()
        .end();
  }
}
