package org.wildex.routes.intake;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.WildexException;
import org.wildex.routes.WildexHeaders;
import org.wildex.routes.http.HttpsServer;

/** Answers a failed submission: its reason code and status for a rejection, 503 when the hub could not take it. */
public final class IntakeFailure {

  private static final Logger LOG = LoggerFactory.getLogger(IntakeFailure.class);

  private IntakeFailure() {}

  /** For a {@link WildexException}: the reason's HTTP status and a body naming the reason. */
  public static Processor rejected() {
    return exchange -> {
      WildexException e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, WildexException.class);
      String trackingId = exchange.getIn().getHeader(WildexHeaders.TRACKING_ID, String.class);
      LOG.warn(
          "stage=wildex.intake.http event=REJECTED trackingId={} client={} reason={} sha256={}",
          trackingId,
          exchange.getIn().getHeader(WildexHeaders.CLIENT_ID),
          e.reason(),
          exchange.getIn().getHeader(WildexHeaders.CIPHERTEXT_SHA256));
      IntakeAnswer.write(
          exchange,
          e.reason().httpStatus(),
          new IntakeAnswer(trackingId, "REJECTED", e.reason().name(), e.getMessage()));
    };
  }

  /** For anything else (the broker could not take the message durably): 503, the sender should retry. */
  public static Processor unavailable() {
    return exchange -> {
      Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
      String trackingId = exchange.getIn().getHeader(WildexHeaders.TRACKING_ID, String.class);
      // only the storage refusal's message is logged: it is the hub's own text, never a package's
      LOG.error(
          "stage=wildex.intake.http event=UNAVAILABLE trackingId={} reason={} error={}{}",
          trackingId,
          ReasonCode.HUB_UNAVAILABLE,
          e.getClass().getName(),
          e instanceof CheckStorage.StorageUnavailable ? " detail=\"" + e.getMessage() + "\"" : "");
      ReasonCode reason = ReasonCode.HUB_UNAVAILABLE;
      IntakeAnswer.write(
          exchange, reason.httpStatus(), new IntakeAnswer(trackingId, "NOT_ACCEPTED", reason.name(), reason.description()));
      exchange.getIn().setHeader(HttpsServer.RETRY_AFTER, HttpsServer.RETRY_AFTER_SECONDS);
    };
  }
}
