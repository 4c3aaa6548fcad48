package org.wildex.ops.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.wildex.crypto.cms.Cms;
import org.wildex.crypto.pki.Pem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wildex seal}: sign a file as a participant, then encrypt it to the hub (or another participant). */
@Command(name = "seal", mixinStandardHelpOptions = true,
    description = "Signs FILE with the --as participant's key, encrypts it to the hub, writes DER CMS (.p7m).")
public final class SealCommand implements Callable<Integer> {

  @Mixin WorkdirOptions options;

  @Option(names = "--as", required = true, description = "participant id whose key signs (from WORKDIR/pki)")
  String as;

  @Option(names = "--to", defaultValue = "hub", description = "participant id to encrypt to (default: ${DEFAULT-VALUE})")
  String to;

  @Option(names = {"-o", "--out"}, description = "output file (default: FILE with .p7m)")
  Path out;

  @Parameters(paramLabel = "FILE", description = "the package JSON to seal")
  Path in;

  @Override
  public Integer call() throws Exception {
    byte[] sealed = Cms.seal(Files.readAllBytes(in), options.workdir().keys(as), Pem.readCertificate(options.workdir().certificate(to)));
    Path target = out != null ? out : in.resolveSibling(in.getFileName().toString().replaceFirst("\\.json$", "") + ".p7m");
    Files.write(target, sealed);
    System.out.println(target);
    return 0;
  }
}
