package org.wildex.routes.audit;

import jakarta.json.bind.annotation.JsonbNillable;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.WildexException;
import org.wildex.contracts.pkg.PackageCodec;

/** The JSON body of a refused or failed HTTPS read: the reason code and what it means. */
@JsonbNillable(false)
public record QueryAnswer(String status, String reason, String description) {

  private static final Logger LOG = LoggerFactory.getLogger(QueryAnswer.class);

  /** For a {@link WildexException}: its status and reason. */
  public static Processor refused() {
    return exchange -> {
      WildexException e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, WildexException.class);
      LOG.warn("stage={} event=REFUSED reason={}", exchange.getFromRouteId(), e.reason());
      write(exchange, e.reason().httpStatus(), new QueryAnswer("REFUSED", e.reason().name(), e.getMessage()), "application/json");
    };
  }

  /** For anything else (the store is unreachable): 503, retry later. */
  public static Processor unavailable() {
    return exchange -> {
      Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
      LOG.error("stage={} event=UNAVAILABLE error={}: {}", exchange.getFromRouteId(), e.getClass().getSimpleName(), e.getMessage());
      ReasonCode reason = ReasonCode.HUB_UNAVAILABLE;
      write(exchange, reason.httpStatus(), new QueryAnswer("UNAVAILABLE", reason.name(), reason.description()), "application/json");
    };
  }

  static void write(Exchange exchange, int status, Object body, String contentType) {
    Message in = exchange.getIn();
    in.removeHeaders("*");
    in.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
    in.setHeader(Exchange.CONTENT_TYPE, contentType);
    in.setBody(body instanceof byte[] bytes ? bytes : PackageCodec.toJson(body));
  }
}
