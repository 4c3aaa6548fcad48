package org.wildex.ops.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.wildex.crypto.pki.KeyHolder;
import org.wildex.ops.Workdir;
import org.wildex.ops.client.IntakeClient;
import org.wildex.ops.client.ReleaseMessages;
import org.wildex.ops.client.Tls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wildex request-release}: an agency asks the originator for paths withheld from one of its deliveries. */
@Command(name = "request-release", mixinStandardHelpOptions = true,
    description = {
      "Asks the originator of the delivery in FILE (a .p7m as `wildex fetch` wrote it) to release --path, each a path",
      "its manifest lists as withheld by a policy rule (`jq .manifest.withheld` on the opened delivery). The request,",
      "signed with the --as agency's key and encrypted to the hub, carries the delivery as the hub signed it, so the",
      "hub checks it without keeping deliveries; posted to /api/v1/packages/ID/release-requests. If the originator",
      "approves, a new delivery with those paths comes on your address (`wildex fetch`); if not, a signed",
      "release-declined. Prints PACKAGE-ID <tab> QUEUED <tab> request id, or PACKAGE-ID <tab> REJECTED <tab> reason",
      "code <tab> detail."
    })
public final class RequestReleaseCommand implements Callable<Integer> {

  @Mixin WorkdirOptions options;

  @Option(names = "--as", required = true, description = "agency id the delivery was for (from WORKDIR/pki)")
  String as;

  @Option(names = "--path", required = true, description = "a withheld path of the delivery's manifest (repeat for more)")
  List<String> paths;

  @Option(names = "--justification", required = true,
      description = "why you need them, for the originator (at most 500 characters); never audited")
  String justification;

  @Option(names = "--url", defaultValue = "https://localhost:8443", description = "hub HTTPS URL (default: ${DEFAULT-VALUE})")
  String url;

  @Parameters(paramLabel = "FILE", description = "the delivery as fetched (.p7m)")
  Path file;

  @Override
  public Integer call() throws Exception {
    Workdir workdir = options.workdir();
    KeyHolder keys = workdir.keys(as);
    ReleaseMessages.SealedRequest request =
        ReleaseMessages.request(Files.readAllBytes(file), paths, justification, keys, workdir.hubCertificate());
    IntakeClient.Answer answer = new IntakeClient(url, Tls.clientContext(keys, workdir.cas()))
        .requestRelease(request.packageId(), request.sealed());
    return Answers.print(request.packageId().toString(), answer);
  }
}
