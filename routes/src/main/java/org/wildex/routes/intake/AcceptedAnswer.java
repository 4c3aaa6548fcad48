package org.wildex.routes.intake;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wildex.routes.WildexHeaders;

/** Answers 202 with the tracking id, after the ciphertext is durably on the intake address. */
public final class AcceptedAnswer implements Processor {

  private static final Logger LOG = LoggerFactory.getLogger(AcceptedAnswer.class);

  @Override
  public void process(Exchange exchange) {
    String trackingId = exchange.getIn().getHeader(WildexHeaders.TRACKING_ID, String.class);
    LOG.info(
        "stage=wildex.intake.http event=QUEUED trackingId={} client={} sha256={}",
        trackingId,
        exchange.getIn().getHeader(WildexHeaders.CLIENT_ID),
        exchange.getIn().getHeader(WildexHeaders.CIPHERTEXT_SHA256));
    IntakeAnswer.write(exchange, 202, new IntakeAnswer(trackingId, "QUEUED", null, null));
  }
}
