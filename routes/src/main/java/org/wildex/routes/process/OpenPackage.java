package org.wildex.routes.process;

import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.WildexException;
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
    } catch (CryptoException e) {
      throw new WildexException(ReasonCode.valueOf(e.failure().name()), e.getMessage(), e);
    }
    participants.checkSigner(opened.signer(), exchange.getIn().getHeader(WildexHeaders.CLIENT_ID, String.class));
    exchange.getIn().setBody(opened);
  }
}
