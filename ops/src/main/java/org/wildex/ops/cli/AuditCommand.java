package org.wildex.ops.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code wildex audit}: read, verify and export the audit trail. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = {
      "Reads the hub's audit trail: hash-chained events (ids, participants, route, policy version, hashes, reason codes;",
      "never intelligence content) with checkpoints the hub signs. Works while `wildex serve` runs and after it stopped."
    },
    subcommands = {
      AuditTrailCommand.class,
      AuditSearchCommand.class,
      AuditOversightCommand.class,
      AuditReplayCommand.class,
      AuditExportCommand.class,
      AuditVerifyBundleCommand.class,
      AuditVerifyCommand.class,
      CommandLine.HelpCommand.class
    })
public final class AuditCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
