package org.wildex.ops.cli;

import java.nio.file.Path;
import org.wildex.ops.Workdir;
import picocli.CommandLine.Option;

/** The {@code --workdir} option every command shares. */
public final class WorkdirOptions {

  @Option(names = "--workdir", defaultValue = "wildex-demo", description = "folder laid out as the demo lays it out (default: ${DEFAULT-VALUE})")
  Path workdir;

  public Workdir workdir() {
    return new Workdir(workdir);
  }
}
