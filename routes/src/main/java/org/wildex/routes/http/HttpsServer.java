package org.wildex.routes.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.PfxOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.LinkedHashSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wildex.contracts.ReasonCode;
import org.wildex.routes.TlsPolicy;

/**
 * The hub's HTTPS server: a Vert.x server that requires a client certificate (mutual TLS), whose router serves Camel
 * {@code platform-http:} routes once {@link #bindTo(CamelContext) bound} into the context's registry.
 *
 * <p>Camel 4.18's own {@code VertxPlatformHttpServer} ignores {@code clientAuthentication=REQUIRE}, hence this class
 * (STACK.md). Request bodies above {@link HttpsSettings#maxBodyBytes()} are answered with 413; a request that does not
 * arrive whole within {@link HttpsSettings#requestDeadline()} gets 408 and its connection is closed
 * ({@link RequestDeadline}).
 */
public final class HttpsServer implements AutoCloseable {

  /** Registry name Camel's platform-http consumers fall back to when no router is bound for their port. */
  public static final String ROUTER_NAME = VertxPlatformHttpRouter.PLATFORM_HTTP_ROUTER_NAME_ZERO;

  private static final Logger LOG = LoggerFactory.getLogger(HttpsServer.class);
  private static final String CLIENT_GONE = "wildex.clientGone";
  private static final long TIMEOUT_SECONDS = 30;
  private static final int IDLE_TIMEOUT_SECONDS = 60;
  /** A TLS handshake not done by then is dropped (the Vert.x default, stated). */
  private static final int HANDSHAKE_TIMEOUT_SECONDS = 10;
  /** A 503 tells the sender when to try again (RFC 9110 Retry-After, in seconds). */
  public static final String RETRY_AFTER = "Retry-After";
  public static final String RETRY_AFTER_SECONDS = "30";

  private final HttpsSettings settings;
  private final Vertx vertx;
  private final boolean ownsVertx;
  private final LimitedBodyRouter router;
  private HttpServer server;
  private volatile boolean draining;
  private final Map<HttpConnection, RequestDeadline> deadlines = new ConcurrentHashMap<>();

  /** A server on its own Vert.x instance (closed with the server). */
  public HttpsServer(HttpsSettings settings) {
    this(null, settings);
  }

  /** A server on the given Vert.x instance (left open on close); {@code null} means create and own one. */
  public HttpsServer(Vertx vertx, HttpsSettings settings) {
    this.settings = settings;
    this.ownsVertx = vertx == null;
    this.vertx = vertx != null ? vertx : Vertx.vertx(new VertxOptions()
        .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false)));
    Router delegate = Router.router(this.vertx);
    delegate.route().failureHandler(this::clientGone);
    delegate.route().handler(this::underDeadline);
    delegate.route().handler(this::refuseWhileDraining);
    delegate.route().handler(this::rejectDeclaredOversizeBody);
    delegate.errorHandler(413, this::payloadTooLarge);
    this.router = new LimitedBodyRouter(this.vertx, delegate, settings.maxBodyBytes());
  }

  /** Binds this server's router as {@value #ROUTER_NAME} in the context's registry; call before the context starts. */
  public void bindTo(CamelContext camelContext) {
    camelContext.getRegistry().bind(ROUTER_NAME, VertxPlatformHttpRouter.class, router);
  }

  /** Starts listening (blocking until bound). */
  public synchronized void start() throws Exception {
    if (server != null) {
      throw new IllegalStateException("HTTPS server already started");
    }
    HttpServerOptions options = new HttpServerOptions()
        .setHost(settings.host())
        .setPort(settings.port())
        .setSsl(true)
        .setSslEngineOptions(TlsPolicy.openSsl() ? new OpenSSLEngineOptions() : new JdkSSLEngineOptions())
        .setKeyCertOptions(pfx(settings.keyStoreP12().toString()))
        .setTrustOptions(pfx(settings.trustStoreP12().toString()))
        .setClientAuth(ClientAuth.REQUIRED)
        .setEnabledSecureTransportProtocols(new LinkedHashSet<>(TlsPolicy.PROTOCOLS))
        // a client that stops sending or reading is dropped instead of holding a connection forever
        .setIdleTimeout(IDLE_TIMEOUT_SECONDS)
        .setIdleTimeoutUnit(TimeUnit.SECONDS)
        .setSslHandshakeTimeout(HANDSHAKE_TIMEOUT_SECONDS)
        .setSslHandshakeTimeoutUnit(TimeUnit.SECONDS);
    TlsPolicy.CIPHER_SUITES.forEach(options::addEnabledCipherSuite);
    server = vertx.createHttpServer(options)
        .connectionHandler(this::startDeadline)
        .requestHandler(router)
        .listen()
        .toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    LOG.info("HTTPS (mutual TLS) listening on {}:{}", settings.host(), server.actualPort());
  }

  /** The port actually bound (useful with port 0). */
  public synchronized int port() {
    if (server == null) {
      throw new IllegalStateException("HTTPS server not started");
    }
    return server.actualPort();
  }

  /** The router Camel routes are added to. */
  public VertxPlatformHttpRouter router() {
    return router;
  }

  public Vertx vertx() {
    return vertx;
  }

  /**
   * From now on every new request is answered {@code 503 HUB_UNAVAILABLE} with {@code Retry-After}: the hub is stopping
   * (its routes may already be gone, which would otherwise answer 404). Requests already past this point finish.
   */
  public void drain() {
    draining = true;
  }

  /** Stops listening, and closes Vert.x if this server created it. Idempotent. */
  public synchronized void stop() throws Exception {
    try {
      if (server != null) {
        server.close().toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      }
    } finally {
      server = null;
      if (ownsVertx) {
        vertx.close().toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      }
    }
  }

  @Override
  public void close() throws Exception {
    stop();
  }

  /**
   * The client certificate verified in the TLS handshake of the request behind this exchange; never taken from a
   * header. Empty when the exchange did not come from this server's HTTP layer (read it in the route's first step).
   */
  public static Optional<X509Certificate> peerCertificate(Exchange exchange) {
    HttpMessage message = exchange.getIn(HttpMessage.class);
    if (message == null || message.getRequest() == null || !message.getRequest().isSSL()) {
      return Optional.empty();
    }
    try {
      List<Certificate> chain = message.getRequest().connection().peerCertificates();
      if (chain != null && !chain.isEmpty() && chain.get(0) instanceof X509Certificate cert) {
        return Optional.of(cert);
      }
    } catch (SSLPeerUnverifiedException unverified) {
      LOG.debug("request without a verified client certificate");
    }
    return Optional.empty();
  }

  /**
   * A client that closes or resets its connection mid-request reaches the router as a failure of its request (an I/O
   * error, {@link HttpClosedException}); left alone, Vert.x logs each at ERROR with a stack trace. It is the client's
   * doing, not the hub's: one INFO line with the remote address, and the connection is closed. Other failures go on to
   * the next handlers.
   */
  private void clientGone(RoutingContext ctx) {
    if (!isConnectionFailure(ctx.failure())) {
      ctx.next();
      return;
    }
    // a reset fails the request twice (the I/O error, then the close): one line; none once the hub has answered
    if (ctx.get(CLIENT_GONE) == null && !ctx.response().ended()) {
      ctx.put(CLIENT_GONE, Boolean.TRUE);
      LOG.info("event=CLIENT_GONE remote={} error={} (the client closed its connection mid-request)",
          ctx.request().remoteAddress(), ctx.failure().getClass().getSimpleName());
    }
    ctx.request().connection().close();
  }

  private static boolean isConnectionFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof HttpClosedException || t instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  private void startDeadline(HttpConnection connection) {
    deadlines.put(connection, RequestDeadline.start(vertx, connection, settings.requestDeadline()));
    connection.closeHandler(closed -> deadlines.remove(connection).stop());
  }

  private void underDeadline(RoutingContext ctx) {
    RequestDeadline deadline = deadlines.get(ctx.request().connection());
    if (deadline != null) {
      deadline.requestArrived(ctx);
    }
    ctx.next();
  }

  private void refuseWhileDraining(RoutingContext ctx) {
    if (!draining) {
      ctx.next();
      return;
    }
    ReasonCode reason = ReasonCode.HUB_UNAVAILABLE;
    ctx.response()
        .setStatusCode(reason.httpStatus())
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(RETRY_AFTER, RETRY_AFTER_SECONDS)
        .putHeader(HttpHeaders.CONNECTION, "close")
        .end("{\"status\":\"NOT_ACCEPTED\",\"reason\":\"" + reason.name() + "\",\"description\":\"hub is stopping; "
            + "retry later\"}");
  }

  private void rejectDeclaredOversizeBody(RoutingContext ctx) {
    String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    if (declared != null) {
      long length;
      try {
        length = Long.parseLong(declared.trim());
      } catch (NumberFormatException e) {
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close").setStatusCode(400).end();
        return;
      }
      if (length > settings.maxBodyBytes()) {
        payloadTooLarge(ctx);
        return;
      }
    }
    ctx.next();
  }

  private void payloadTooLarge(RoutingContext ctx) {
    if (ctx.response().ended()) {
      return;
    }
    ReasonCode reason = ReasonCode.PAYLOAD_TOO_LARGE;
    String body = "{\"status\":\"REJECTED\",\"reason\":\"" + reason.name() + "\",\"description\":\""
        + reason.description() + " (" + settings.maxBodyBytes() + " bytes)\"}";
    // the rest of the body is never read: close the connection after answering
    ctx.response()
        .setStatusCode(reason.httpStatus())
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CONNECTION, "close")
        .end(body);
  }

  private PfxOptions pfx(String path) {
    return new PfxOptions().setPath(path).setPassword(settings.password());
  }

  /** Camel's router over ours, with a body handler that stops at the size limit (the stock one has no limit). */
  private static final class LimitedBodyRouter extends VertxPlatformHttpRouter {
    private final long maxBodyBytes;

    LimitedBodyRouter(Vertx vertx, Router delegate, long maxBodyBytes) {
      super(null, vertx, delegate, ROUTER_NAME);
      this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public Handler<RoutingContext> bodyHandler() {
      // no file uploads: nothing is ever written to disk, the body stays in memory up to the limit
      return BodyHandler.create(false).setBodyLimit(maxBodyBytes);
    }
  }
}
