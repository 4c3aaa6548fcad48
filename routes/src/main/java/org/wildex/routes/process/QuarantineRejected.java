package org.wildex.routes.process;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wildex.contracts.WildexException;
import org.wildex.routes.WildexHeaders;

/** Puts the rejected submission's ciphertext back as the body, unchanged, to be kept on {@code wildex.quarantine}. */
public final class QuarantineRejected implements Processor {

  private static final Logger LOG = LoggerFactory.getLogger(QuarantineRejected.class);

  @Override
  public void process(Exchange exchange) {
    WildexException e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, WildexException.class);
    LOG.warn(
        "stage=wildex.process.reject event=REJECTED trackingId={} client={} packageId={} reason={} sha256={}",
        exchange.getIn().getHeader(WildexHeaders.TRACKING_ID),
        exchange.getIn().getHeader(WildexHeaders.CLIENT_ID),
        exchange.getIn().getHeader(WildexHeaders.PACKAGE_ID),
        e.reason(),
        exchange.getIn().getHeader(WildexHeaders.CIPHERTEXT_SHA256));
    exchange.getIn().setBody(exchange.getProperty(WildexHeaders.PROP_CIPHERTEXT, byte[].class));
  }
}
