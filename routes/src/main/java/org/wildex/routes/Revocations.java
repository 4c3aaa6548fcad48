package org.wildex.routes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wildex.contracts.ReasonCode;
import org.wildex.crypto.pki.RevocationList;

/**
 * Is a certificate revoked? Reads the CA's CRL ({@code pki/ca.crl.pem}) and re-reads it whenever the file changes, so
 * a participant revoked while the hub runs is refused on its next connection or submission. No file: nothing is
 * revoked. A file that cannot be verified: every certificate counts as revoked (fail closed) until it is fixed.
 */
public final class Revocations implements Predicate<X509Certificate> {

  private static final Logger LOG = LoggerFactory.getLogger(Revocations.class);

  private final Path file;
  private final List<X509Certificate> cas;
  private volatile Loaded loaded = new Loaded(null, null, false);

  private record Loaded(FileTime modified, RevocationList list, boolean broken) {}

  public Revocations(Path file, X509Certificate ca) {
    this(file, List.of(ca));
  }

  /** With several trusted CAs (during a CA rotation) the file holds a CRL per CA, each checked against its issuer. */
  public Revocations(Path file, List<X509Certificate> cas) {
    this.file = file;
    this.cas = List.copyOf(cas);
  }

  /** True when the certificate is on the current CRL (or the CRL is unreadable). */
  @Override
  public boolean test(X509Certificate cert) {
    Loaded current = current();
    return current.broken() || (current.list() != null && current.list().isRevoked(cert));
  }

  private Loaded current() {
    FileTime modified;
    try {
      modified = Files.exists(file) ? Files.getLastModifiedTime(file) : null;
    } catch (IOException e) {
      return remember(new Loaded(null, null, true), "cannot stat the CRL " + file, e);
    }
    Loaded current = loaded;
    if (Objects.equals(modified, current.modified())) {
      return current;
    }
    synchronized (this) {
      if (modified == null) {
        loaded = new Loaded(null, null, false);
        return loaded;
      }
      try {
        RevocationList list = RevocationList.load(file, cas);
        loaded = new Loaded(modified, list, false);
        LOG.info("event=CRL_LOADED file={} revoked={}", file, list.size());
        return loaded;
      } catch (IOException e) {
        return remember(new Loaded(modified, null, true), "CRL " + file + " cannot be verified; refusing every certificate", e);
      }
    }
  }

  private Loaded remember(Loaded broken, String message, Exception e) {
    LOG.error("event=CRL_UNUSABLE reason={} {}", ReasonCode.CERT_REVOKED, message + ": " + e.getMessage());
    loaded = broken;
    return broken;
  }
}
