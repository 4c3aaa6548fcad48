package org.wildex.routes.intake;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.WildexException;
import org.wildex.crypto.CryptoException;
import org.wildex.crypto.cms.Cms;

/** Refuses at the door what can be refused without a key: an empty body, or one that is not an encrypted CMS structure. */
public final class CheckSubmission implements Processor {

  @Override
  public void process(Exchange exchange) {
    byte[] body = exchange.getIn().getBody(byte[].class);
    if (body.length == 0) {
      throw new WildexException(ReasonCode.EMPTY_BODY, "the request body is empty");
    }
    try {
      Cms.checkStructure(body);
    } catch (CryptoException e) {
      throw new WildexException(ReasonCode.valueOf(e.failure().name()), e.getMessage(), e);
    }
  }
}
