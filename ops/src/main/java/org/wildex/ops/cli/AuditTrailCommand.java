package org.wildex.ops.cli;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.routes.audit.AuditEntry;
import org.wildex.routes.audit.AuditHttpRoute.TrailAnswer;
import org.wildex.routes.audit.AuditStore;
import org.wildex.routes.audit.TrailTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wildex audit trail <package-id>}: one package's life, as a table or JSON. */
@Command(name = "trail", mixinStandardHelpOptions = true,
    description = "Prints every recorded step of one package (by package id, or tracking id for a submission rejected early).")
public final class AuditTrailCommand implements Callable<Integer> {

  @Mixin AuditStoreOptions store;

  @Parameters(index = "0", paramLabel = "PACKAGE-ID", description = "package id (or tracking id)")
  String id;

  @Option(names = "--json", description = "print JSON (the same shape as GET /api/v1/audit/packages/{id})")
  boolean json;

  @Override
  public Integer call() throws Exception {
    try (AuditStore s = store.open()) {
      List<AuditEntry> entries = s.trail(id);
      if (entries.isEmpty()) {
        System.err.println("wildex: the audit trail holds nothing for " + id);
        return WildexCommand.EXIT_FAILED;
      }
      if (json) {
        System.out.println(new String(PackageCodec.toJson(new TrailAnswer(id, entries.size(), entries)), StandardCharsets.UTF_8));
      } else {
        System.out.print(TrailTable.format(entries));
        System.out.println(entries.size() + " entries for " + id);
      }
      return 0;
    }
  }
}
