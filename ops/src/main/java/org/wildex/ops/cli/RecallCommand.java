package org.wildex.ops.cli;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.wildex.contracts.lifecycle.RecallReason;
import org.wildex.contracts.lifecycle.RecallRequest;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.crypto.cms.Cms;
import org.wildex.ops.Workdir;
import org.wildex.ops.client.IntakeClient;
import org.wildex.ops.client.Tls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wildex recall}: the originator withdraws one of its packages. */
@Command(name = "recall", mixinStandardHelpOptions = true,
    description = {
      "Recalls a package the --as NGO submitted: a recall request sealed like a package (signed with the NGO's key,",
      "encrypted to the hub), posted to /api/v1/packages/ID/recall. The hub removes every delivery still waiting in an",
      "agency's queue, sends a signed recall notice to each agency that had already taken its delivery, and a recall",
      "receipt to the NGO's receipts address saying which (`wildex fetch --as NGO`).",
      "Prints PACKAGE-ID <tab> QUEUED <tab> recall id, or PACKAGE-ID <tab> REJECTED <tab> reason code <tab> detail."
    })
public final class RecallCommand implements Callable<Integer> {

  @Mixin WorkdirOptions options;

  @Option(names = "--as", required = true, description = "NGO id that submitted the package (from WORKDIR/pki)")
  String as;

  @Option(names = "--reason", required = true,
      description = "SOURCE_AT_RISK, INACCURATE, LEGAL or OTHER (OTHER needs --text)")
  RecallReason reason;

  @Option(names = "--text", description = "a short explanation for the agencies (at most 500 characters); never audited")
  String text;

  @Option(names = "--url", defaultValue = "https://localhost:8443", description = "hub HTTPS URL (default: ${DEFAULT-VALUE})")
  String url;

  @Option(names = "--json", description = "one JSON object: {packageId, status, recallId, reason, detail, fix}")
  boolean json;

  @Parameters(paramLabel = "PACKAGE-ID", description = "the package id (the `id` of the package you sealed)")
  UUID packageId;

  /** The {@code --json} line. */
  public record Line(String packageId, String status, String recallId, String reason, String detail, String fix) {}

  @Override
  public Integer call() throws Exception {
    Workdir workdir = options.workdir();
    RecallRequest request = new RecallRequest(packageId, reason, text, Instant.now()).checked();
    byte[] sealed = Cms.seal(PackageCodec.toJson(request), workdir.keys(as), workdir.hubCertificate());
    IntakeClient client = new IntakeClient(url, Tls.clientContext(workdir.keys(as), workdir.cas()));
    IntakeClient.Answer answer = client.recall(packageId, sealed);
    String fix = answer.accepted() ? null : ErrorHint.forReason(answer.reason());
    if (json) {
      Line line = new Line(packageId.toString(), answer.accepted() ? "QUEUED" : "REJECTED", answer.trackingId(),
          answer.reason(), answer.description(), fix);
      System.out.println(new String(PackageCodec.toJson(line), StandardCharsets.UTF_8));
    } else if (answer.accepted()) {
      System.out.println(packageId + "\tQUEUED\t" + answer.trackingId());
    } else {
      System.out.println(packageId + "\tREJECTED\t" + answer.reason() + "\t" + answer.description());
      if (fix != null) {
        System.err.println("wildex: " + packageId + ": " + answer.reason() + ": " + fix);
      }
    }
    return answer.accepted() ? WildexCommand.EXIT_OK : WildexCommand.EXIT_REJECTED;
  }
}
