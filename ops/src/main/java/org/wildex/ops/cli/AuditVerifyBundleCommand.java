package org.wildex.ops.cli;

import java.nio.charset.StandardCharsets;
import org.wildex.contracts.pkg.PackageCodec;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.wildex.routes.audit.EvidenceBundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wildex audit verify-bundle bundle.zip}: checks an evidence bundle offline. */
@Command(name = "verify-bundle", mixinStandardHelpOptions = true,
    description = {
      "Checks an evidence bundle with nothing but the bundle: each entry's hash, the chain up to each signed",
      "checkpoint, the hub's signature on it, and that the CA issued the hub certificate. Exit 0 only if all hold."
    })
public final class AuditVerifyBundleCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "BUNDLE", description = "the zip written by `wildex audit export`")
  Path bundle;

  @Option(names = "--ca", description = "your own copy of the CA certificate(s), PEM, to pin instead of trusting the bundle's")
  Path ca;

  @Option(names = "--json", description = "print the result as JSON: {ok, id, entries, checkpoints, problems, hubSubject, caSha256, caPinned}")
  boolean json;

  /** The {@code --json} answer. */
  public record Answer(boolean ok, String id, int entries, int checkpoints, java.util.List<String> problems, String hubSubject,
      String caSha256, boolean caPinned) {}

  @Override
  public Integer call() throws Exception {
    EvidenceBundle.Verification v = EvidenceBundle.verify(bundle, ca == null ? null : AuditStoreOptions.certificates(ca));
    if (json) {
      System.out.println(new String(PackageCodec.toJson(new Answer(v.ok(), v.id(), v.entries(), v.checkpoints(), v.problems(),
          v.hubSubject(), v.caSha256(), ca != null)), StandardCharsets.UTF_8));
      return v.ok() ? 0 : WildexCommand.EXIT_FAILED;
    }
    System.out.println("bundle:      " + bundle + " (package " + v.id() + ")");
    System.out.println("hub:         " + v.hubSubject());
    System.out.println("CA SHA-256:  " + v.caSha256() + (ca == null ? " (compare with your copy, or pass --ca)" : " (pinned)"));
    System.out.println("entries:     " + v.entries() + ", proven by " + v.checkpoints() + " signed checkpoint(s)");
    if (v.ok()) {
      System.out.println("VERIFIED");
      return 0;
    }
    v.problems().forEach(p -> System.out.println("PROBLEM: " + p));
    System.out.println("NOT VERIFIED");
    return WildexCommand.EXIT_FAILED;
  }
}
