package org.wildex.routes.intake;

import java.security.cert.X509Certificate;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.WildexException;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.directory.ParticipantKind;
import org.wildex.routes.Participants;
import org.wildex.routes.WildexHeaders;
import org.wildex.routes.http.HttpsServer;

/** Names the submitter from the verified TLS client certificate: it must be a registered NGO's own certificate. */
public final class IdentifySubmitter implements Processor {

  private final Participants participants;

  public IdentifySubmitter(Participants participants) {
    this.participants = participants;
  }

  @Override
  public void process(Exchange exchange) {
    X509Certificate cert =
        HttpsServer.peerCertificate(exchange)
            .orElseThrow(() -> new WildexException(ReasonCode.CLIENT_CERT_REQUIRED, "a TLS client certificate is required"));
    Participant client =
        participants
            .byCertificate(cert)
            .orElseThrow(
                () ->
                    new WildexException(
                        ReasonCode.CLIENT_NOT_REGISTERED,
                        "client certificate " + cert.getSubjectX500Principal().getName() + " is not in the directory"));
    if (participants.isRevoked(cert)) {
      throw new WildexException(ReasonCode.CERT_REVOKED, "the certificate of " + client.id() + " has been revoked");
    }
    if (client.kind() != ParticipantKind.NGO) {
      throw new WildexException(ReasonCode.CLIENT_NOT_NGO, "participant " + client.id() + " is " + client.kind() + ", only NGOs submit");
    }
    exchange.getIn().setHeader(WildexHeaders.CLIENT_ID, client.id());
  }
}
