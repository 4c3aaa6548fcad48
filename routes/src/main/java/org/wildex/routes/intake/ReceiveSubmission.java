package org.wildex.routes.intake;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.WildexException;
import org.wildex.crypto.Digests;
import org.wildex.routes.WildexHeaders;

/**
 * Takes a submission in: drops every header the client sent (none of them may reach the broker or count as identity),
 * stamps a tracking id, the time and the ciphertext hash, then insists on {@code application/pkcs7-mime}.
 */
public final class ReceiveSubmission implements Processor {

  static final String MEDIA_TYPE = "application/pkcs7-mime";

  @Override
  public void process(Exchange exchange) {
    Message in = exchange.getIn();
    String contentType = in.getHeader(Exchange.CONTENT_TYPE, String.class);
    byte[] body = in.getBody(byte[].class);
    in.removeHeaders("*");
    in.setBody(body == null ? new byte[0] : body);
    in.setHeader(WildexHeaders.TRACKING_ID, UUID.randomUUID().toString());
    in.setHeader(WildexHeaders.RECEIVED_AT, Instant.now().toString());
    in.setHeader(WildexHeaders.CIPHERTEXT_SHA256, Digests.sha256Hex(in.getBody(byte[].class)));
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith(MEDIA_TYPE)) {
      throw new WildexException(ReasonCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be " + MEDIA_TYPE + " (DER)");
    }
  }
}
