package org.wildex.ops.cli;

import java.nio.charset.StandardCharsets;
import org.wildex.contracts.pkg.PackageCodec;
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

  @Option(names = "--hub-cert", description = "the hub's certificate(s), PEM (default: WORKDIR/pki/hub.crt.pem and the"
      + " certificates its key renewals retired, pki/hub.retired.crt.pem)")
  Path hubCert;

  @Option(names = "--ca", description = "the CA certificate(s), PEM (default: WORKDIR/pki/ca.crt.pem and the CAs rotations"
      + " retired, pki/ca.retired.crt.pem)")
  Path ca;

  @Option(names = "--json", description = "print the result as JSON: {ok, entries, checkpoints, firstBrokenSeq, problem, uncovered}")
  boolean json;

  /** The {@code --json} answer. */
  public record Answer(boolean ok, long entries, int checkpoints, Long firstBrokenSeq, String problem, long uncovered) {}

  @Override
  public Integer call() throws Exception {
    try (AuditStore s = store.open()) {
      AuditVerifier.Result r = AuditVerifier.verify(s, store.hubCertificates(hubCert), store.cas(ca));
      if (json) {
        System.out.println(new String(PackageCodec.toJson(
            new Answer(r.ok(), r.entries(), r.checkpoints(), r.firstBrokenSeq(), r.problem(), r.uncovered())),
            StandardCharsets.UTF_8));
        return r.ok() ? 0 : WildexCommand.EXIT_FAILED;
      }
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
