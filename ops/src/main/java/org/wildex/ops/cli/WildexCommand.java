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
      "  1  failed (the message says what to do)",
      "  2  wrong usage",
      "  3  the hub rejected a package (reason code printed)"
    })
public final class WildexCommand implements Runnable {

  public static final int EXIT_FAILED = 1;
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

  /**
   * What to do about the failures people meet most (hub not running, wrong key store password, a certificate the
   * hub does not know), from the exception chain; null when there is nothing more useful to say than the message.
   */
  static String hint(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      String m = String.valueOf(c.getMessage()).toLowerCase(java.util.Locale.ROOT);
      if (c instanceof java.net.ConnectException || m.contains("connection refused")
          || m.contains("failed to create session factory") || m.contains("cannot connect to server")) {
        return "the hub is not reachable: is `wildex serve` running, and are --https-port/--broker-port (or --broker URL)"
            + " the ones it printed at start?";
      }
      if (m.contains("keystore password was incorrect") || m.contains("mac verify") || m.contains("mac check failed")
          || c instanceof java.security.UnrecoverableKeyException) {
        return "wrong password for a PKCS#12 file: set WILDEX_STORE_PASSWORD to the password the .p12 was made with"
            + " (the demo uses changeit)";
      }
      if (c instanceof javax.net.ssl.SSLHandshakeException || m.contains("bad_certificate")
          || m.contains("certificate_unknown") || m.contains("certificate_revoked")) {
        return "the TLS handshake failed: your certificate must be the one directory.yaml lists for you, issued by the hub's"
            + " CA and not revoked; and the hub's certificate must be issued by the CA in your trust store";
      }
    }
    return null;
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
