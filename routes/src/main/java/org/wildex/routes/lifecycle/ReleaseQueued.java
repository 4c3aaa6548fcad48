package org.wildex.routes.lifecycle;

import jakarta.json.bind.annotation.JsonbNillable;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.routes.WildexHeaders;

/** Answers 202 with the request id, after a sealed release request or decision is durably on {@code wildex.release}. */
final class ReleaseQueued implements Processor {

  private static final Logger LOG = LoggerFactory.getLogger(ReleaseQueued.class);

  /** The JSON body of the answer. */
  @JsonbNillable(false)
  public record Answer(String requestId, String packageId, String status) {}

  @Override
  public void process(Exchange exchange) {
    Message in = exchange.getIn();
    String requestId = in.getHeader(WildexHeaders.TRACKING_ID, String.class);
    String packageId = in.getHeader(WildexHeaders.PACKAGE_ID, String.class);
    LOG.info("stage={} event={}_QUEUED requestId={} packageId={} client={} sha256={}", exchange.getFromRouteId(),
        in.getHeader(WildexHeaders.MESSAGE_KIND, String.class).toUpperCase(java.util.Locale.ROOT).replace('-', '_'),
        requestId, packageId, in.getHeader(WildexHeaders.CLIENT_ID), in.getHeader(WildexHeaders.CIPHERTEXT_SHA256));
    in.removeHeaders("*");
    in.setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
    in.setHeader(Exchange.CONTENT_TYPE, "application/json");
    in.setBody(PackageCodec.toJson(new Answer(requestId, packageId, "QUEUED")));
  }
}
