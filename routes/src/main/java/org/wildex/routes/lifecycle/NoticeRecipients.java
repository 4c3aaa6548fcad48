package org.wildex.routes.lifecycle;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.wildex.contracts.lifecycle.RecallOutcome;
import org.wildex.contracts.lifecycle.RecallReceipt;

/**
 * Body in: what a recall found ({@link RecallReceipt}); body out: the outcomes that get a recall notice: EXPOSED (the
 * recipient took its delivery) and HANDED_OVER (the notice goes to the recipient's region, whose hub applies it).
 */
final class NoticeRecipients implements Processor {

  @Override
  public void process(Exchange exchange) {
    RecallReceipt receipt = exchange.getIn().getBody(RecallReceipt.class);
    exchange.getIn().setBody(receipt.recipients().stream().filter(NoticeRecipients::notified).toList());
  }

  /** Whether an outcome gets a notice: its recipient took the delivery, or it went to a peer region's hub. */
  static boolean notified(RecallOutcome o) {
    return RecallOutcome.EXPOSED.equals(o.outcome()) || RecallOutcome.HANDED_OVER.equals(o.outcome());
  }
}
