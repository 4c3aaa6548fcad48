package org.wildex.routes.http;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the hub's HTTPS server listens, which TLS material it uses, how large a request body may be and how long a
 * request may take to arrive.
 *
 * @param host bind host (e.g. {@code 0.0.0.0} or {@code 127.0.0.1})
 * @param port bind port; 0 picks a free port (read it back with {@link HttpsServer#port()})
 * @param keyStoreP12 the hub's PKCS#12 key store ({@code hub.p12})
 * @param trustStoreP12 PKCS#12 trust store holding the CA that issued participant certificates
 * @param password password of both stores
 * @param maxBodyBytes largest accepted request body; larger ones get 413
 * @param requestDeadline how long a request may take to arrive whole, headers and body, however it trickles
 */
public record HttpsSettings(
    String host, int port, Path keyStoreP12, Path trustStoreP12, String password, long maxBodyBytes,
    Duration requestDeadline) {

  /** The {@link #requestDeadline()} of the hub: long enough for the largest body (8 MiB) at about 0.6 Mbit/s. */
  public static final Duration DEFAULT_REQUEST_DEADLINE = Duration.ofSeconds(120);

  /** Settings with the {@link #DEFAULT_REQUEST_DEADLINE}. */
  public HttpsSettings(String host, int port, Path keyStoreP12, Path trustStoreP12, String password, long maxBodyBytes) {
    this(host, port, keyStoreP12, trustStoreP12, password, maxBodyBytes, DEFAULT_REQUEST_DEADLINE);
  }

  public HttpsSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(keyStoreP12, "keyStoreP12");
    Objects.requireNonNull(trustStoreP12, "trustStoreP12");
    Objects.requireNonNull(password, "password");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, was " + port);
    }
    if (maxBodyBytes <= 0) {
      throw new IllegalArgumentException("maxBodyBytes must be positive, was " + maxBodyBytes);
    }
    Objects.requireNonNull(requestDeadline, "requestDeadline");
    if (requestDeadline.toMillis() <= 0) {
      throw new IllegalArgumentException("requestDeadline must be positive, was " + requestDeadline);
    }
  }

  @Override
  public String toString() {
    return "HttpsSettings[host=" + host + ", port=" + port + ", keyStoreP12=" + keyStoreP12
        + ", trustStoreP12=" + trustStoreP12 + ", password=***, maxBodyBytes=" + maxBodyBytes
        + ", requestDeadline=" + requestDeadline + "]";
  }
}
