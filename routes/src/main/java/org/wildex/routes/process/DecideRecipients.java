package org.wildex.routes.process;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.WildexException;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.lifecycle.Updates;
import org.wildex.contracts.pkg.IntelligencePackage;
import org.wildex.contracts.routing.RecipientSelector;
import org.wildex.contracts.routing.Routing;
import org.wildex.routes.Participants;
import org.wildex.routes.WildexHeaders;
import org.wildex.routes.lifecycle.Superseding;

/**
 * Decides who the package goes to (the policy's routing rule for its requested action, named recipients, exclusions:
 * {@link RecipientSelector}; an update under originator control only to the earlier version's recipients and those it
 * names: {@link Updates#restrict}), leaving out any whose certificate the CA has revoked (as if it were not in the directory;
 * recorded as NOT_ROUTED); none is a rejection the sender hears. Sets the policy version header for later stages.
 */
public final class DecideRecipients implements Processor {

  private final Participants participants;
  private final Sharing sharing;

  public DecideRecipients(Participants participants, Sharing sharing) {
    this.participants = participants;
    this.sharing = sharing;
  }

  @Override
  public void process(Exchange exchange) {
    IntelligencePackage pkg = exchange.getIn().getBody(IntelligencePackage.class);
    exchange.getIn().setHeader(WildexHeaders.POLICY_VERSION, sharing.policy().version());
    List<Routing> chosen = RecipientSelector.route(pkg, participants.directory(), sharing.policy());
    Superseding update = exchange.getProperty(WildexHeaders.PROP_SUPERSEDING, Superseding.class);
    if (update != null) {
      chosen = Updates.restrict(chosen, pkg, update.recipients());
    }
    List<Routing> routing = new ArrayList<>(chosen.size());
    List<String> revoked = new ArrayList<>(0);
    for (Routing r : chosen) {
      if (participants.isRevoked(r.participant().id())) {
        revoked.add(r.participant().id());
      } else {
        routing.add(r);
      }
    }
    exchange.setProperty(WildexHeaders.PROP_NOT_ROUTED, revoked);
    if (routing.isEmpty()) {
      throw new WildexException(ReasonCode.NO_RECIPIENTS, "no participant in the directory is entitled to this package");
    }
    List<Participant> recipients = routing.stream().map(Routing::participant).toList();
    exchange.setProperty(WildexHeaders.PROP_ROUTING, routing);
    exchange.setProperty(WildexHeaders.PROP_RECIPIENTS, recipients);
  }
}
