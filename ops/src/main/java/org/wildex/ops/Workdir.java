package org.wildex.ops;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import org.wildex.crypto.pki.FileKeyHolder;
import org.wildex.crypto.pki.KeyHolder;
import org.wildex.crypto.pki.Pem;

/**
 * The folder every command works in ({@code --workdir}), laid out as the demo lays it out: {@code pki/},
 * {@code directory.yaml}, {@code packages/}, {@code deliveries/<id>/}, {@code receipts/<id>/}, {@code data/}.
 */
public record Workdir(Path root) {

  public Path pki() {
    return root.resolve("pki");
  }

  public Path directoryFile() {
    return root.resolve("directory.yaml");
  }

  public Path caCertificate() {
    return pki().resolve("ca.crt.pem");
  }

  public Path certificate(String id) {
    return pki().resolve(id + ".crt.pem");
  }

  public Path privateKey(String id) {
    return pki().resolve(id + ".key.pem");
  }

  public Path keyStore(String id) {
    return pki().resolve(id + ".p12");
  }

  public Path trustStore() {
    return pki().resolve("truststore.p12");
  }

  public Path packages() {
    return root.resolve("packages");
  }

  public Path deliveries(String id) {
    return root.resolve("deliveries").resolve(id);
  }

  public Path receipts(String id) {
    return root.resolve("receipts").resolve(id);
  }

  public Path data() {
    return root.resolve("data");
  }

  /** The participant's key and certificate ({@code --as ID}), from its PEM files. */
  public KeyHolder keys(String id) throws IOException {
    Path cert = certificate(id);
    if (!cert.toFile().isFile()) {
      throw new IOException("no certificate for '" + id + "' at " + cert + " (is --workdir right? run `wildex pki demo` first)");
    }
    return FileKeyHolder.fromPem(cert, privateKey(id));
  }

  public X509Certificate ca() throws IOException {
    return Pem.readCertificate(caCertificate());
  }

  public X509Certificate hubCertificate() throws IOException {
    return Pem.readCertificate(certificate("hub"));
  }
}
