package org.wildex.ops.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.wildex.contracts.pkg.PackageCodec;
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

  @Option(names = "--hub-cert", description = "the hub's certificate(s), PEM (default: WORKDIR/pki/hub.crt.pem and"
      + " pki/hub.retired.crt.pem)")
  Path hubCert;

  @Option(names = "--ca", description = "the CA certificate(s), PEM (default: WORKDIR/pki/ca.crt.pem and pki/ca.retired.crt.pem)")
  Path ca;

  @Option(names = "--json", description = "print the result as JSON: {id, out, entries, proofs, uncovered}")
  boolean json;

  /** The {@code --json} answer. */
  public record Answer(String id, String out, int entries, int proofs, java.util.List<Long> uncovered) {}

  @Override
  public Integer call() throws Exception {
    try (AuditStore s = store.open()) {
      EvidenceBundle.Export export =
          EvidenceBundle.export(s, id, store.hubCertificates(hubCert), store.cas(ca), out);
      if (json) {
        System.out.println(new String(PackageCodec.toJson(new Answer(id, out.toString(), export.entries(), export.proofs(),
            export.uncovered())), StandardCharsets.UTF_8));
        return WildexCommand.EXIT_OK;
      }
      System.out.println("wrote " + out + ": " + export.entries() + " entries, " + export.proofs() + " chain proof(s)");
      if (!export.uncovered().isEmpty()) {
        System.out.println("note: entries " + export.uncovered() + " are not yet under a signed checkpoint (the hub signs"
            + " one every N entries or T seconds, and when it stops); export again to cover them");
      }
      return 0;
    }
  }
}
