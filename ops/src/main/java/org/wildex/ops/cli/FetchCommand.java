package org.wildex.ops.cli;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.wildex.contracts.directory.Directory;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.ops.Workdir;
import org.wildex.ops.client.Mailbox;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code wildex fetch}: drain a participant's deliveries (agency) or receipts (NGO) from the broker. */
@Command(name = "fetch", mixinStandardHelpOptions = true,
    description = {
      "Drains the --as participant's address over the broker (TLS, its client certificate):",
      "wildex.deliver.ID into WORKDIR/deliveries/ID/, and for NGOs also wildex.receipts.ID into WORKDIR/receipts/ID/.",
      "Each message is written as received (.p7m) and opened after checking the hub's signature (.json); stdout lists",
      "the opened files and a count per address. A REJECTED receipt is also told on stderr, with what to do.",
      "When several messages come, a progress bar shows on stderr when it is a terminal."
    })
public final class FetchCommand implements Callable<Integer> {

  private static final JsonProvider JSON = JsonProvider.provider();

  @Mixin WorkdirOptions options;

  @Option(names = "--as", required = true, description = "participant id (from WORKDIR/directory.yaml)")
  String as;

  @Option(names = "--broker", defaultValue = "tcp://localhost:61616", description = "broker URL (default: ${DEFAULT-VALUE})")
  String broker;

  @Option(names = "--wait", defaultValue = "2", description = "stop after this many seconds without a message (default: ${DEFAULT-VALUE})")
  int waitSeconds;

  @Option(names = "--json", description = "one JSON object per message and line: {queue, kind, name, sealed, opened, status,"
      + " reason, fix} (status, reason and fix for receipts)")
  boolean json;

  @Option(names = {"-q", "--quiet"}, description = "no progress bar, no count lines, no hints: stdout lists only the opened files")
  boolean quiet;

  @Option(names = "--progress", description = "show the progress bar even when stderr is not a terminal")
  boolean progress;

  /** One {@code --json} line. */
  public record Line(String queue, String kind, String name, String sealed, String opened, String status, String reason,
      String fix) {}

  @Override
  public Integer call() throws Exception {
    Workdir workdir = options.workdir();
    Participant me =
        Directory.load(workdir.directoryFile())
            .find(as)
            .orElseThrow(() -> new IllegalArgumentException("'" + as + "' is not in " + workdir.directoryFile()
                + " (ids are listed there; `wildex pki list` shows them with their certificates)"));
    String password = System.getenv().getOrDefault("WILDEX_STORE_PASSWORD", "changeit");
    for (Mailbox mailbox : Mailbox.of(workdir, me)) {
      boolean receipts = mailbox.queue().startsWith("wildex.receipts.");
      int count;
      try (Progress bar = Progress.start(progress, json, quiet, "fetch " + mailbox.queue(), -1)) {
        count = mailbox.fetch(broker, password, Duration.ofSeconds(waitSeconds), item -> {
          report(mailbox.queue(), receipts, item, bar);
          bar.step();
        }).size();
      }
      if (!json && !quiet) {
        System.out.println(count + " message(s) from " + mailbox.queue() + " into " + mailbox.folder());
      }
    }
    return WildexCommand.EXIT_OK;
  }

  private void report(String queue, boolean receipt, Mailbox.Item item, Progress bar) {
    String status = null;
    String reason = null;
    if (receipt) {
      JsonObject content = JSON.createReader(new ByteArrayInputStream(item.json())).readObject();
      status = content.getString("status", null);
      reason = content.containsKey("reason") && !content.isNull("reason") ? content.getString("reason") : null;
    }
    String fix = reason == null ? null : ErrorHint.forReason(reason);
    if (json) {
      Line line = new Line(queue, receipt ? "receipt" : "delivery", item.name(), item.sealed().toString(), item.opened().toString(),
          status, reason, fix);
      System.out.println(new String(PackageCodec.toJson(line), StandardCharsets.UTF_8));
    } else {
      System.out.println(item.opened());
      if (reason != null && !quiet) {
        bar.note("wildex: receipt " + item.name() + ": " + status + " " + reason + (fix == null ? "" : ": " + fix));
      }
    }
    System.out.flush();
  }
}
