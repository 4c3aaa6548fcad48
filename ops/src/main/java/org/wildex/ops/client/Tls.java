package org.wildex.ops.client;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.wildex.crypto.pki.KeyHolder;

/** TLS client contexts for talking to the hub: this participant's certificate, and only the directory's CA trusted. */
public final class Tls {

  private Tls() {}

  public static SSLContext clientContext(KeyHolder keys, X509Certificate ca) throws GeneralSecurityException {
    return clientContext(keys, List.of(ca));
  }

  /** As {@link #clientContext(KeyHolder, X509Certificate)}, trusting each of {@code cas} (two during a CA rotation). */
  public static SSLContext clientContext(KeyHolder keys, List<X509Certificate> cas) throws GeneralSecurityException {
    try {
      char[] none = new char[0];
      KeyStore keyStore = KeyStore.getInstance("PKCS12");
      keyStore.load(null, null);
      keyStore.setKeyEntry("client", keys.privateKey(), none, new Certificate[] {keys.certificate()});
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keyStore, none);

      KeyStore trustStore = KeyStore.getInstance("PKCS12");
      trustStore.load(null, null);
      for (int i = 0; i < cas.size(); i++) {
        trustStore.setCertificateEntry("ca-" + i, cas.get(i));
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trustStore);

      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return context;
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException("cannot build TLS context", e);
    }
  }

  /**
   * Opens a PKCS#12 file with the password before anything connects with it, so a wrong password is reported as one
   * (and not as a connection the broker client gave up on).
   */
  public static void checkStore(java.nio.file.Path p12, String password) throws java.io.IOException {
    try (java.io.InputStream in = java.nio.file.Files.newInputStream(p12)) {
      KeyStore.getInstance("PKCS12").load(in, password.toCharArray());
    } catch (java.nio.file.NoSuchFileException e) {
      throw new java.io.IOException("no key store at " + p12 + " (is --workdir right? run `wildex pki demo` first)", e);
    } catch (java.io.IOException e) {
      throw new java.io.IOException("cannot open " + p12 + ": " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new java.io.IOException("cannot read " + p12 + " as PKCS#12: " + e.getMessage(), e);
    }
  }
}
