package org.wildex.routes.deliver;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.jms.JmsMessage;
import org.apache.camel.support.DefaultMessage;

/**
 * Puts the package's headers and body in a plain message before the fan-out splits it. The exchange came from the
 * intake queue with a {@link JmsMessage}; the splitter copies the message once per delivery, and a copied JmsMessage
 * has no JMS message under it, so Camel asks the missing message whether it was redelivered and catches the
 * NullPointerException (a filled-in stack trace of the whole route, per delivery). The JMS message itself is not needed
 * past the intake stage: its transaction is the consumer session's, and its headers are copied here.
 */
final class PlainMessage implements Processor {

  @Override
  public void process(Exchange exchange) {
    Message in = exchange.getIn();
    if (in instanceof JmsMessage) {
      Message plain = new DefaultMessage(exchange);
      plain.copyFrom(in);
      exchange.setIn(plain);
    }
  }
}
