package org.wildex.routes.audit;

import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the embedded default: an H2 file database (no server, no port). */
class AuditStoreH2Test extends AuditStoreContract {

  @TempDir Path data;

  @Override
  AuditSettings freshStore() {
    return AuditSettings.defaults(data)
        .withUrl("jdbc:h2:file:" + data.resolve("audit-" + UUID.randomUUID()).toAbsolutePath(), "sa", "");
  }
}
