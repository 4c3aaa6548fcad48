package org.wildex.routes;

import java.nio.file.Files;
import org.apache.camel.CamelContext;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.connection.CachingConnectionFactory;
import org.wildex.contracts.directory.Directory;
import org.wildex.crypto.pki.FileKeyHolder;
import org.wildex.crypto.pki.KeyHolder;
import org.wildex.crypto.pki.RetiredCertificates;
import org.wildex.routes.audit.AuditHttpRoute;
import org.wildex.routes.audit.AuditPageRoute;
import org.wildex.routes.audit.AuditSearchRoute;
import org.wildex.routes.audit.AuditStore;
import org.wildex.routes.audit.AuditService;
import org.wildex.routes.broker.BrokerSettings;
import org.wildex.routes.broker.EmbeddedBroker;
import org.wildex.routes.broker.ExternalBroker;
import org.wildex.routes.broker.HubBroker;
import org.wildex.routes.broker.SizedBytesMessages;
import org.wildex.routes.deliver.FanoutRoute;
import org.wildex.routes.errors.ErrorHandling;
import org.wildex.routes.federation.FederationRoutes;
import org.wildex.routes.http.HttpsServer;
import org.wildex.routes.http.HttpsSettings;
import org.wildex.routes.intake.DataDirectory;
import org.wildex.routes.intake.IntakeHttpRoute;
import org.wildex.routes.management.HubHealth;
import org.wildex.routes.management.HubMetrics;
import org.wildex.routes.management.ManagementServer;
import org.wildex.routes.management.ManagementSettings;
import org.wildex.routes.process.ProcessRoutes;
import org.wildex.routes.lifecycle.DeliveryQueues;
import org.wildex.routes.lifecycle.RecallHttpRoute;
import org.wildex.routes.lifecycle.RecallGuard;
import org.wildex.routes.lifecycle.RecallRoutes;
import org.wildex.routes.lifecycle.ReleaseHttpRoutes;
import org.wildex.routes.lifecycle.ReleaseRequests;
import org.wildex.routes.lifecycle.ReleaseRoutes;
import org.wildex.routes.lifecycle.UpdateRoutes;
import org.wildex.routes.lifecycle.Versions;
import org.wildex.routes.lifecycle.Withdrawals;
import org.wildex.routes.lifecycle.Recalls;
import org.wildex.routes.process.ProcessedPackages;
import org.wildex.routes.process.Sharing;
import org.wildex.routes.receipts.ReceiptRoute;

/**
 * The running hub: its broker (embedded, or external when {@link HubSettings#brokerUrl()} is set), HTTPS intake and the
 * Camel routes between them. Start it, use it, close it.
 */
public final class Hub implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Hub.class);

  private final HubSettings settings;
  private final HubBroker broker;
  private final HttpsServer https;
  private final CamelContext camel;
  private final CachingConnectionFactory connections;
  private final AuditService audit;
  private final Sharing sharing;
  private final HubMetrics metrics;
  private final ManagementServer management;

  private Hub(HubSettings settings, HubBroker broker, HttpsServer https, CamelContext camel,
      CachingConnectionFactory connections, AuditService audit, Sharing sharing, HubMetrics metrics,
      ManagementServer management) {
    this.settings = settings;
    this.broker = broker;
    this.https = https;
    this.camel = camel;
    this.connections = connections;
    this.audit = audit;
    this.sharing = sharing;
    this.metrics = metrics;
    this.management = management;
  }

  /** Starts a hub whose management port (metrics, health) listens on a free loopback port. */
  public static Hub start(HubSettings settings) throws Exception {
    return start(settings, ManagementSettings.anyFreePort());
  }

  /**
   * Starts broker, HTTPS, routes and the management port (metrics, health); on any failure stops what it started and
   * rethrows.
   */
  public static Hub start(HubSettings settings, ManagementSettings managementSettings) throws Exception {
    Directory directory = Directory.load(settings.directoryFile());
    Participants participants = Participants.load(directory);
    KeyHolder hubKey =
        FileKeyHolder.fromPkcs12(settings.pki().resolve("hub.p12"), settings.storePassword().toCharArray());
    Sharing sharing = Sharing.load(settings.policyFile(), settings.pseudonymKeyFile());

    AuditService audit = new AuditService(settings.audit(), hubKey);
    audit.store().archiveOnMigrate(
        AuditStore.PolicyText.of(sharing.policy().version(), sharing.policyText(), sharing.policySource()));
    HubMetrics metrics = new HubMetrics(directory.participants());
    // the embedded broker's guard against handing out deliveries of recalled packages (an external broker has none)
    RecallGuard guard = settings.brokerUrl() == null ? new RecallGuard() : null;
    HubBroker broker = settings.brokerUrl() == null
        ? embeddedBroker(settings, directory, participants, audit, metrics, guard)
        : new ExternalBroker(settings.brokerUrl(), settings.pki().resolve("hub.p12"),
            settings.pki().resolve("truststore.p12"), settings.storePassword());
    CamelContext camel = new DefaultCamelContext();
    HttpsServer https = null;
    CachingConnectionFactory connections = null;
    ManagementServer management = null;
    try {
      metrics.bindTo(camel);
      broker.start();
      Files.createDirectories(settings.dataDir());
      audit.start(broker.hubConnections());
      metrics.start(broker::server, audit::writer);
      connections = new CachingConnectionFactory(broker.hubConnections());
      connections.setSessionCacheSize(4 * settings.consumers() + 8);
      JmsComponent jms = new SizedBytesMessages(connections);
      jms.setDestinationResolver(new CachedDestinations());
      camel.addComponent("jms", jms);

      https =
          new HttpsServer(
              new HttpsSettings(
                  settings.host(),
                  settings.httpsPort(),
                  settings.pki().resolve("hub.p12"),
                  settings.pki().resolve("truststore.p12"),
                  settings.storePassword(),
                  settings.maxBodyBytes()));
      https.bindTo(camel);

      camel.addRoutes(new ErrorHandling());
      DataDirectory dataDirectory =
          new DataDirectory(settings.dataDir(), settings.minFreeDiskBytes(), broker::journalFailed);
      camel.addRoutes(new IntakeHttpRoute(participants, dataDirectory));
      java.util.List<KeyHolder> hubKeys = hubKeys(settings, directory, hubKey);
      Recalls recalls = new Recalls(audit.idempotencyDataSource());
      loadRecalled(guard, recalls);
      camel.addRoutes(new RecallHttpRoute(participants, hubKeys, recalls, dataDirectory));
      Withdrawals withdrawals = new Withdrawals(recalls, new DeliveryQueues(connections), guard);
      camel.addRoutes(new RecallRoutes(participants, hubKeys, withdrawals, audit::store));
      ReleaseRequests releaseRequests = new ReleaseRequests(audit.idempotencyDataSource());
      camel.addRoutes(new ReleaseHttpRoutes(participants, hubKeys, recalls, releaseRequests, audit::store, dataDirectory));
      camel.addRoutes(new ReleaseRoutes(participants, hubKeys, releaseRequests, sharing));
      camel.addRoutes(new UpdateRoutes(participants, hubKeys, recalls, new Versions(audit.idempotencyDataSource()),
          withdrawals, audit::store));
      camel.addRoutes(new ProcessRoutes(participants, hubKeys, settings.consumers(), sharing,
          new ProcessedPackages(audit.idempotencyDataSource())));
      camel.addRoutes(new FanoutRoute(participants, hubKey));
      if (!directory.peers().isEmpty()) {
        camel.addRoutes(new FederationRoutes(participants, hubKeys, sharing, withdrawals));
      }
      camel.addRoutes(new ReceiptRoute(participants, hubKey));
      camel.addRoutes(new AuditHttpRoute(participants, audit::store));
      java.util.List<java.security.cert.X509Certificate> signers = hubCertificates(directory, hubKey);
      java.util.List<java.security.cert.X509Certificate> auditCas = auditCas(directory, participants);
      camel.addRoutes(new AuditSearchRoute(participants, audit::store, signers, auditCas));
      camel.addRoutes(new AuditPageRoute(participants, audit::store, signers, auditCas));
      camel.start();
      https.start();
      management = new ManagementServer(https.vertx(), managementSettings, metrics,
          health(broker, audit, hubKey, camel, https));
      management.start();
      Hub hub = new Hub(settings, broker, https, camel, connections, audit, sharing, metrics, management);
      LOG.info("event=HUB_STARTED https={} broker={} management={} participants={} policy={} trustedCas={}", hub.httpsUrl(),
          hub.brokerUrl(), management.url(), directory.participants().size(), sharing.policy().version(),
          participants.cas().size());
      return hub;
    } catch (Exception | Error e) {
      stopQuietly(management, https, camel, audit, connections, broker, metrics, e);
      throw e;
    }
  }

  /**
   * The hub's own broker: embedded, journal under the data directory, with the audit plugin (DELIVERED and other events
   * only the broker sees), the broker's meters, the revocation check and the recall guard. An external broker has the
   * first three on its own node.
   */
  private static EmbeddedBroker embeddedBroker(HubSettings settings, Directory directory, Participants participants,
      AuditService audit, HubMetrics metrics, RecallGuard guard) {
    EmbeddedBroker broker =
        new EmbeddedBroker(
            new BrokerSettings(
                settings.dataDir(),
                settings.host(),
                settings.brokerPort(),
                settings.pki().resolve("hub.p12"),
                settings.pki().resolve("truststore.p12"),
                settings.storePassword(),
                directory));
    broker.withRevocationCheck(participants::isRevoked).withMinDiskFree(settings.minFreeDiskBytes() / 2);
    broker.withPlugin(audit.plugin());
    broker.withPlugin(guard);
    broker.withMetrics(metrics.brokerPlugin());
    audit.plugin().observe(metrics);
    return broker;
  }

  /** Names every package recalled before this start to the embedded broker's guard (none with an external broker). */
  private static void loadRecalled(RecallGuard guard, Recalls recalls) {
    if (guard == null) {
      return;
    }
    try {
      guard.recalled(recalls.recalledPackages());
    } catch (java.sql.SQLException e) {
      // without the list, a delivery of a recalled package that a consumer gives back could reach someone: no start
      LOG.error("event=RECALL_GUARD_NOT_LOADED error={}", e.getClass().getSimpleName());
      throw new IllegalStateException("cannot read which packages were recalled (" + e.getMessage()
          + "); the hub does not start without it", e);
    }
  }

  /**
   * The keys submissions open with: the hub's, then those its renewals retired ({@code pki/hub.retired.key.pem}), so
   * that what was accepted before a renewal, or sealed by an NGO still holding the old certificate, still opens. Delete
   * that file to refuse the old key (after a compromise, say).
   */
  private static java.util.List<KeyHolder> hubKeys(HubSettings settings, Directory directory, KeyHolder hubKey)
      throws java.io.IOException {
    java.util.List<KeyHolder> keys = new java.util.ArrayList<>();
    keys.add(hubKey);
    keys.addAll(RetiredCertificates.retiredKeys(directory.hubCertificate(), settings.pki().resolve("hub.key.pem")));
    LOG.info("event=HUB_KEYS current={} retired={}", hubKey.certificate().getSerialNumber().toString(16), keys.size() - 1);
    return keys;
  }

  /** The hub's certificate, then those retired by key renewals: every certificate the trail's checkpoints carry. */
  private static java.util.List<java.security.cert.X509Certificate> hubCertificates(Directory directory, KeyHolder hubKey)
      throws java.io.IOException {
    java.util.List<java.security.cert.X509Certificate> all = new java.util.ArrayList<>();
    all.add(hubKey.certificate());
    all.addAll(RetiredCertificates.retired(directory.hubCertificate()));
    return all;
  }

  /** The trusted CAs, then those retired by CA rotations: every CA that issued one of the hub's certificates. */
  private static java.util.List<java.security.cert.X509Certificate> auditCas(Directory directory, Participants participants)
      throws java.io.IOException {
    java.util.List<java.security.cert.X509Certificate> all = new java.util.ArrayList<>(participants.cas());
    all.addAll(RetiredCertificates.retired(directory.caCertificate()));
    return all;
  }

  /** What {@code /health/ready} checks: broker, audit database, keys, routes, HTTPS. */
  private static HubHealth health(HubBroker broker, AuditService audit, KeyHolder hubKey, CamelContext camel,
      HttpsServer https) {
    return new HubHealth()
        .check("broker", () -> broker.isStarted() ? HubHealth.Status.ok() : HubHealth.Status.down("broker not active"))
        .check("database", () -> {
          if (audit.writer() == null || !audit.writer().storeReady()) {
            return HubHealth.Status.down("audit store not writable (events wait on wildex.audit)");
          }
          try (java.sql.Connection c = audit.store().dataSource().getConnection()) {
            return c.isValid(2) ? HubHealth.Status.ok() : HubHealth.Status.down("audit store does not answer");
          }
        })
        .check("keys", () -> {
          hubKey.certificate().checkValidity();
          return hubKey.privateKey() != null ? HubHealth.Status.ok() : HubHealth.Status.down("hub key missing");
        })
        .check("routes", () -> {
          boolean started = camel.isStarted() && camel.getRoutes().stream()
              .allMatch(r -> camel.getRouteController().getRouteStatus(r.getRouteId()).isStarted());
          return started ? HubHealth.Status.ok() : HubHealth.Status.down("not every route is started");
        })
        .check("https", () -> {
          https.port();
          return HubHealth.Status.ok();
        });
  }

  public String httpsUrl() {
    return "https://" + settings.host() + ":" + settings.httpsPort();
  }

  public String brokerUrl() {
    return broker.networkUrl();
  }

  /** {@code http://host:port} of the management port: {@code /metrics}, {@code /health/live}, {@code /health/ready}. */
  public String managementUrl() {
    return management.url();
  }

  /** The hub's meters (the registry {@code /metrics} scrapes). */
  public HubMetrics metrics() {
    return metrics;
  }

  public CamelContext camel() {
    return camel;
  }

  /** The sharing policy in force (its {@code version()} is in every delivery manifest). */
  public org.wildex.contracts.policy.Policy policy() {
    return sharing.policy();
  }

  /** The audit trail's store and writer. */
  public AuditService audit() {
    return audit;
  }

  /** The embedded broker, for tests and operator tools in this package (the hub must run on its embedded broker). */
  EmbeddedBroker broker() {
    return (EmbeddedBroker) broker;
  }

  /**
   * Turns new HTTPS requests away with 503 first, then stops the routes (Camel's graceful shutdown lets in-flight HTTP
   * requests and broker transactions finish), then HTTPS, then the audit writer (it drains {@code wildex.audit} and signs a last checkpoint), then the broker.
   */
  @Override
  public void close() throws Exception {
    Exception first = stopQuietly(management, https, camel, audit, connections, broker, metrics, null);
    LOG.info("event=HUB_STOPPED");
    if (first != null) {
      throw first;
    }
  }

  private static Exception stopQuietly(ManagementServer management,
      HttpsServer https, CamelContext camel, AuditService audit, CachingConnectionFactory connections, HubBroker broker,
      HubMetrics metrics, Throwable cause) {
    Exception first = null;
    AutoCloseable[] steps = {
      management == null ? null : management::close,
      https == null ? null : https::drain, camel::stop, https == null ? null : https::close, audit::close, connections == null ? null : connections::destroy,
      broker::stop, metrics::close
    };
    for (AutoCloseable step : steps) {
      if (step == null) {
        continue;
      }
      try {
        step.close();
      } catch (Exception e) {
        if (cause != null) {
          cause.addSuppressed(e);
        } else if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    return first;
  }
}
