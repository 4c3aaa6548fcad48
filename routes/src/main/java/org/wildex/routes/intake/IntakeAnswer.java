package org.wildex.routes.intake;

import jakarta.json.bind.annotation.JsonbNillable;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.wildex.contracts.pkg.PackageCodec;

/** The JSON body of every intake answer: a tracking id and status, or the reason code and what it means. */
@JsonbNillable(false)
public record IntakeAnswer(String trackingId, String status, String reason, String description) {

  /** Replaces the exchange's message with this answer and the given HTTP status (no request header goes back). */
  static void write(Exchange exchange, int status, IntakeAnswer answer) {
    Message in = exchange.getIn();
    in.removeHeaders("*");
    in.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
    in.setHeader(Exchange.CONTENT_TYPE, "application/json");
    in.setBody(PackageCodec.toJson(answer));
  }
}
