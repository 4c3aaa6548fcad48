package org.wildex.ops.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.wildex.contracts.lifecycle.ReleaseRequestNotice;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.crypto.pki.KeyHolder;
import org.wildex.ops.Workdir;
import org.wildex.ops.client.IntakeClient;
import org.wildex.ops.client.ReleaseMessages;
import org.wildex.ops.client.Tls;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wildex decide}: the originator answers a release request. */
@Command(name = "decide", mixinStandardHelpOptions = true,
    description = {
      "Answers a release request an agency made for one of the --as NGO's packages (it came to your receipts address:",
      "`wildex fetch --as NGO` writes it as REQUEST-ID.json, kind wildex.release-request). --approve --package FILE",
      "releases the paths: FILE is the package exactly as you submitted it (the sealed .p7m), from which the hub cuts",
      "the agency a new delivery whose proof checks against the root of the one it holds; the hub keeps no package",
      "content of its own. --decline tells the agency no (with --text, a word for it). Signed with your key, encrypted",
      "to the hub, posted to /api/v1/release-requests/REQUEST-ID/decision. Prints REQUEST-ID <tab> QUEUED <tab>",
      "REQUEST-ID, or REQUEST-ID <tab> REJECTED <tab> reason code <tab> detail."
    })
public final class DecideCommand implements Callable<Integer> {

  @Mixin WorkdirOptions options;

  @Option(names = "--as", required = true, description = "NGO id that submitted the package (from WORKDIR/pki)")
  String as;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Choice choice;

  static final class Choice {
    @Option(names = "--approve", required = true, description = "release the paths asked for") boolean approve;

    @Option(names = "--decline", required = true, description = "keep them withheld") boolean decline;
  }

  @Option(names = "--package", description = "with --approve: the package as you submitted it (the sealed .p7m)")
  Path submission;

  @Option(names = "--text", description = "a word for the agency (at most 500 characters); never audited")
  String text;

  @Option(names = "--url", defaultValue = "https://localhost:8443", description = "hub HTTPS URL (default: ${DEFAULT-VALUE})")
  String url;

  @Parameters(paramLabel = "REQUEST", description = "the request id, or the request as fetched (REQUEST-ID.json)")
  String request;

  @Override
  public Integer call() throws Exception {
    Workdir workdir = options.workdir();
    KeyHolder keys = workdir.keys(as);
    ReleaseRequestNotice notice = notice(workdir);
    if (choice.approve && submission == null) {
      throw new IllegalArgumentException("--approve needs --package: the sealed package as you submitted it");
    }
    byte[] sealed = ReleaseMessages.decision(notice, choice.approve, choice.approve ? Files.readAllBytes(submission) : null,
        text, keys, workdir.hubCertificate());
    IntakeClient.Answer answer = new IntakeClient(url, Tls.clientContext(keys, workdir.cas()))
        .decide(notice.requestId(), sealed);
    return Answers.print(notice.requestId().toString(), answer);
  }

  /** The request: REQUEST as a file, or the id of one fetched into WORKDIR/receipts/NGO/. */
  private ReleaseRequestNotice notice(Workdir workdir) throws Exception {
    Path file = Path.of(request);
    if (!Files.isRegularFile(file)) {
      UUID.fromString(request); // an id, then
      file = workdir.receipts(as).resolve(request + ".json");
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no release request " + request + " fetched: run `wildex fetch --as " + as
          + "` first (it writes " + file + ")");
    }
    ReleaseRequestNotice notice = PackageCodec.fromJson(Files.readAllBytes(file), ReleaseRequestNotice.class);
    if (!ReleaseRequestNotice.KIND.equals(notice.kind())) {
      throw new IllegalArgumentException(file + " is no release request (kind " + notice.kind() + ")");
    }
    return notice;
  }
}
