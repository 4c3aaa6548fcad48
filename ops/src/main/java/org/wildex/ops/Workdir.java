package org.wildex.ops;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.wildex.crypto.pki.FileKeyHolder;
import org.wildex.crypto.pki.KeyHolder;
import org.wildex.crypto.pki.Pem;
import org.wildex.crypto.pki.RetiredCertificates;

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

  /**
   * The participant's key, then the keys its renewals retired ({@code pki/ID.retired.key.pem}): messages sealed to it
   * before a renewal open with these.
   */
  public List<KeyHolder> keyHistory(String id) throws IOException {
    keys(id);
    return RetiredCertificates.keyHistory(certificate(id), privateKey(id));
  }

  /** The issuing CA: the first certificate of {@code pki/ca.crt.pem}. */
  public X509Certificate ca() throws IOException {
    return Pem.readCertificate(caCertificate());
  }

  /**
   * Every CA to trust: {@code pki/ca.crt.pem} holds one, or two while a CA rotation is in progress (the new CA first, then
   * the outgoing one).
   */
  public List<X509Certificate> cas() throws IOException {
    List<X509Certificate> cas = Pem.readCertificates(caCertificate());
    if (cas.isEmpty()) {
      throw new IOException("no CA certificate in " + caCertificate() + " (is --workdir right? run `wildex pki demo` first)");
    }
    return cas;
  }

  public X509Certificate hubCertificate() throws IOException {
    return Pem.readCertificate(certificate("hub"));
  }

  /** The hub's certificate, then those retired by renewals of its key: what the hub's older signatures verify with. */
  public List<X509Certificate> hubCertificates() throws IOException {
    return RetiredCertificates.withRetired(certificate("hub"));
  }

  /** A participant's certificate, then its retired ones (what its older signatures verify with). */
  public List<X509Certificate> certificates(String id) throws IOException {
    return RetiredCertificates.withRetired(certificate(id));
  }

  /**
   * The trusted CAs, then those retired by CA rotations: every CA that issued a certificate whose older signatures still
   * count (the hub's checkpoints, deliveries and receipts signed before a rotation).
   */
  public List<X509Certificate> allCas() throws IOException {
    return RetiredCertificates.withRetired(caCertificate());
  }
}
