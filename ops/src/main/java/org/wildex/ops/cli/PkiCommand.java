package org.wildex.ops.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.wildex.crypto.pki.Pem;
import org.wildex.crypto.pki.RevocationList;
import org.wildex.ops.demo.DemoSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code wildex pki demo}: the demo PKI and directory alone. */
@Command(name = "pki", mixinStandardHelpOptions = true, description = "PKI tasks.",
    subcommands = {PkiCommand.Demo.class, PkiCommand.Revoke.class})
public final class PkiCommand {

  /** {@code wildex pki demo --workdir DIR}. */
  @Command(name = "demo", mixinStandardHelpOptions = true,
      description = "Makes a demo CA, hub and participant keys under WORKDIR/pki and WORKDIR/directory.yaml (demo only: keys unencrypted).")
  public static final class Demo implements Callable<Integer> {

    @Mixin WorkdirOptions options;

    @Override
    public Integer call() throws Exception {
      DemoSetup.create(options.workdir());
      System.out.println("demo PKI in " + options.workdir().pki() + ", directory " + options.workdir().directoryFile());
      return 0;
    }
  }

  /** {@code wildex pki revoke --workdir DIR ID}. */
  @Command(name = "revoke", mixinStandardHelpOptions = true,
      description = {"The demo CA revokes a participant's certificate: adds it to WORKDIR/pki/ca.crl.pem.",
          "A running hub re-reads the CRL and refuses that participant on its next connection or submission."})
  public static final class Revoke implements Callable<Integer> {

    @Mixin WorkdirOptions options;

    @Parameters(paramLabel = "ID", description = "participant id whose certificate (WORKDIR/pki/ID.crt.pem) to revoke")
    String id;

    @Override
    public Integer call() throws Exception {
      Path pki = options.workdir().pki();
      RevocationList.revoke(pki, Pem.readCertificate(options.workdir().certificate(id)));
      System.out.println("revoked " + id + " in " + pki.resolve(RevocationList.FILE));
      return 0;
    }
  }
}
