package org.wildex.ops.cli;

import java.util.concurrent.Callable;
import org.wildex.ops.demo.DemoSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code wildex pki demo}: the demo PKI and directory alone. */
@Command(name = "pki", mixinStandardHelpOptions = true, description = "PKI tasks.", subcommands = PkiCommand.Demo.class)
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
}
