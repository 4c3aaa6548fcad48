package org.wildex.routes.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.WildexException;

/** The store contract on the embedded default: an H2 file database (no server, no port). */
class AuditStoreH2Test extends AuditStoreContract {

  @TempDir Path data;

  @Override
  AuditSettings freshStore() {
    return AuditSettings.defaults(data)
        .withUrl("jdbc:h2:file:" + data.resolve("audit-" + UUID.randomUUID()).toAbsolutePath(), "sa", "");
  }

  @Test
  void migratingWithoutMigrationsFailsInsteadOfLeavingAStoreWithoutTables() {
    try (AuditStore empty = AuditStore.open(freshStore(), 2, "audit-test-empty")) {
      assertThatThrownBy(() -> empty.migrate("classpath:db/no-such-migrations"))
          .isInstanceOf(FlywayException.class)
          .hasMessageContaining("db/no-such-migrations");
    }
  }

  @Test
  void migratingFromAnEmptyLocationFailsWithAReasonCode() throws Exception {
    Path none = Files.createDirectories(data.resolve("empty-migrations"));
    try (AuditStore empty = AuditStore.open(freshStore(), 2, "audit-test-empty")) {
      assertThatThrownBy(() -> empty.migrate("filesystem:" + none))
          .isInstanceOfSatisfying(WildexException.class, e -> assertThat(e.reason()).isEqualTo(ReasonCode.INTERNAL_ERROR))
          .hasMessageContaining("no audit store migrations found");
    }
  }
}
