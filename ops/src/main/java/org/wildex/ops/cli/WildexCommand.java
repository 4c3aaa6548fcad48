package org.wildex.ops.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code wildex} command line: one subcommand per job. */
@Command(
    name = "wildex",
    mixinStandardHelpOptions = true,
    version = "wildex 0.1.0",
    description = "Wildlife-crime intelligence exchange hub.",
    subcommands = {
      DemoCommand.class,
      ServeCommand.class,
      BrokerCommand.class,
      PkiCommand.class,
      SealCommand.class,
      SubmitCommand.class,
      RecallCommand.class,
      RequestReleaseCommand.class,
      DecideCommand.class,
      FetchCommand.class,
      OpenCommand.class,
      PolicyCommand.class,
      AuditCommand.class,
      DlqCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  done",
      "  1  failed (the message says what to do), or a check found a problem",
      "  2  wrong usage",
      "  3  the hub rejected a package, a recall, a release request or a decision (reason code and what to do printed)",
      "Every command and its --json output: docs/cli.md"
    })
public final class WildexCommand implements Runnable {

  /** Exit codes, the same for every command (docs/cli.md). */
  public static final int EXIT_OK = 0;
  public static final int EXIT_FAILED = 1;
  public static final int EXIT_USAGE = CommandLine.ExitCode.USAGE;
  public static final int EXIT_REJECTED = 3;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, with errors printed as one line and exit code 1. */
  public static CommandLine commandLine() {
    return new CommandLine(new WildexCommand())
        .setExecutionExceptionHandler(
            (e, cmd, parsed) -> {
              cmd.getErr().println("wildex: " + describe(e));
              String hint = hint(e);
              if (hint != null) {
                cmd.getErr().println("wildex: " + hint);
              }
              if (System.getenv("WILDEX_DEBUG") != null) {
                e.printStackTrace(cmd.getErr());
              }
              return EXIT_FAILED;
            });
  }

  /** What to do about a failure (see {@link ErrorHint}); null when the message says all there is. */
  static String hint(Throwable e) {
    return ErrorHint.forFailure(e);
  }

  private static String describe(Throwable e) {
    StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      if (c.getMessage() != null && !message.toString().contains(c.getMessage())) {
        message.append(": ").append(c.getMessage());
      }
    }
    return message.toString();
  }
}
