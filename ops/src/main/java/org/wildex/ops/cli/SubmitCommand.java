package org.wildex.ops.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.wildex.ops.Workdir;
import org.wildex.ops.client.IntakeClient;
import org.wildex.ops.client.Tls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wildex submit}: post sealed packages to the hub's HTTPS intake as an NGO. */
@Command(name = "submit", mixinStandardHelpOptions = true,
    description = "Posts sealed packages (.p7m) to the hub over HTTPS with the --as NGO's certificate; prints one tracking id per file.")
public final class SubmitCommand implements Callable<Integer> {

  @Mixin WorkdirOptions options;

  @Option(names = "--as", required = true, description = "NGO id whose certificate is presented (from WORKDIR/pki)")
  String as;

  @Option(names = "--url", defaultValue = "https://localhost:8443", description = "hub HTTPS URL (default: ${DEFAULT-VALUE})")
  String url;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "sealed packages")
  List<Path> files;

  @Override
  public Integer call() throws Exception {
    Workdir workdir = options.workdir();
    IntakeClient client = new IntakeClient(url, Tls.clientContext(workdir.keys(as), workdir.ca()));
    int exit = 0;
    for (Path file : files) {
      IntakeClient.Answer answer = client.submit(Files.readAllBytes(file));
      if (answer.accepted()) {
        System.out.println(file + "\tQUEUED\t" + answer.trackingId());
      } else {
        System.out.println(file + "\tREJECTED\t" + answer.reason() + "\t" + answer.description());
        exit = WildexCommand.EXIT_REJECTED;
      }
    }
    return exit;
  }
}
