package org.wildex.routes.process;

import java.time.Instant;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.WildexException;
import org.wildex.contracts.directory.Participant;
import org.wildex.crypto.CryptoException;
import org.wildex.crypto.cms.Cms;
import org.wildex.crypto.cms.Cms.Opened;
import org.wildex.crypto.pki.KeyHolder;
import org.wildex.routes.Participants;
import org.wildex.routes.WildexHeaders;

/**
 * Opens a submission with the hub's key and proves who sent it: the signature verifies, the signer's certificate is
 * issued by a CA of the directory, not revoked and registered, and the signer is the NGO whose TLS certificate submitted it.
 */
public final class OpenPackage implements Processor {

  private final Participants participants;
  private final List<KeyHolder> hubKeys;

  /**
   * @param hubKeys the hub's key, then the keys its renewals retired: a submission accepted before a renewal may still
   *     wait on {@code wildex.intake}
   */
  public OpenPackage(Participants participants, List<KeyHolder> hubKeys) {
    this.participants = participants;
    this.hubKeys = List.copyOf(hubKeys);
  }

  @Override
  public void process(Exchange exchange) {
    byte[] ciphertext = exchange.getIn().getBody(byte[].class);
    exchange.setProperty(WildexHeaders.PROP_CIPHERTEXT, ciphertext);
    Opened opened;
    try {
      opened = Cms.open(ciphertext, hubKeys);
      participants.checkIssued(opened.signer(), Instant.now());
    } catch (CryptoException e) {
      throw new WildexException(ReasonCode.valueOf(e.failure().name()), e.getMessage(), e);
    }
    if (participants.isRevoked(opened.signer())) {
      throw new WildexException(ReasonCode.CERT_REVOKED, "the signer's certificate has been revoked");
    }
    Participant signer =
        participants
            .byCertificate(opened.signer())
            .orElseThrow(
                () ->
                    new WildexException(
                        ReasonCode.SIGNER_UNKNOWN,
                        "signer " + opened.signer().getSubjectX500Principal().getName() + " is not in the directory"));
    String client = exchange.getIn().getHeader(WildexHeaders.CLIENT_ID, String.class);
    if (!signer.id().equals(client)) {
      // never the signer's participant id: it may be another participant's
      throw new WildexException(ReasonCode.SIGNER_NOT_CLIENT, "the package is not signed with the submitting client's certificate");
    }
    exchange.getIn().setBody(opened);
  }
}
