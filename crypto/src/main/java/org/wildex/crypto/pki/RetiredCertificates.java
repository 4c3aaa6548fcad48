package org.wildex.crypto.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Certificates taken out of use but kept to verify what they signed before: {@code NAME.retired.crt.pem} next to
 * {@code NAME.crt.pem} (the hub's earlier certificates sign older audit checkpoints, receipts and deliveries; a
 * retired CA issued them). Nothing is trusted for new work because it is listed here. A participant's earlier keys are
 * kept the same way ({@code NAME.retired.key.pem}), so messages sealed to them before a renewal still open.
 */
public final class RetiredCertificates {

  private RetiredCertificates() {}

  /** {@code pki/hub.crt.pem} → {@code pki/hub.retired.crt.pem}. */
  public static Path fileFor(Path current) {
    String name = current.getFileName().toString();
    String base = name.endsWith(".crt.pem") ? name.substring(0, name.length() - ".crt.pem".length())
        : name.replaceFirst("\\.pem$", "");
    return current.resolveSibling(base + ".retired.crt.pem");
  }

  /** Every certificate in {@code current} (in file order), then the retired ones, if any. */
  public static List<X509Certificate> withRetired(Path current) throws IOException {
    List<X509Certificate> all = new ArrayList<>(Pem.readCertificates(current));
    if (all.isEmpty()) {
      throw new IOException("no PEM certificate in " + current);
    }
    all.addAll(retired(current));
    return all;
  }

  /** The retired certificates of {@code current}; empty when there are none. */
  public static List<X509Certificate> retired(Path current) throws IOException {
    Path file = fileFor(current);
    return Files.isRegularFile(file) ? Pem.readCertificates(file) : List.of();
  }

  /** Adds certificates to the retired file (newest first), unless already there. */
  public static void retire(Path current, List<X509Certificate> certs) throws IOException {
    List<X509Certificate> all = new ArrayList<>();
    for (X509Certificate c : certs) {
      if (!all.contains(c)) {
        all.add(c);
      }
    }
    for (X509Certificate c : retired(current)) {
      if (!all.contains(c)) {
        all.add(c);
      }
    }
    Pem.writeCertificates(fileFor(current), all);
  }

  /** {@code pki/eia.key.pem} → {@code pki/eia.retired.key.pem}. */
  public static Path keyFileFor(Path currentKey) {
    String name = currentKey.getFileName().toString();
    String base = name.endsWith(".key.pem") ? name.substring(0, name.length() - ".key.pem".length())
        : name.replaceFirst("\\.pem$", "");
    return currentKey.resolveSibling(base + ".retired.key.pem");
  }

  /** Adds a key to the retired keys (newest first, owner-only file). */
  public static void retireKey(Path currentKey, java.security.PrivateKey key) throws IOException {
    Path file = keyFileFor(currentKey);
    List<java.security.PrivateKey> all = new ArrayList<>();
    all.add(key);
    if (Files.isRegularFile(file)) {
      all.addAll(Pem.readPrivateKeys(file));
    }
    Pem.writePrivateKeys(file, all);
  }

  /**
   * The current key and certificate, then every retired key paired with the retired certificate it belongs to: what
   * opens messages sealed to this participant before its renewals.
   */
  public static List<KeyHolder> keyHistory(Path currentCert, Path currentKey) throws IOException {
    List<KeyHolder> keys = new ArrayList<>();
    keys.add(FileKeyHolder.fromPem(currentCert, currentKey));
    keys.addAll(retiredKeys(currentCert, currentKey));
    return keys;
  }

  /** Every retired key ({@code ID.retired.key.pem}, newest first) with the retired certificate it belongs to. */
  public static List<KeyHolder> retiredKeys(Path currentCert, Path currentKey) throws IOException {
    List<KeyHolder> keys = new ArrayList<>();
    Path file = keyFileFor(currentKey);
    if (!Files.isRegularFile(file)) {
      return keys;
    }
    List<X509Certificate> certs = retired(currentCert);
    for (java.security.PrivateKey key : Pem.readPrivateKeys(file)) {
      for (X509Certificate cert : certs) {
        try {
          keys.add(FileKeyHolder.of(cert, key));
          break;
        } catch (IOException notThisOne) {
          // the key belongs to another retired certificate
        }
      }
    }
    return keys;
  }
}
