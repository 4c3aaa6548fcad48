package org.wildex.ops.cli;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.ops.Workdir;
import org.wildex.ops.client.DeadLetters;
import org.wildex.routes.broker.EmbeddedBroker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wildex dlq}: what the hub gave up on, and putting it back. */
@Command(name = "dlq", mixinStandardHelpOptions = true,
    description = {"Dead-lettered messages (wildex.dlq): list them, replay one to where it came from, withdraw into it what waits",
        "for a revoked participant.",
        "Connects to the broker with the hub's own key (WORKDIR/pki/hub.p12): operators only."},
    subcommands = {DlqCommand.List.class, DlqCommand.Replay.class, DlqCommand.Withdraw.class})
public final class DlqCommand {

  /** Options both subcommands share. */
  static final class Connection {
    @Mixin WorkdirOptions options;

    @Option(names = "--broker", defaultValue = "tcp://localhost:61616", description = "broker URL (default: ${DEFAULT-VALUE})")
    String broker;

    DeadLetters open() throws Exception {
      Workdir workdir = options.workdir();
      return new DeadLetters(broker, workdir.keyStore("hub"), workdir.trustStore(),
          System.getenv().getOrDefault("WILDEX_STORE_PASSWORD", "changeit"));
    }
  }

  /** {@code wildex dlq list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists dead-lettered messages (ids and metadata, never content).")
  static final class List implements Callable<Integer> {
    @Mixin Connection connection;

    @Option(names = "--json", description = "one JSON array instead of a table")
    boolean json;

    @Override
    public Integer call() throws Exception {
      try (DeadLetters dlq = connection.open()) {
        java.util.List<DeadLetters.Entry> entries = dlq.list();
        if (json) {
          System.out.println(new String(PackageCodec.toJson(entries), java.nio.charset.StandardCharsets.UTF_8));
          return 0;
        }
        System.out.printf("%-52s %-30s %-38s %-38s %s%n", "id", "from", "tracking id", "package id", "bytes");
        for (DeadLetters.Entry e : entries) {
          System.out.printf("%-52s %-30s %-38s %-38s %d%n", e.id(), e.originalAddress(), dash(e.trackingId()), dash(e.packageId()),
              e.bytes());
        }
        System.out.println(entries.size() + " dead-lettered message(s)");
        return 0;
      }
    }
  }

  /** {@code wildex dlq replay ID}. */
  @Command(name = "replay", mixinStandardHelpOptions = true,
      description = "Moves one dead-lettered message back to its original address (one broker transaction).")
  static final class Replay implements Callable<Integer> {
    @Mixin Connection connection;

    @Parameters(paramLabel = "ID", description = "message id as `wildex dlq list` prints it")
    String id;

    @Override
    public Integer call() throws Exception {
      try (DeadLetters dlq = connection.open()) {
        Optional<DeadLetters.Entry> replayed = dlq.replay(id);
        if (replayed.isEmpty()) {
          System.err.println("wildex: no dead-lettered message " + id + " (run `wildex dlq list`)");
          return WildexCommand.EXIT_FAILED;
        }
        System.out.println("replayed " + id + " to " + replayed.get().originalAddress());
        return 0;
      }
    }
  }

  /** {@code wildex dlq withdraw PARTICIPANT}. */
  @Command(name = "withdraw", mixinStandardHelpOptions = true,
      description = {"Moves every delivery waiting on wildex.deliver.<participant> to wildex.dlq (one broker transaction):",
          "for a revoked participant whose queued deliveries must not wait for a renewed certificate.",
          "`wildex dlq replay ID` puts one back."})
  static final class Withdraw implements Callable<Integer> {
    @Mixin Connection connection;

    @Parameters(paramLabel = "PARTICIPANT", description = "participant id (its address wildex.deliver.<id>)")
    String participant;

    @Override
    public Integer call() throws Exception {
      try (DeadLetters dlq = connection.open()) {
        java.util.List<DeadLetters.Entry> moved = dlq.withdraw(EmbeddedBroker.DELIVER_PREFIX + participant);
        for (DeadLetters.Entry e : moved) {
          System.out.printf("withdrew %s package %s delivery %s%n", e.id(), dash(e.packageId()), dash(e.deliveryId()));
        }
        System.out.println(moved.size() + " message(s) moved from " + EmbeddedBroker.DELIVER_PREFIX + participant + " to "
            + DeadLetters.QUEUE);
        return 0;
      }
    }
  }

  private static String dash(String value) {
    return value == null ? "-" : value;
  }
}
