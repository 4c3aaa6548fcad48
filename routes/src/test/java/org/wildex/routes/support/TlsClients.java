package org.wildex.routes.support;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** SSL contexts for test clients built from the demo PKI's PKCS#12 files. */
public final class TlsClients {
  private TlsClients() {}

  /** Presents the certificate in {@code keyStoreP12} (null: no client certificate) and trusts {@code trustStoreP12}. */
  public static SSLContext context(Path keyStoreP12, Path trustStoreP12, String password) throws Exception {
    KeyManagerFactory kmf = null;
    if (keyStoreP12 != null) {
      kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(load(keyStoreP12, password), password.toCharArray());
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(load(trustStoreP12, password));
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return ctx;
  }

  private static KeyStore load(Path p12, String password) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(p12)) {
      ks.load(in, password.toCharArray());
    }
    return ks;
  }
}
