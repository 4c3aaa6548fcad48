package org.wildex.ops.cli;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.wildex.contracts.directory.Directory;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.lifecycle.RecallNotice;
import org.wildex.contracts.lifecycle.RecallReason;
import org.wildex.contracts.lifecycle.RecallReceipt;
import org.wildex.contracts.lifecycle.ReleaseDeclined;
import org.wildex.contracts.lifecycle.ReleaseRequestNotice;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.ops.Workdir;
import org.wildex.ops.client.Mailbox;
import org.wildex.routes.WildexHeaders;
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
      + " reason, fix}; kind is delivery, receipt, recall-notice, recall-receipt, release-request or release-declined (status, reason and fix for all but"
      + " deliveries)")
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
    JsonObject content = JSON.createReader(new ByteArrayInputStream(item.json())).readObject();
    String kind = kind(content, receipt);
    String status = null;
    String reason = null;
    String note = null;
    switch (kind) {
      case "receipt" -> {
        status = content.getString("status", null);
        reason = content.containsKey("reason") && !content.isNull("reason") ? content.getString("reason") : null;
        if (reason != null) {
          note = "receipt " + item.name() + ": " + status + " " + reason;
        }
      }
      case WildexHeaders.KIND_RECALL_RECEIPT -> {
        status = RecallReceipt.STATUS;
        reason = RecallReason.valueOf(content.getString("reason")).code().name();
        note = "recall " + content.getString("recallId") + " of package " + content.getString("packageId") + ": "
            + content.getJsonArray("recipients").getValuesAs(JsonObject.class).stream()
                .map(o -> o.getString("recipient") + " " + o.getString("outcome")).collect(Collectors.joining(", "));
      }
      case WildexHeaders.KIND_RECALL_NOTICE -> {
        status = RecallReceipt.STATUS;
        reason = RecallReason.valueOf(content.getString("reason")).code().name();
        note = "package " + content.getString("packageId") + " (your delivery " + content.getString("deliveryId")
            + ") was recalled by " + content.getString("originator") + ": " + reason;
      }
      case WildexHeaders.KIND_RELEASE_REQUEST -> note = "release request " + content.getString("requestId") + ": "
          + content.getString("requester") + " asks for " + content.getJsonArray("paths").size()
          + " withheld path(s) of package " + content.getString("packageId") + " (`wildex decide`)";
      case WildexHeaders.KIND_RELEASE_DECLINED -> note = "release request " + content.getString("requestId") + " for package "
          + content.getString("packageId") + " was declined by its originator";
      default -> { }
    }
    String fix = reason == null ? null : ErrorHint.forReason(reason);
    if (json) {
      Line line = new Line(queue, kind, item.name(), item.sealed().toString(), item.opened().toString(), status, reason, fix);
      System.out.println(new String(PackageCodec.toJson(line), StandardCharsets.UTF_8));
    } else {
      System.out.println(item.opened());
      if (note != null && !quiet) {
        bar.note("wildex: " + note + (WildexHeaders.KIND_RECALL_RECEIPT.equals(kind) || fix == null ? "" : ": " + fix));
      }
    }
    System.out.flush();
  }

  /**
   * receipt, delivery, or what a message's {@code kind} says it is (recall-receipt, recall-notice, release-request,
   * release-declined).
   */
  private static String kind(JsonObject content, boolean receipt) {
    String kind = content.containsKey("kind") && !content.isNull("kind") ? content.getString("kind") : null;
    if (RecallReceipt.KIND.equals(kind) || RecallNotice.KIND.equals(kind) || ReleaseRequestNotice.KIND.equals(kind)
        || ReleaseDeclined.KIND.equals(kind)) {
      return kind.substring("wildex.".length());
    }
    return receipt ? "receipt" : "delivery";
  }
}
