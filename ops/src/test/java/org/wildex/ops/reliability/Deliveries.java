package org.wildex.ops.reliability;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.contracts.receipt.Receipt;
import org.wildex.contracts.receipt.ReceiptDelivery;
import org.wildex.crypto.pki.DemoPki;
import org.wildex.ops.Workdir;
import org.wildex.ops.client.BrokerDrain;
import org.wildex.ops.client.Mailbox;

/**
 * Everything that came out of the hub, counted as the participants see it: receipts per NGO (what the hub says it
 * delivered) and deliveries per agency (what actually arrived), keyed by delivery id.
 */
final class Deliveries {

  /** delivery id → how many times it arrived. */
  final Map<String, Integer> arrivals = new HashMap<>();
  /** "package id → recipient" → how many deliveries of that package reached that recipient's mailbox. */
  final Map<String, Integer> perPackageAndRecipient = new HashMap<>();
  /** delivery id → package id, as the delivery's own header says. */
  final Map<String, UUID> packageOf = new HashMap<>();
  /** package id → the ACCEPTED receipts seen for it. */
  final Map<UUID, List<ReceiptDelivery>> receipted = new HashMap<>();
  final Set<UUID> rejected = new HashSet<>();
  int receiptCount;

  /** Drains every participant's mailbox until idle for {@code idle}, opening every receipt and sampling deliveries. */
  void drain(Workdir workdir, List<Participant> participants, String brokerUrl, Duration idle) throws Exception {
    for (Participant p : participants) {
      if (p.kind().isAgency()) {
        try (BrokerDrain drain = new BrokerDrain(brokerUrl, workdir.keyStore(p.id()), workdir.trustStore(), DemoPki.PASSWORD)) {
          drain.drain("wildex.deliver." + p.id(), idle, (body, message) -> {
            String deliveryId = message.getStringProperty("wildexDeliveryId");
            arrivals.merge(deliveryId, 1, Integer::sum);
            packageOf.put(deliveryId, UUID.fromString(message.getStringProperty("wildexPackageId")));
            perPackageAndRecipient.merge(message.getStringProperty("wildexPackageId") + " -> " + p.id(), 1, Integer::sum);
          });
        }
      } else if (p.kind() == org.wildex.contracts.directory.ParticipantKind.NGO) {
        for (Mailbox.Item item : Mailbox.receipts(workdir, p.id()).fetch(brokerUrl, DemoPki.PASSWORD, idle)) {
          Receipt receipt = PackageCodec.fromJson(item.json(), Receipt.class);
          receiptCount++;
          if (Receipt.ACCEPTED.equals(receipt.status())) {
            receipted.merge(receipt.packageId(), receipt.deliveries(), (a, b) -> {
              List<ReceiptDelivery> both = new java.util.ArrayList<>(a);
              both.addAll(b);
              return both;
            });
          } else {
            rejected.add(receipt.packageId());
          }
        }
      }
    }
  }
}
