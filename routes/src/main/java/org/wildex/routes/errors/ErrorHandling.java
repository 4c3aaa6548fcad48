package org.wildex.routes.errors;

import org.apache.camel.builder.RouteConfigurationBuilder;
import org.wildex.contracts.WildexException;
import org.wildex.routes.Endpoints;
import org.apache.camel.ExchangePattern;
import org.wildex.routes.audit.AuditTrail;
import org.wildex.routes.audit.QueryAnswer;
import org.wildex.routes.intake.IntakeFailure;

/**
 * The hub's error handling, in one place. Routes opt in by id:
 *
 * <ul>
 *   <li>{@link #HTTP}: a known rejection at intake keeps the body in quarantine and answers its reason code; any other
 *       failure answers 503 so the sender retries (nothing was accepted, so nothing is lost).
 *   <li>{@link #TRANSACTED}: the broker consumer of a stage; a rejection quarantines the ciphertext and answers the
 *       sender within the same broker transaction; any other failure rolls the transaction back so the broker redelivers
 *       (with backoff) and finally dead-letters. Camel itself never redelivers here, so the two are not stacked.
 *   <li>{@link #FEDERATION}: the consumer of hand-overs from peer regions; as {@link #TRANSACTED}, but a refused
 *       hand-over is quarantined and audited without a receipt (its sender is a hub, whose own trail has HANDED_OVER).
 *   <li>{@link #LIFECYCLE}: the consumer of requests the door accepted (recalls): any failure rolls the transaction
 *       back and the broker hands the request over again with backoff, without end (nothing is refused there).
 *   <li>{@link #STAGE}: in-process stages behind a consumer; errors propagate unchanged to the consumer's handling.
 *   <li>{@link #QUERY}: HTTPS reads (audit trail, receipts): a refusal answers its reason code and status; any other
 *       failure (the store is down) answers 503. Nothing is written, so nothing can be lost.
 * </ul>
 */
public final class ErrorHandling extends RouteConfigurationBuilder {

  public static final String HTTP = "wildex.errors.http";
  public static final String TRANSACTED = "wildex.errors.transacted";
  public static final String STAGE = "wildex.errors.stage";
  public static final String QUERY = "wildex.errors.query";
  public static final String FEDERATION = "wildex.errors.federation";
  public static final String LIFECYCLE = "wildex.errors.lifecycle";

  @Override
  public void configuration() {
    routeConfiguration(HTTP)
        .errorHandler(defaultErrorHandler().maximumRedeliveries(0).logExhaustedMessageBody(false))
        .onException(WildexException.class)
        .handled(true)
        .process(new MarkRejected())
        .setExchangePattern(ExchangePattern.InOnly)
        .to(Endpoints.QUARANTINE)
        .process(AuditTrail.rejectedAtDoor())
        .process(IntakeFailure.rejected())
        .end()
        .onException(Exception.class)
        .handled(true)
        .process(IntakeFailure.unavailable())
        .end();

    routeConfiguration(TRANSACTED)
        .errorHandler(defaultErrorHandler().maximumRedeliveries(0).logExhaustedMessageBody(false))
        .onException(WildexException.class)
        .handled(true)
        .process(new MarkRejected())
        .to(Endpoints.REJECT)
        .end();

    routeConfiguration(FEDERATION)
        .errorHandler(defaultErrorHandler().maximumRedeliveries(0).logExhaustedMessageBody(false))
        .onException(WildexException.class)
        .handled(true)
        .process(new MarkRejected())
        .to(Endpoints.FEDERATION_REJECT)
        .end();

    // a request the door accepted is carried out, however long it takes: every failure rolls back for a redelivery
    routeConfiguration(LIFECYCLE)
        .errorHandler(defaultErrorHandler().maximumRedeliveries(0).logExhaustedMessageBody(false));

    routeConfiguration(STAGE).errorHandler(noErrorHandler());

    routeConfiguration(QUERY)
        .errorHandler(defaultErrorHandler().maximumRedeliveries(0).logExhaustedMessageBody(false))
        .onException(WildexException.class)
        .handled(true)
        .process(QueryAnswer.refused())
        .end()
        .onException(Exception.class)
        .handled(true)
        .process(QueryAnswer.unavailable())
        .end();
  }
}
