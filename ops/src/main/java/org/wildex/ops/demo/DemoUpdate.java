package org.wildex.ops.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.wildex.contracts.delivery.Delivery;
import org.wildex.contracts.directory.Directory;
import org.wildex.contracts.lifecycle.RecallNotice;
import org.wildex.contracts.lifecycle.RecallOutcome;
import org.wildex.contracts.pkg.IntelligencePackage;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.contracts.policy.Policy;
import org.wildex.contracts.receipt.Receipt;
import org.wildex.contracts.receipt.ReceiptDelivery;
import org.wildex.contracts.routing.RecipientSelector;
import org.wildex.contracts.routing.Routing;
import org.wildex.crypto.pki.DemoPki;
import org.wildex.crypto.pki.KeyHolder;
import org.wildex.ops.Workdir;
import org.wildex.ops.client.IntakeClient;
import org.wildex.ops.client.Mailbox;
import org.wildex.ops.client.Tls;

/**
 * The demo's update: EIA learns the ivory is no longer going by road through Boten to Mohan but across the Mekong to
 * Chiang Khong, Thailand, and sends version 2. It goes to the agencies that had version 1 and may still see it; the
 * Mohan-Boten BLO, no longer on the route, gets a recall notice for version 1; Thai agencies, which the policy would now
 * route it to, get nothing: originator control keeps an update to the earlier recipients.
 */
public final class DemoUpdate {

  /**
   * What the demo saw: the update's receipt, the notice the dropped agency got, an agency's opened version 2, the
   * agencies the policy would have added but originator control kept out, and version 2 as each recipient took it.
   */
  public record Result(Receipt receipt, RecallNotice notice, Delivery opened, List<String> keptOut,
      Map<String, Mailbox.Item> taken) {}

  static final String SENDER = "eia";

  private DemoUpdate() {}

  static Result run(Workdir workdir, String hubUrl, String brokerUrl, UUID earlier, PrintStream out) throws Exception {
    UUID id = UUID.randomUUID();
    byte[] json = versionTwo(id, earlier);
    KeyHolder keys = workdir.keys(SENDER);
    DemoSamples.Sample sample = new DemoSamples.Sample("ivory-shipment-v2", SENDER, id, json, true);
    byte[] sealed = DemoSharing.seal(sample, keys, workdir.hubCertificate());
    Files.write(workdir.packages().resolve(sample.name() + ".json"), json);
    Files.write(workdir.packages().resolve(sample.name() + ".p7m"), sealed); // as submitted: a release needs it
    IntakeClient client = new IntakeClient(hubUrl, Tls.clientContext(keys, workdir.ca()));
    IntakeClient.Answer submitted = client.submit(sealed);
    if (!submitted.accepted()) {
      throw new IllegalStateException("the hub did not queue the ivory update: " + submitted.reason());
    }
    Receipt receipt = DemoRecall.await("the update's receipt", () -> {
      for (Mailbox.Item item : Mailbox.receipts(workdir, SENDER).fetch(brokerUrl, DemoPki.PASSWORD, Duration.ofMillis(300))) {
        Receipt r = PackageCodec.fromJson(item.json(), Receipt.class);
        if (id.equals(r.packageId())) {
          return r;
        }
      }
      return null;
    });
    if (!Receipt.ACCEPTED.equals(receipt.status())) {
      throw new IllegalStateException("the hub refused the ivory update: " + receipt.reason() + " " + receipt.detail());
    }
    TreeSet<String> recipients = new TreeSet<>(receipt.deliveries().stream().map(ReceiptDelivery::recipient).toList());
    IntelligencePackage update = PackageCodec.parse(json);
    List<String> keptOut = RecipientSelector.route(update, Directory.load(workdir.directoryFile()),
            Policy.load(workdir.root().resolve("policy.yaml"))).stream()
        .map(r -> r.participant().id()).filter(p -> !recipients.contains(p)).sorted().toList();
    out.println();
    out.printf("update: %s re-routed the ivory shipment (now across the Mekong to Chiang Khong, Thailand): version %d of"
        + " %s -> %s%n", SENDER, receipt.version(), receipt.supersedes(), receipt.status());
    out.printf("  to the %d agencies that had version 1 and may still see it: %s%n", recipients.size(),
        String.join(", ", recipients));
    for (RecallOutcome o : receipt.superseded()) {
      out.printf("  %-16s %-9s had version 1, no longer on the route: %s%n", o.recipient(), o.outcome(),
          RecallOutcome.EXPOSED.equals(o.outcome()) ? "a signed recall notice (SUPERSEDED) went to it"
              : "withdrawn from its queue unopened");
    }
    out.printf("  not sent to %s: the policy of the day would route it there, but originator control keeps an update"
        + " to the earlier recipients%n", String.join(", ", keptOut));

    String dropped = receipt.superseded().isEmpty() ? null : receipt.superseded().get(0).recipient();
    RecallNotice notice = null;
    if (dropped != null) {
      for (Mailbox.Item item : Mailbox.deliveries(workdir, dropped).fetch(brokerUrl, DemoPki.PASSWORD, Duration.ofMillis(500))) {
        RecallNotice n = PackageCodec.fromJson(item.json(), RecallNotice.class);
        if (RecallNotice.KIND.equals(n.kind())) {
          notice = n;
        }
      }
    }
    // every agency still on the route takes version 2
    Map<String, Mailbox.Item> taken = new TreeMap<>();
    for (String agency : recipients) {
      for (Mailbox.Item item : Mailbox.deliveries(workdir, agency).fetch(brokerUrl, DemoPki.PASSWORD, Duration.ofMillis(500))) {
        if (id.equals(PackageCodec.fromJson(item.json(), Delivery.class).packageId())) {
          taken.put(agency, item);
        }
      }
    }
    String reader = recipients.contains("ncb-la") ? "ncb-la" : recipients.first();
    Delivery opened = taken.containsKey(reader) ? PackageCodec.fromJson(taken.get(reader).json(), Delivery.class) : null;
    if (opened == null || !taken.keySet().equals(recipients) || (dropped != null && notice == null)) {
      throw new IllegalStateException("the update did not reach the agencies as it should: " + reader + " got " + opened
          + ", version 2 taken by " + taken.keySet() + ", notice to " + dropped + " " + notice);
    }
    out.printf("update: the %d agencies took version 2 (%s's says version %d, superseding %s); %s fetched its notice (%s)%n",
        taken.size(), reader, opened.view().versionNumber(), opened.view().supersedes(), dropped,
        notice == null ? "none" : notice.reason());
    return new Result(receipt, notice, opened, keptOut, taken);
  }

  /** The ivory sample as version 2: a new id, {@code supersedes} the first, the road leg now to Thailand. */
  private static byte[] versionTwo(UUID id, UUID earlier) throws IOException {
    try (InputStream in = DemoUpdate.class.getResourceAsStream("/demo/ivory-shipment.json")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("\"id\": \"${id}\",", "\"id\": \"" + id + "\",\n  \"supersedes\": \"" + earlier + "\",\n  \"version\": 2,")
          .replace("${createdAt}", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
          .replace("\"from\": \"LA\", \"to\": \"CN\", \"fromPlace\": \"Boten\", \"toPlace\": \"Mohan\"",
              "\"from\": \"LA\", \"to\": \"TH\", \"fromPlace\": \"Houayxay\", \"toPlace\": \"Chiang Khong\"")
          .replace("onward by road to Mohan", "onward across the Mekong to Chiang Khong");
      if (!text.contains("\"to\": \"TH\"") || !text.contains("\"version\": 2")) {
        throw new IllegalStateException("the ivory sample changed; DemoUpdate's edits no longer apply");
      }
      return text.getBytes(StandardCharsets.UTF_8);
    }
  }
}
