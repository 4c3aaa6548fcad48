package org.wildex.ops.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.ops.Workdir;
import org.wildex.ops.client.IntakeClient;
import org.wildex.ops.client.Tls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wildex submit}: post sealed packages to the hub's HTTPS intake as an NGO. */
@Command(name = "submit", mixinStandardHelpOptions = true,
    description = {
      "Posts sealed packages (.p7m) to the hub over HTTPS with the --as NGO's certificate; prints one line per file:",
      "FILE <tab> QUEUED <tab> tracking id, or FILE <tab> REJECTED <tab> reason code <tab> detail (and on stderr what to do).",
      "Exit 3 when the hub rejected any file. With several files a progress bar shows on stderr when it is a terminal."
    })
public final class SubmitCommand implements Callable<Integer> {

  @Mixin WorkdirOptions options;

  @Option(names = "--as", required = true, description = "NGO id whose certificate is presented (from WORKDIR/pki)")
  String as;

  @Option(names = "--url", defaultValue = "https://localhost:8443", description = "hub HTTPS URL (default: ${DEFAULT-VALUE})")
  String url;

  @Option(names = "--json", description = "one JSON object per file and line: {file, status, trackingId, reason, detail, fix}")
  boolean json;

  @Option(names = {"-q", "--quiet"}, description = "no progress bar and no hints on stderr (the lines on stdout stay)")
  boolean quiet;

  @Option(names = "--progress", description = "show the progress bar even when stderr is not a terminal")
  boolean progress;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "sealed packages")
  List<Path> files;

  /** One {@code --json} line. */
  public record Line(String file, String status, String trackingId, String reason, String detail, String fix) {}

  @Override
  public Integer call() throws Exception {
    Workdir workdir = options.workdir();
    IntakeClient client = new IntakeClient(url, Tls.clientContext(workdir.keys(as), workdir.cas()));
    int exit = WildexCommand.EXIT_OK;
    try (Progress bar = Progress.start(progress, json, quiet, "submit", files.size())) {
      for (Path file : files) {
        IntakeClient.Answer answer = client.submit(Files.readAllBytes(file));
        String fix = answer.accepted() ? null : ErrorHint.forReason(answer.reason());
        if (json) {
          Line line = new Line(file.toString(), answer.accepted() ? "QUEUED" : "REJECTED", answer.trackingId(), answer.reason(),
              answer.description(), fix);
          System.out.println(new String(PackageCodec.toJson(line), StandardCharsets.UTF_8));
        } else if (answer.accepted()) {
          System.out.println(file + "\tQUEUED\t" + answer.trackingId());
        } else {
          System.out.println(file + "\tREJECTED\t" + answer.reason() + "\t" + answer.description());
        }
        System.out.flush();
        if (!answer.accepted()) {
          exit = WildexCommand.EXIT_REJECTED;
          if (fix != null && !quiet && !json) {
            bar.note("wildex: " + file + ": " + answer.reason() + ": " + fix);
          }
        }
        bar.step();
      }
    }
    return exit;
  }
}
