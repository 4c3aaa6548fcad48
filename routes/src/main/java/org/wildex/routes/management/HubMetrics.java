package org.wildex.routes.management;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.MessageReference;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.metrics.ActiveMQMetricsPlugin;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.eventnotifier.MicrometerExchangeEventNotifier;
import org.apache.camel.component.micrometer.eventnotifier.MicrometerRouteEventNotifier;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyFactory;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.audit.AuditEvent;
import org.wildex.contracts.audit.AuditEventType;
import org.wildex.contracts.directory.Participant;
import org.wildex.routes.Endpoints;
import org.wildex.routes.WildexHeaders;
import org.wildex.routes.audit.AuditObserver;
import org.wildex.routes.audit.AuditWriter;

/**
 * The hub's metrics, one Prometheus registry per hub, scraped at {@code GET /metrics} on the management port:
 *
 * <ul>
 *   <li>{@code wildex_*}: packages received, accepted and rejected by reason code, deliveries routed and acknowledged by
 *       recipient kind and level, dead letters, end-to-end latency, audit backlog, lag and writes, quarantine, DLQ and
 *       intake depth. Counted from the audit events of exchanges that completed ({@link AuditObserver}), so the numbers
 *       agree with the trail;
 *   <li>{@code camel_*}: Camel's route policy (a timer per route, i.e. per stage: {@code routeId="wildex.process.open"},
 *       ...), exchanges and routes;
 *   <li>{@code artemis_*}: the broker's own meters through its Micrometer plugin, with message count per queue;
 *   <li>{@code jvm_*}, {@code process_*}, {@code system_*}: the JVM.
 * </ul>
 *
 * Labels hold reason codes, participant kinds, TLP levels, route ids and queue names only: never package or delivery ids
 * (unbounded) and never content.
 */
public final class HubMetrics implements AuditObserver, AutoCloseable {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<String, String> kindByParticipant = new HashMap<>();
  private final Map<ReasonCode, Counter> rejected = new EnumMap<>(ReasonCode.class);
  private final ConcurrentMap<String, Counter> routed = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Counter> acknowledged = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Counter> recalled = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Counter> recalls = new ConcurrentHashMap<>();
  private final JvmGcMetrics gc = new JvmGcMetrics();
  // registered by start(), after the broker added its meter filter and before any route runs
  private volatile boolean started;
  private Counter received;
  private Counter accepted;
  private Counter deadLettered;
  private final Map<String, Counter> releases = new java.util.concurrent.ConcurrentHashMap<>();
  private Counter updates;
  private Counter redelivered;
  private Timer latencyAccepted;
  private Timer latencyRejected;
  private Supplier<AuditWriter> writer;

  /** Meters for a hub whose directory holds {@code participants} (recipient ids are counted by their kind). */
  public HubMetrics(List<Participant> participants) {
    participants.forEach(p -> kindByParticipant.put(p.id(), p.kind().name()));
  }

  /**
   * Registers the hub's and the JVM's meters and the gauges on the running broker and audit writer. Call once the
   * broker runs (Artemis configures a meter filter on the registry when it starts) and before the routes start.
   * {@code server} may answer null once the broker stopped.
   */
  public void start(Supplier<ActiveMQServer> server, Supplier<AuditWriter> writer) {
    received = Counter.builder("wildex.packages.received")
        .description("submissions the hub took (HTTPS intake or broker), each counted once whatever its outcome")
        .register(registry);
    accepted = Counter.builder("wildex.packages.accepted")
        .description("packages opened, verified, valid and routed to at least one recipient")
        .register(registry);
    for (ReasonCode reason : ReasonCode.values()) {
      rejected.put(reason, Counter.builder("wildex.packages.rejected").tag("reason", reason.name())
          .description("submissions rejected (quarantined and answered with a signed NACK or an HTTP error), by reason code")
          .register(registry));
    }
    updates = Counter.builder("wildex.updates")
        .description("updates accepted: packages that superseded an earlier version of the same originator's").register(registry);
    deadLettered = Counter.builder("wildex.dead.lettered")
        .description("messages the broker moved to wildex.dlq after the last delivery attempt").register(registry);
    redelivered = Counter.builder("wildex.redelivered")
        .description("submissions or deliveries handed out again after a failed attempt").register(registry);
    latencyAccepted = latency("accepted");
    latencyRejected = latency("rejected");
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    watch(server, writer);
    started = true;
  }

  private Timer latency(String outcome) {
    return Timer.builder("wildex.package.latency")
        .description("end to end: from the hub holding the submission durably to its deliveries and receipt being sent"
            + " (accepted) or its NACK (rejected)")
        .tag("outcome", outcome)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(60))
        .register(registry);
  }

  /** Hands this registry to Artemis (its {@code metrics} configuration); the broker registers its meters on start. */
  public ActiveMQMetricsPlugin brokerPlugin() {
    return new RegistryPlugin(registry);
  }

  /** Artemis's metrics plugin over a registry the hub owns (Artemis's own plugins each create theirs). */
  private static final class RegistryPlugin implements ActiveMQMetricsPlugin {
    private static final long serialVersionUID = 1L;
    private final transient MeterRegistry registry;

    RegistryPlugin(MeterRegistry registry) {
      this.registry = registry;
    }

    @Override
    public ActiveMQMetricsPlugin init(Map<String, String> options) {
      return this;
    }

    @Override
    public MeterRegistry getRegistry() {
      return registry;
    }
  }

  private Counter releaseCounter(String stage) {
    return Counter.builder("wildex.release.requests")
        .description("release requests by stage: requested (forwarded to the originator), approved, declined")
        .tag("stage", stage)
        .register(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** The Prometheus text exposition of every meter. */
  public String scrape() {
    return registry.scrape();
  }

  /**
   * Camel route metrics: binds the registry where camel-micrometer looks for it, a timer per route (each route is a
   * stage) and exchange and route event counters. Call before the context starts.
   */
  public void bindTo(CamelContext camel) throws Exception {
    camel.getRegistry().bind(MicrometerConstants.METRICS_REGISTRY_NAME, MeterRegistry.class, registry);
    camel.getRegistry().bind(AuditObserver.NAME, AuditObserver.class, this);
    MicrometerRoutePolicyFactory routePolicy = new MicrometerRoutePolicyFactory();
    routePolicy.setMeterRegistry(registry);
    camel.addRoutePolicyFactory(routePolicy);
    camel.addRoutePolicyFactory(new StageCosts(registry));
    MicrometerExchangeEventNotifier exchanges = new ExchangeEventMeters();
    exchanges.setMeterRegistry(registry);
    camel.getManagementStrategy().addEventNotifier(exchanges);
    MicrometerRouteEventNotifier routes = new MicrometerRouteEventNotifier();
    routes.setMeterRegistry(registry);
    camel.getManagementStrategy().addEventNotifier(routes);
  }

  /**
   * Gauges on the running hub: depth of the hub's own queues (the broker's plugin adds {@code artemis_message_count} for
   * every queue) and the audit writer's progress.
   */
  private void watch(Supplier<ActiveMQServer> server, Supplier<AuditWriter> writer) {
    queueGauge("wildex.intake.messages", Endpoints.INTAKE_ADDRESS, "submissions waiting for the process stage", server);
    queueGauge("wildex.quarantine.messages", Endpoints.QUARANTINE_ADDRESS, "rejected ciphertext kept in quarantine", server);
    queueGauge("wildex.dlq.messages", Endpoints.DLQ_ADDRESS, "messages in the dead-letter queue (wildex dlq list)", server);
    queueGauge("wildex.audit.backlog.messages", Endpoints.AUDIT_ADDRESS,
        "audit messages waiting on wildex.audit for the audit writer (grows while the audit store is down)", server);
    Gauge.builder("wildex.audit.lag.seconds", () -> auditLagSeconds(server.get()))
        .description("age of the oldest audit message still waiting on wildex.audit (0 when the trail is up to date)")
        .register(registry);
    this.writer = writer; // meters hold their object weakly: keep it here
    FunctionCounter.builder("wildex.audit.appended", writer, w -> w.get() == null ? 0 : w.get().appended())
        .description("audit events appended to the store by this hub's writer since start").register(registry);
    Gauge.builder("wildex.audit.store.up", writer, w -> w.get() != null && w.get().storeReady() ? 1 : 0)
        .strongReference(true)
        .description("1 while the audit store accepts writes, 0 during an outage").register(registry);
  }

  private void queueGauge(String name, String queue, String description, Supplier<ActiveMQServer> server) {
    SimpleString queueName = SimpleString.of(queue);
    Gauge.builder(name, () -> {
          Queue q = locate(server.get(), queueName);
          return q == null ? Double.NaN : q.getMessageCount();
        })
        .description(description)
        .register(registry);
  }

  private static double auditLagSeconds(ActiveMQServer server) {
    Queue q = locate(server, SimpleString.of(Endpoints.AUDIT_ADDRESS));
    if (q == null) {
      return Double.NaN;
    }
    MessageReference first = q.peekFirstMessage();
    if (first == null) {
      return 0;
    }
    long sentAt = first.getMessage().getTimestamp();
    return sentAt <= 0 ? 0 : Math.max(0, (System.currentTimeMillis() - sentAt) / 1000.0);
  }

  private static Queue locate(ActiveMQServer server, SimpleString name) {
    return server == null ? null : server.locateQueue(name);
  }

  /** The route that sends a recall receipt: one per recall carried out. */
  private static final String RECALL_RECEIPT_ROUTE = "wildex.lifecycle.recall-receipt";
  /** The HTTPS door of recalls, whose refusals are not a package's. */
  private static final String RECALL_DOOR_ROUTE = "wildex.lifecycle.recall.http";

  @Override
  public void observed(List<AuditEvent> events) {
    if (!started) {
      return; // nothing runs before start(); a participant's acknowledgement in between would not be counted
    }
    Instant receivedAt = null;
    Timer outcome = null;
    for (AuditEvent e : events) {
      if (RECALL_DOOR_ROUTE.equals(e.routeId())) {
        // a refused recall is no package: counted on its own
        if (e.type() == AuditEventType.REJECTED && e.reason() != null) {
          recalls.computeIfAbsent("refused|" + e.reason(), k -> Counter.builder("wildex.recalls.refused")
                  .description("recall requests refused at the door, by reason code")
                  .tag("reason", e.reason().name())
                  .register(registry))
              .increment();
        }
        continue;
      }
      switch (e.type()) {
        case RECEIVED -> {
          received.increment();
          receivedAt = e.at();
        }
        case ACCEPTED -> {
          accepted.increment();
          outcome = latencyAccepted;
        }
        case REJECTED -> {
          if (e.reason() != null) {
            rejected.get(e.reason()).increment();
          }
          outcome = latencyRejected;
        }
        case ROUTED -> routed.computeIfAbsent(kind(e.recipient()) + '|' + e.level(), k -> Counter.builder("wildex.deliveries.routed")
                .description("deliveries sealed and put on wildex.deliver.<agency>, by recipient kind and sharing level")
                .tag("recipient_kind", kind(e.recipient()))
                .tag("level", e.level() == null ? "NONE" : e.level())
                .register(registry))
            .increment();
        case DELIVERED -> {
          // the rule names what was acknowledged when it was no delivery (a recall notice, a declined release)
          String name = e.rule() == null || WildexHeaders.KIND_RELEASE.equals(e.rule()) ? "wildex.deliveries.acknowledged"
              : WildexHeaders.KIND_RECALL_NOTICE.equals(e.rule()) ? "wildex.recall.notices.acknowledged" : null;
          if (name != null) {
            acknowledged.computeIfAbsent(kind(e.recipient()) + '|' + name, k -> Counter.builder(name)
                    .description(name.equals("wildex.deliveries.acknowledged")
                        ? "deliveries (released ones too) the recipient's consumer acknowledged on the broker, by kind"
                        : "recall notices the recipient's consumer acknowledged on the broker, by recipient kind")
                    .tag("recipient_kind", kind(e.recipient()))
                    .register(registry))
                .increment();
          }
        }
        case RELEASE_REQUESTED -> releases.computeIfAbsent("requested", this::releaseCounter).increment();
        case RELEASED -> releases.computeIfAbsent("approved", this::releaseCounter).increment();
        case RELEASE_DECLINED -> releases.computeIfAbsent("declined", this::releaseCounter).increment();
        case RECALLED -> recalled.computeIfAbsent(e.rule() + '|' + e.reason(), k -> Counter.builder("wildex.recall.deliveries")
                .description("deliveries of recalled packages, by what the recall found (WITHDRAWN, EXPOSED, HANDED_OVER)"
                    + " and the recall's reason code")
                .tag("outcome", String.valueOf(e.rule()))
                .tag("reason", String.valueOf(e.reason()))
                .register(registry))
            .increment();
        case RECEIPT_SENT -> {
          if (RECALL_RECEIPT_ROUTE.equals(e.routeId())) {
            recalls.computeIfAbsent(String.valueOf(e.reason()), k -> Counter.builder("wildex.recalls")
                    .description("recalls carried out (their receipt sent to the originator), by reason code")
                    .tag("reason", k)
                    .register(registry))
                .increment();
          }
        }
        case SUPERSEDED -> updates.increment();
        case DEAD_LETTERED -> deadLettered.increment();
        case REDELIVERED -> redelivered.increment();
        default -> {
          // QUARANTINED, RECEIPT_SENT, ...: counted through their queues and the trail
        }
      }
    }
    if (receivedAt != null && outcome != null) {
      outcome.record(Duration.between(receivedAt, Instant.now()).abs());
    }
  }

  private String kind(String participantId) {
    return participantId == null ? "UNKNOWN" : kindByParticipant.getOrDefault(participantId, "UNKNOWN");
  }

  @Override
  public void close() {
    gc.close();
    // Artemis adds the registry it is given to Micrometer's global registry and never removes it
    Metrics.globalRegistry.remove(registry);
    registry.close();
  }
}
