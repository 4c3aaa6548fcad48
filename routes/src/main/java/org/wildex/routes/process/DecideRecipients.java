package org.wildex.routes.process;

import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.WildexException;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.pkg.IntelligencePackage;
import org.wildex.contracts.routing.RecipientSelector;
import org.wildex.routes.Participants;
import org.wildex.routes.WildexHeaders;

/** Decides who the package goes to (routing rules in {@link RecipientSelector}); none is a rejection the sender hears. */
public final class DecideRecipients implements Processor {

  private final Participants participants;

  public DecideRecipients(Participants participants) {
    this.participants = participants;
  }

  @Override
  public void process(Exchange exchange) {
    IntelligencePackage pkg = exchange.getIn().getBody(IntelligencePackage.class);
    List<Participant> recipients = RecipientSelector.select(pkg, participants.directory());
    if (recipients.isEmpty()) {
      throw new WildexException(ReasonCode.NO_RECIPIENTS, "no participant in the directory is entitled to this package");
    }
    exchange.setProperty(WildexHeaders.PROP_RECIPIENTS, recipients);
  }
}
