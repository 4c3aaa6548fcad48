package org.wildex.ops.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.wildex.routes.audit.AuditStore;
import org.wildex.routes.audit.AuditVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code wildex audit verify}: recomputes the whole chain and checks every signed checkpoint. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {
      "Recomputes every entry's hash from its stored fields, the chain between them, and checks every checkpoint's",
      "hub signature against the chain. Names the first broken sequence number; exit 1 if there is one."
    })
public final class AuditVerifyCommand implements Callable<Integer> {

  @Mixin AuditStoreOptions store;

  @Option(names = "--hub-cert", description = "the hub's certificate (default: WORKDIR/pki/hub.crt.pem)")
  Path hubCert;

  @Option(names = "--ca", description = "the CA certificate (default: WORKDIR/pki/ca.crt.pem)")
  Path ca;

  @Override
  public Integer call() throws Exception {
    try (AuditStore s = store.open()) {
      AuditVerifier.Result r = AuditVerifier.verify(s, store.certificate(hubCert, "hub"), store.ca(ca));
      if (r.ok()) {
        System.out.println("audit trail OK: " + r.entries() + " entries, " + r.checkpoints() + " signed checkpoint(s) verified"
            + (r.uncovered() > 0 ? "; the last " + r.uncovered() + " entries await the next checkpoint" : ""));
        return 0;
      }
      System.out.println("audit trail BROKEN at seq " + r.firstBrokenSeq() + ": " + r.problem());
      System.out.println("(" + r.entries() + " entries before it verified, " + r.checkpoints() + " checkpoint(s))");
      return WildexCommand.EXIT_FAILED;
    }
  }
}
