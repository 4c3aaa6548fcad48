package org.wildex.routes;

import java.nio.file.Path;
import org.wildex.routes.audit.AuditSettings;

/**
 * Everything a hub needs to start.
 *
 * @param workdir folder laid out as the demo lays it out: {@code directory.yaml} and {@code pki/} (hub.p12, truststore.p12)
 * @param dataDir where the broker journal lives
 * @param host interface to bind HTTPS and the broker acceptor to
 * @param httpsPort HTTPS intake port
 * @param brokerPort broker acceptor port (AMQP 1.0, Core and STOMP on one port, TLS)
 * @param storePassword password of the hub's PKCS#12 key store and of the trust store
 * @param consumers concurrent consumers of the intake address
 * @param maxBodyBytes largest submission accepted; beyond it the answer is 413
 * @param audit the audit store (embedded H2 under {@code dataDir/audit} by default, or PostgreSQL) and its writer
 * @param minFreeDiskBytes intake answers 503 while {@code dataDir} has less free space than this (or is read-only); the
 *     broker blocks its producers at half of it
 * @param brokerUrl an external Artemis (e.g. a live/backup pair run by {@code wildex broker}) instead of the embedded
 *     broker, as an Artemis URL without TLS parameters (the hub connects with its own certificate); null for the embedded
 *     broker, which is the default. Hub nodes that share a broker must share the audit store too ({@code audit}).
 */
public record HubSettings(
    Path workdir,
    Path dataDir,
    String host,
    int httpsPort,
    int brokerPort,
    String storePassword,
    int consumers,
    int maxBodyBytes,
    AuditSettings audit,
    long minFreeDiskBytes,
    String brokerUrl) {

  public static final int DEFAULT_HTTPS_PORT = 8443;
  public static final int DEFAULT_BROKER_PORT = 61616;
  public static final int DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;
  public static final long DEFAULT_MIN_FREE_DISK_BYTES = 64L * 1024 * 1024;

  /** The settings with the default audit store under {@code dataDir}. */
  public HubSettings(
      Path workdir, Path dataDir, String host, int httpsPort, int brokerPort, String storePassword, int consumers, int maxBodyBytes) {
    this(workdir, dataDir, host, httpsPort, brokerPort, storePassword, consumers, maxBodyBytes, AuditSettings.defaults(dataDir),
        DEFAULT_MIN_FREE_DISK_BYTES, null);
  }

  /** Defaults for a workdir: data under {@code workdir/data}, localhost, ports 8443 and 61616. */
  public static HubSettings defaults(Path workdir) {
    return new HubSettings(
        workdir, workdir.resolve("data"), "localhost", DEFAULT_HTTPS_PORT, DEFAULT_BROKER_PORT, "changeit", 4, DEFAULT_MAX_BODY_BYTES);
  }

  public HubSettings withPorts(int https, int broker) {
    return new HubSettings(workdir, dataDir, host, https, broker, storePassword, consumers, maxBodyBytes, audit, minFreeDiskBytes, brokerUrl);
  }

  public HubSettings withAudit(AuditSettings audit) {
    return new HubSettings(workdir, dataDir, host, httpsPort, brokerPort, storePassword, consumers, maxBodyBytes, audit, minFreeDiskBytes, brokerUrl);
  }

  public HubSettings withMinFreeDisk(long bytes) {
    return new HubSettings(workdir, dataDir, host, httpsPort, brokerPort, storePassword, consumers, maxBodyBytes, audit, bytes, brokerUrl);
  }

  /** The hub on an external broker (see {@link #brokerUrl()}); null for the embedded one. */
  public HubSettings withBrokerUrl(String url) {
    return new HubSettings(workdir, dataDir, host, httpsPort, brokerPort, storePassword, consumers, maxBodyBytes, audit, minFreeDiskBytes, url);
  }

  public Path directoryFile() {
    return workdir.resolve("directory.yaml");
  }

  public Path pki() {
    return workdir.resolve("pki");
  }

  /** The sharing policy: {@code workdir/policy.yaml} (the built-in default when absent). */
  public Path policyFile() {
    return workdir.resolve("policy.yaml");
  }

  /** The hub's pseudonym secret, {@code pki/pseudonym.key}, unless {@code WILDEX_PSEUDONYM_SECRET} is set. */
  public Path pseudonymKeyFile() {
    return pki().resolve("pseudonym.key");
  }
}
