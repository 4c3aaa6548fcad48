package org.wildex.routes.management;

/**
 * Where the management port listens: plain HTTP (no TLS, no client certificate) serving {@code /metrics},
 * {@code /health/live} and {@code /health/ready} only. It exposes counts, codes, kinds and queue names, never content,
 * ids of packages or keys, and takes no input; still, keep it on loopback or a private management network (its
 * default is loopback) and let Prometheus reach it there.
 *
 * @param host interface to bind; {@code localhost} by default
 * @param port TCP port; 0 picks a free one (tests; the hub logs and reports the actual port)
 */
public record ManagementSettings(String host, int port) {

  /** The port {@code wildex serve} and {@code wildex demo} use unless told otherwise. */
  public static final int DEFAULT_PORT = 9180;

  /** Loopback, a free port: what a hub started from code gets unless told otherwise. */
  public static ManagementSettings anyFreePort() {
    return new ManagementSettings("localhost", 0);
  }
}
