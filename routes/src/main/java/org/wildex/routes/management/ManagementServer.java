package org.wildex.routes.management;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management port: plain HTTP on loopback by default (see {@link ManagementSettings}) with
 *
 * <ul>
 *   <li>{@code GET /metrics}: Prometheus text format ({@link HubMetrics});
 *   <li>{@code GET /health/live}: 200 {@code {"status":"UP"}} while the process answers;
 *   <li>{@code GET /health/ready}: 200 when every readiness check is up, else 503, both with the checks as JSON
 *       ({@link HubHealth}).
 * </ul>
 *
 * It is its own Vert.x server, outside Camel, so liveness and metrics answer even while routes are stopping; scraping
 * and checks run on a worker thread, never on the event loop.
 */
public final class ManagementServer implements AutoCloseable {

  public static final String METRICS_PATH = "/metrics";
  public static final String LIVE_PATH = "/health/live";
  public static final String READY_PATH = "/health/ready";
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private static final Logger LOG = LoggerFactory.getLogger(ManagementServer.class);
  private static final long TIMEOUT_SECONDS = 30;

  private final Vertx vertx;
  private final ManagementSettings settings;
  private final HubMetrics metrics;
  private final HubHealth health;
  private HttpServer server;

  public ManagementServer(Vertx vertx, ManagementSettings settings, HubMetrics metrics, HubHealth health) {
    this.vertx = vertx;
    this.settings = settings;
    this.metrics = metrics;
    this.health = health;
  }

  /** Starts listening (blocking until bound). */
  public synchronized void start() throws Exception {
    Router router = Router.router(vertx);
    router.route(HttpMethod.GET, METRICS_PATH).handler(ctx -> blocking(ctx, () -> {
      ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, PROMETHEUS_TEXT).end(metrics.scrape());
    }));
    router.route(HttpMethod.GET, LIVE_PATH).handler(ctx ->
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end("{\"status\":\"UP\"}"));
    router.route(HttpMethod.GET, READY_PATH).handler(ctx -> blocking(ctx, () -> {
      Map<String, HubHealth.Status> answers = health.ready();
      boolean up = answers.values().stream().allMatch(HubHealth.Status::up);
      ctx.response().setStatusCode(up ? 200 : 503)
          .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
          .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
          .end(HubHealth.json(answers));
    }));
    server = vertx.createHttpServer(new HttpServerOptions().setHost(settings.host()).setPort(settings.port()))
        .requestHandler(router)
        .listen()
        .toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    LOG.info("event=MANAGEMENT_LISTENING url={} paths={},{},{}", url(), METRICS_PATH, LIVE_PATH, READY_PATH);
  }

  /** {@code http://host:port} with the port actually bound. */
  public synchronized String url() {
    if (server == null) {
      throw new IllegalStateException("management server not started");
    }
    return "http://" + settings.host() + ":" + server.actualPort();
  }

  private void blocking(RoutingContext ctx, Runnable work) {
    vertx.executeBlocking(() -> {
      work.run();
      return null;
    }, false).onFailure(e -> {
      if (!ctx.response().ended()) {
        ctx.response().setStatusCode(500).end();
      }
      LOG.warn("event=MANAGEMENT_REQUEST_FAILED path={} error={}", ctx.request().path(), e.getClass().getSimpleName());
    });
  }

  /** Stops listening. Idempotent. */
  @Override
  public synchronized void close() throws Exception {
    if (server != null) {
      try {
        server.close().toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } finally {
        server = null;
      }
    }
  }
}
