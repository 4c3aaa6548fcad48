package org.wildex.ops.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.wildex.crypto.cms.Cms;
import org.wildex.crypto.cms.Cms.Opened;
import org.wildex.crypto.pki.CertificateCheck;
import org.wildex.ops.Workdir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wildex open}: decrypt and verify a sealed file as a participant. */
@Command(name = "open", mixinStandardHelpOptions = true,
    description = "Decrypts FILE with the --as participant's key, verifies the signature and its certificate against the directory CA, prints the content.")
public final class OpenCommand implements Callable<Integer> {

  @Mixin WorkdirOptions options;

  @Option(names = "--as", required = true, description = "participant id whose key decrypts (from WORKDIR/pki)")
  String as;

  @Parameters(paramLabel = "FILE", description = "sealed file (.p7m, DER)")
  Path file;

  @Override
  public Integer call() throws Exception {
    Workdir workdir = options.workdir();
    Opened opened = Cms.open(Files.readAllBytes(file), workdir.keys(as));
    CertificateCheck.checkIssuedBy(opened.signer(), workdir.ca(), Instant.now());
    System.err.println("signed by: " + opened.signer().getSubjectX500Principal().getName() + " (issued by the directory CA)");
    System.out.println(new String(opened.content(), StandardCharsets.UTF_8));
    return 0;
  }
}
