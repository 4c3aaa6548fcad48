package org.wildex.routes.lifecycle;

import jakarta.json.bind.annotation.JsonbNillable;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.routes.WildexHeaders;

/** Answers 202 with the recall id, after the sealed request is durably on {@code wildex.recall}. */
public final class RecallQueued implements Processor {

  private static final Logger LOG = LoggerFactory.getLogger(RecallQueued.class);

  /** The JSON body of the answer. */
  @JsonbNillable(false)
  public record Answer(String recallId, String packageId, String status) {}

  @Override
  public void process(Exchange exchange) {
    Message in = exchange.getIn();
    String recallId = in.getHeader(WildexHeaders.RECALL_ID, String.class);
    String packageId = in.getHeader(WildexHeaders.PACKAGE_ID, String.class);
    LOG.info("stage={} event=RECALL_QUEUED recallId={} packageId={} client={} sha256={}", RecallHttpRoute.ROUTE_ID,
        recallId, packageId, in.getHeader(WildexHeaders.CLIENT_ID), in.getHeader(WildexHeaders.CIPHERTEXT_SHA256));
    in.removeHeaders("*");
    in.setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
    in.setHeader(Exchange.CONTENT_TYPE, "application/json");
    in.setBody(PackageCodec.toJson(new Answer(recallId, packageId, "QUEUED")));
  }
}
