package org.wildex.routes.intake;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.WildexException;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.directory.ParticipantKind;
import org.wildex.routes.Participants;
import org.wildex.routes.WildexHeaders;
import org.wildex.routes.http.HttpsClient;

/** Names the submitter from the verified TLS client certificate: it must be a registered NGO's own, not revoked. */
public final class IdentifySubmitter implements Processor {

  private final Participants participants;

  public IdentifySubmitter(Participants participants) {
    this.participants = participants;
  }

  @Override
  public void process(Exchange exchange) {
    Participant client = HttpsClient.identify(exchange, participants);
    if (client.kind() != ParticipantKind.NGO) {
      throw new WildexException(ReasonCode.CLIENT_NOT_NGO, "participant " + client.id() + " is " + client.kind() + ", only NGOs submit");
    }
    exchange.getIn().setHeader(WildexHeaders.CLIENT_ID, client.id());
  }
}
