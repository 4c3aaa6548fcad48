package org.wildex.routes;

import io.netty.handler.ssl.OpenSsl;
import java.util.List;

/**
 * The TLS the hub speaks on HTTPS and on the broker acceptor: TLS 1.3 and 1.2 only, forward-secret AEAD suites only
 * (no RSA key exchange, no CBC, no SHA-1 MACs).
 */
public final class TlsPolicy {

  public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  public static final List<String> CIPHER_SUITES =
      List.of(
          "TLS_AES_256_GCM_SHA384",
          "TLS_AES_128_GCM_SHA256",
          "TLS_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  /**
   * Whether TLS runs on BoringSSL (netty-tcnative, its native library loaded) rather than the JDK's provider, for both
   * HTTPS and the broker: same protocols, suites, certificates and client authentication, but AES-GCM at native speed.
   * In the hub, JDK 17's GCM ran its Java GHASH for TLS records: a third of the broker threads' CPU
   * (ops/bench/README.md). Where the library does not load, the JDK's provider is used.
   */
  public static boolean openSsl() {
    return OpenSsl.isAvailable();
  }

  /** What {@link #openSsl()} says, for the logs: the native library's name ("BoringSSL"), or "JDK". */
  public static String provider() {
    return openSsl() ? OpenSsl.versionString() : "JDK";
  }

  private TlsPolicy() {}
}
