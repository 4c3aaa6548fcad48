package org.wildex.routes.lifecycle;

import java.util.List;
import org.apache.camel.Exchange;
import org.wildex.contracts.lifecycle.RecallRequest;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.crypto.CryptoException;
import org.wildex.crypto.cms.Cms;
import org.wildex.crypto.pki.KeyHolder;
import org.apache.camel.Processor;
import org.wildex.routes.WildexHeaders;

/**
 * Opens a recall the door accepted (sealed bytes from {@code wildex.recall}) and keeps the request as exchange property
 * {@link WildexHeaders#PROP_RECALL}. The door proved its signer; this stage only reads it, so a certificate revoked
 * since does not stop a recall its owner made while it was valid.
 */
final class ReadRecall implements Processor {

  private final List<KeyHolder> hubKeys;

  ReadRecall(List<KeyHolder> hubKeys) {
    this.hubKeys = hubKeys;
  }

  @Override
  public void process(Exchange exchange) throws CryptoException {
    Cms.Opened opened = Cms.open(exchange.getIn().getBody(byte[].class), hubKeys);
    exchange.setProperty(WildexHeaders.PROP_RECALL, PackageCodec.fromJson(opened.content(), RecallRequest.class));
  }
}
