package org.wildex.routes.errors;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.wildex.contracts.WildexException;
import org.wildex.routes.WildexHeaders;

/** Puts the reason code of the caught rejection on the message, so quarantine and answers carry it. */
public final class MarkRejected implements Processor {

  @Override
  public void process(Exchange exchange) {
    WildexException e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, WildexException.class);
    exchange.getIn().setHeader(WildexHeaders.REASON, e.reason().name());
  }
}
