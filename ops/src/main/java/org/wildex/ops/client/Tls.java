package org.wildex.ops.client;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.wildex.crypto.pki.KeyHolder;

/** TLS client contexts for talking to the hub: this participant's certificate, and only the directory's CA trusted. */
public final class Tls {

  private Tls() {}

  public static SSLContext clientContext(KeyHolder keys, X509Certificate ca) throws GeneralSecurityException {
    try {
      char[] none = new char[0];
      KeyStore keyStore = KeyStore.getInstance("PKCS12");
      keyStore.load(null, null);
      keyStore.setKeyEntry("client", keys.privateKey(), none, new Certificate[] {keys.certificate(), ca});
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keyStore, none);

      KeyStore trustStore = KeyStore.getInstance("PKCS12");
      trustStore.load(null, null);
      trustStore.setCertificateEntry("ca", ca);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trustStore);

      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return context;
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException("cannot build TLS context", e);
    }
  }
}
