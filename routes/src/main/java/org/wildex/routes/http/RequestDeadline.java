package org.wildex.routes.http;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wildex.contracts.ReasonCode;

/**
 * One HTTPS connection's deadline. The idle timeout starts again with every byte, so a client trickling a byte a second
 * would hold a connection (and, once its headers are in, a request) forever; this clock does not. From the moment the
 * connection is ready, and again from each answer sent, the next request must arrive whole, headers and body, within
 * the deadline. When it passes, a request whose headers arrived is answered {@code 408 REQUEST_TIMEOUT} if nothing was
 * answered yet, and the connection is closed. The hub's own time (between the end of a body and its answer) does not
 * count. Everything here runs on the connection's event loop.
 */
final class RequestDeadline {

  private static final Logger LOG = LoggerFactory.getLogger(RequestDeadline.class);

  private final Vertx vertx;
  private final Context context;
  private final HttpConnection connection;
  private final Duration deadline;
  private long timer = -1;
  /** The request whose headers arrived and whose body has not yet; null between requests. */
  private HttpServerRequest arriving;

  /** Starts the clock of a connection that was just established; call on its event loop. */
  static RequestDeadline start(Vertx vertx, HttpConnection connection, Duration deadline) {
    RequestDeadline clock = new RequestDeadline(vertx, Vertx.currentContext(), connection, deadline);
    clock.restart();
    return clock;
  }

  private RequestDeadline(Vertx vertx, Context context, HttpConnection connection, Duration deadline) {
    this.vertx = vertx;
    this.context = context;
    this.connection = connection;
    this.deadline = deadline;
  }

  /** A request's headers arrived: the clock stops when its body is in, and starts again once it is answered. */
  void requestArrived(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (request.isEnded()) {
      stop();
    } else {
      arriving = request;
      request.end().onComplete(received -> {
        arriving = null;
        if (!request.response().ended()) {
          stop();
        }
      });
    }
    ctx.addEndHandler(answered -> {
      if (answered.succeeded()) {
        context.runOnContext(v -> restart());
      }
    });
  }

  /** The connection is closed: nothing left to time. */
  void stop() {
    if (timer != -1) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  private void restart() {
    stop();
    timer = vertx.setTimer(deadline.toMillis(), id -> expired());
  }

  private void expired() {
    timer = -1;
    HttpServerRequest request = arriving;
    if (request == null || request.response().headWritten()) {
      // no request, or only part of its headers (or it was answered already) within the deadline
      LOG.debug("event=CONNECTION_CLOSED remote={} (no complete request within {})", connection.remoteAddress(), deadline);
      connection.close();
      return;
    }
    ReasonCode reason = ReasonCode.REQUEST_TIMEOUT;
    LOG.info("event=REQUEST_TIMEOUT remote={} (the request did not arrive whole within {})",
        connection.remoteAddress(), deadline);
    request.response()
        .setStatusCode(reason.httpStatus())
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CONNECTION, "close")
        .end("{\"status\":\"NOT_ACCEPTED\",\"reason\":\"" + reason.name() + "\",\"description\":\""
            + reason.description() + "\"}")
        .onComplete(sent -> connection.close());
  }
}
