package org.wildex.ops.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.wildex.crypto.pki.Pem;
import org.wildex.ops.Workdir;
import org.wildex.routes.audit.AuditSettings;
import org.wildex.routes.audit.AuditStore;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where {@code wildex audit} finds the store: the same {@code --workdir}, {@code --data-dir} and {@code --db-url} as serve. */
public final class AuditStoreOptions {

  @Mixin WorkdirOptions options;

  @Option(names = "--data-dir", description = "the hub's data folder, for the embedded H2 store (default: WORKDIR/data)")
  Path dataDir;

  @Option(names = "--db-url", description = "JDBC URL of the audit store, e.g. jdbc:postgresql://db:5432/wildex"
      + " (default: the hub's H2 file under DATA-DIR/audit); user and password from WILDEX_DB_USER / WILDEX_DB_PASSWORD")
  String dbUrl;

  Workdir workdir() {
    return options.workdir();
  }

  /** Opens the store for reading; refuses to create an empty H2 database where none is. */
  AuditStore open() throws IOException {
    Path data = dataDir != null ? dataDir : workdir().data();
    AuditSettings settings = AuditSettings.defaults(data);
    if (dbUrl != null) {
      settings = settings.withUrl(dbUrl, System.getenv("WILDEX_DB_USER"), System.getenv("WILDEX_DB_PASSWORD"));
    } else {
      Path file = data.resolve("audit").resolve("wildex-audit.mv.db");
      if (!Files.isRegularFile(file)) {
        throw new IOException("no audit store at " + file + " (has `wildex serve` or `wildex demo` run with this --workdir"
            + " / --data-dir? for PostgreSQL give --db-url)");
      }
      settings = settings.withUrl(settings.jdbcUrl() + ";IFEXISTS=TRUE", settings.user(), settings.password());
    }
    AuditStore store = AuditStore.open(settings, 2, "wildex-audit-cli");
    try {
      // a store last written by an older hub gets the newer (additive) columns; nothing to do when it is current
      store.migrate();
    } catch (RuntimeException e) {
      // a read-only database user cannot migrate: read what is there
    }
    return store;
  }

  /**
   * The hub's certificates: every one in {@code given} (a PEM file, possibly several), else the workdir's
   * {@code pki/hub.crt.pem} and the ones its key renewals retired ({@code pki/hub.retired.crt.pem}).
   */
  List<X509Certificate> hubCertificates(Path given) throws IOException {
    return given != null ? certificates(given) : workdir().hubCertificates();
  }

  /** The CAs: every one in {@code given}, else {@code pki/ca.crt.pem} and the retired ones ({@code pki/ca.retired.crt.pem}). */
  List<X509Certificate> cas(Path given) throws IOException {
    return given != null ? certificates(given) : workdir().allCas();
  }

  static List<X509Certificate> certificates(Path file) throws IOException {
    List<X509Certificate> certs = Pem.readCertificates(file);
    if (certs.isEmpty()) {
      throw new IOException("no PEM certificate in " + file);
    }
    return certs;
  }
}
