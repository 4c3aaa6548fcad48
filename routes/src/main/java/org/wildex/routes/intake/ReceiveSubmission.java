package org.wildex.routes.intake;

import io.vertx.core.buffer.Buffer;
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
    byte[] body = bytes(in);
    in.removeHeaders("*");
    in.setBody(body);
    in.setHeader(WildexHeaders.TRACKING_ID, UUID.randomUUID().toString());
    in.setHeader(WildexHeaders.RECEIVED_AT, Instant.now().toString());
    in.setHeader(WildexHeaders.CIPHERTEXT_SHA256, Digests.sha256Hex(body));
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith(MEDIA_TYPE)) {
      throw new WildexException(ReasonCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be " + MEDIA_TYPE + " (DER)");
    }
  }

  /**
   * The request body as bytes. Vert.x hands it over as a {@link Buffer} (the intake route keeps Camel's stream cache
   * off), copied here once at its size; a stream cache and Camel's type converters would copy it into a cache, then
   * through an {@code InputStream} into a growing {@code ByteArrayOutputStream}.
   */
  private static byte[] bytes(Message in) {
    byte[] body = in.getBody() instanceof Buffer buffer ? buffer.getBytes() : in.getBody(byte[].class);
    return body == null ? new byte[0] : body;
  }
}
