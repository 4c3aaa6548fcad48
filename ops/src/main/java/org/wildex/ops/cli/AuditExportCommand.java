package org.wildex.ops.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.wildex.routes.audit.AuditStore;
import org.wildex.routes.audit.EvidenceBundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wildex audit export <package-id> --out bundle.zip}: a self-contained evidence bundle. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {
      "Writes one package's evidence bundle: its entries, chain proofs to the nearest signed checkpoint, the",
      "checkpoints, the hub certificate and the CA. `wildex audit verify-bundle` checks it with nothing else."
    })
public final class AuditExportCommand implements Callable<Integer> {

  @Mixin AuditStoreOptions store;

  @Parameters(index = "0", paramLabel = "PACKAGE-ID", description = "package id (or tracking id)")
  String id;

  @Option(names = "--out", required = true, description = "the zip file to write")
  Path out;

  @Option(names = "--hub-cert", description = "the hub's certificate (default: WORKDIR/pki/hub.crt.pem)")
  Path hubCert;

  @Option(names = "--ca", description = "the CA certificate (default: WORKDIR/pki/ca.crt.pem)")
  Path ca;

  @Override
  public Integer call() throws Exception {
    try (AuditStore s = store.open()) {
      EvidenceBundle.Export export =
          EvidenceBundle.export(s, id, store.certificate(hubCert, "hub"), store.ca(ca), out);
      System.out.println("wrote " + out + ": " + export.entries() + " entries, " + export.proofs() + " chain proof(s)");
      if (!export.uncovered().isEmpty()) {
        System.out.println("note: entries " + export.uncovered() + " are not yet under a signed checkpoint (the hub signs"
            + " one every N entries or T seconds, and when it stops); export again to cover them");
      }
      return 0;
    }
  }
}
