package org.wildex.routes.lifecycle;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.wildex.contracts.lifecycle.RecallOutcome;
import org.wildex.contracts.lifecycle.RecallReceipt;

/** Body in: what a recall found ({@link RecallReceipt}); body out: its EXPOSED outcomes, whose recipients get a notice. */
final class ExposedOnly implements Processor {

  @Override
  public void process(Exchange exchange) {
    RecallReceipt receipt = exchange.getIn().getBody(RecallReceipt.class);
    exchange.getIn().setBody(receipt.recipients().stream()
        .filter(o -> RecallOutcome.EXPOSED.equals(o.outcome())).toList());
  }
}
