package org.wildex.ops.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import org.wildex.contracts.delivery.Delivery;
import org.wildex.contracts.lifecycle.RecallNotice;
import org.wildex.contracts.lifecycle.RecallOutcome;
import org.wildex.contracts.lifecycle.RecallReason;
import org.wildex.contracts.lifecycle.RecallReceipt;
import org.wildex.contracts.lifecycle.RecallRequest;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.contracts.receipt.Receipt;
import org.wildex.contracts.receipt.ReceiptDelivery;
import org.wildex.crypto.cms.Cms;
import org.wildex.crypto.pki.DemoPki;
import org.wildex.crypto.pki.KeyHolder;
import org.wildex.ops.Workdir;
import org.wildex.ops.client.IntakeClient;
import org.wildex.ops.client.Mailbox;
import org.wildex.ops.client.Tls;

/**
 * The demo's recall: WCS shares another informant tip; one agency takes its delivery at once, the others have not
 * fetched yet when WCS learns its source is at risk and recalls the tip. The recall receipt says who had opened it;
 * that agency gets a signed notice, the others never see the tip.
 */
final class DemoRecall {

  /** What the demo saw: the recall receipt, the agency that had taken its delivery, and what each agency found after. */
  record Result(RecallReceipt receipt, String taker, RecallNotice notice, List<String> deliveredAfterRecall) {}

  static final String SENDER = "wcs";
  static final String TEXT = "the source was seen with the trader's driver; do not act on this tip";

  private DemoRecall() {}

  static Result run(Workdir workdir, String hubUrl, String brokerUrl, PrintStream out) throws Exception {
    DemoSamples.Sample tip = DemoSamples.fresh().stream().filter(s -> s.name().equals("informant-tip")).findFirst()
        .orElseThrow();
    KeyHolder keys = workdir.keys(SENDER);
    IntakeClient client = new IntakeClient(hubUrl, Tls.clientContext(keys, workdir.ca()));
    IntakeClient.Answer submitted = client.submit(DemoSharing.seal(tip, keys, workdir.hubCertificate()));
    if (!submitted.accepted()) {
      throw new IllegalStateException("the hub did not queue the second informant tip: " + submitted.reason());
    }
    Receipt receipt = await("the tip's receipt", () -> {
      for (Mailbox.Item item : Mailbox.receipts(workdir, SENDER).fetch(brokerUrl, DemoPki.PASSWORD, Duration.ofMillis(300))) {
        Receipt r = PackageCodec.fromJson(item.json(), Receipt.class);
        if (tip.id().equals(r.packageId())) {
          return r;
        }
      }
      return null;
    });
    TreeSet<String> recipients = new TreeSet<>(receipt.deliveries().stream().map(ReceiptDelivery::recipient).toList());
    String taker = recipients.first();
    List<Mailbox.Item> taken = Mailbox.deliveries(workdir, taker).fetch(brokerUrl, DemoPki.PASSWORD, Duration.ofMillis(500));
    Delivery delivery = PackageCodec.fromJson(taken.get(0).json(), Delivery.class);
    out.println();
    out.printf("recall: %s shared another informant tip (%s) with %s; %s opened its delivery at once%n", SENDER,
        tip.id(), String.join(", ", recipients), taker);

    RecallRequest request = new RecallRequest(tip.id(), RecallReason.SOURCE_AT_RISK, TEXT, Instant.now());
    IntakeClient.Answer answer = client.recall(tip.id(), Cms.seal(PackageCodec.toJson(request), keys, workdir.hubCertificate()));
    if (!answer.accepted()) {
      throw new IllegalStateException("the hub refused the demo's recall: " + answer.reason() + " " + answer.description());
    }
    out.printf("recall: %s recalled it (SOURCE_AT_RISK) -> HTTP %d, recall %s%n", SENDER, answer.status(), answer.trackingId());
    RecallReceipt recall = await("the recall receipt", () -> {
      for (Mailbox.Item item : Mailbox.receipts(workdir, SENDER).fetch(brokerUrl, DemoPki.PASSWORD, Duration.ofMillis(300))) {
        RecallReceipt r = PackageCodec.fromJson(item.json(), RecallReceipt.class);
        if (RecallReceipt.KIND.equals(r.kind()) && tip.id().equals(r.packageId())) {
          return r;
        }
      }
      return null;
    });
    for (RecallOutcome o : recall.recipients()) {
      out.printf("  %-14s %-10s %s%n", o.recipient(), o.outcome(), RecallOutcome.EXPOSED.equals(o.outcome())
          ? "had taken its delivery: a signed recall notice went to it" : "had not taken it: withdrawn from its queue unopened");
    }

    RecallNotice notice = null;
    List<String> deliveredAfter = new ArrayList<>();
    for (String agency : recipients) {
      for (Mailbox.Item item : Mailbox.deliveries(workdir, agency).fetch(brokerUrl, DemoPki.PASSWORD, Duration.ofMillis(500))) {
        RecallNotice n = PackageCodec.fromJson(item.json(), RecallNotice.class);
        if (RecallNotice.KIND.equals(n.kind())) {
          notice = n;
        } else {
          deliveredAfter.add(agency);
        }
      }
    }
    if (notice == null || !notice.deliveryId().equals(delivery.deliveryId()) || !deliveredAfter.isEmpty()) {
      throw new IllegalStateException("the recall did not reach the agencies as it should: notice " + notice
          + ", deliveries after the recall " + deliveredAfter);
    }
    out.printf("recall: %s fetched the notice for its delivery %s (%s: \"%s\"); the other %d agencies found nothing%n",
        taker, notice.deliveryId(), notice.reason(), notice.text(), recipients.size() - 1);
    return new Result(recall, taker, notice, deliveredAfter);
  }

  interface Poll<T> {
    T next() throws Exception;
  }

  /** Polls until {@code poll} finds something, for at most 60 s. */
  static <T> T await(String what, Poll<T> poll) throws Exception {
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      T found = poll.next();
      if (found != null) {
        return found;
      }
    }
    throw new IllegalStateException("no " + what + " after 60 s; see the hub log");
  }
}
