package org.wildex.ops.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.wildex.contracts.WildexException;
import org.wildex.contracts.pkg.IntelligencePackage;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.crypto.cms.Cms;
import org.wildex.crypto.pki.KeyHolder;
import org.wildex.crypto.pki.Pem;
import org.wildex.routes.process.PackageCommitter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wildex seal}: commit to a package, sign it as a participant, then encrypt it to the hub (or another participant). */
@Command(name = "seal", mixinStandardHelpOptions = true,
    description = {
      "Checks FILE against the package v1 contract and commits to it: a fresh salt seed, the Merkle root of its salted",
      "leaf commitments and your detached signature over the root go into its 'commitment' field, so every recipient can",
      "check its view against what you signed. Then signs the whole with the --as participant's key, encrypts it to the",
      "hub and writes DER CMS (.p7m). --no-commit seals FILE exactly as it is (the hub then computes the commitments)."
    })
public final class SealCommand implements Callable<Integer> {

  @Mixin WorkdirOptions options;

  @Option(names = "--as", required = true, description = "participant id whose key signs (from WORKDIR/pki)")
  String as;

  @Option(names = "--to", defaultValue = "hub", description = "participant id to encrypt to (default: ${DEFAULT-VALUE})")
  String to;

  @Option(names = {"-o", "--out"}, description = "output file (default: FILE with .p7m)")
  Path out;

  @Option(names = "--no-commit", description = "seal FILE byte for byte, without checking it or committing to it")
  boolean noCommit;

  @Parameters(paramLabel = "FILE", description = "the package JSON to seal")
  Path in;

  @Override
  public Integer call() throws Exception {
    KeyHolder keys = options.workdir().keys(as);
    byte[] content = Files.readAllBytes(in);
    if (!noCommit) {
      IntelligencePackage pkg;
      try {
        pkg = PackageCodec.parse(content);
      } catch (WildexException e) {
        throw new IllegalArgumentException(in + " is not a valid package v1 (" + e.reason() + ": " + e.detail()
            + "); fix it, or seal it unchanged with --no-commit");
      }
      IntelligencePackage committed = PackageCommitter.commit(pkg, keys);
      content = PackageCodec.toJson(committed);
      System.err.println("committed: " + committed.commitment().root() + " (Merkle root of " + pkg.id() + ", signed by " + as + ")");
    }
    byte[] sealed = Cms.seal(content, keys, Pem.readCertificate(options.workdir().certificate(to)));
    Path target = out != null ? out : in.resolveSibling(in.getFileName().toString().replaceFirst("\\.json$", "") + ".p7m");
    Files.write(target, sealed);
    System.out.println(target);
    return 0;
  }
}
