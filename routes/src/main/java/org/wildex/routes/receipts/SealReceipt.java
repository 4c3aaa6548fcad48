package org.wildex.routes.receipts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.jms.JmsConstants;
import org.wildex.contracts.WildexException;
import org.wildex.contracts.delivery.Delivery;
import org.wildex.contracts.lifecycle.RecallReceipt;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.contracts.receipt.Receipt;
import org.wildex.contracts.receipt.ReceiptDelivery;
import org.wildex.crypto.CryptoException;
import org.wildex.crypto.cms.Cms;
import org.wildex.crypto.pki.KeyHolder;
import org.wildex.routes.Endpoints;
import org.wildex.routes.Participants;
import org.wildex.routes.WildexHeaders;
import org.wildex.routes.lifecycle.Superseding;

/**
 * Builds the submitter's receipt: ACCEPTED with one line per delivery, or REJECTED with the reason code when the
 * exchange carries a caught {@link WildexException}; seals it to the submitter.
 */
public final class SealReceipt implements Processor {

  private final Participants participants;
  private final KeyHolder hubKey;

  public SealReceipt(Participants participants, KeyHolder hubKey) {
    this.participants = participants;
    this.hubKey = hubKey;
  }

  @Override
  public void process(Exchange exchange) throws CryptoException {
    Message in = exchange.getIn();
    String client = in.getHeader(WildexHeaders.CLIENT_ID, String.class);
    UUID trackingId = UUID.fromString(in.getHeader(WildexHeaders.TRACKING_ID, String.class));
    String packageId = in.getHeader(WildexHeaders.PACKAGE_ID, String.class);
    WildexException rejection = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, WildexException.class);
    Receipt receipt;
    if (rejection != null) {
      receipt =
          new Receipt(
              trackingId,
              packageId == null ? null : UUID.fromString(packageId),
              client,
              "REJECTED",
              rejection.reason(),
              rejection.getMessage(),
              Instant.now(),
              List.of(),
              null,
              null,
              null);
    } else {
      @SuppressWarnings("unchecked")
      List<Delivery> deliveries = in.getBody(List.class);
      Superseding update = exchange.getProperty(WildexHeaders.PROP_SUPERSEDING, Superseding.class);
      RecallReceipt withdrawn = exchange.getProperty(WildexHeaders.PROP_RECALL_RECEIPT, RecallReceipt.class);
      receipt =
          new Receipt(
              trackingId,
              UUID.fromString(packageId),
              client,
              "ACCEPTED",
              null,
              null,
              Instant.now(),
              deliveries.stream()
                  .map(d -> new ReceiptDelivery(d.recipient(), d.level(), d.manifest().withheld().size(), d.deliveryId()))
                  .toList(),
              update == null ? null : update.earlier().packageId(),
              update == null ? null : update.version(),
              update == null ? null : withdrawn.recipients());
    }
    byte[] sealed = Cms.seal(PackageCodec.toJson(receipt), hubKey, participants.certificate(client));
    in.removeHeaders("*");
    in.setBody(sealed);
    in.setHeader(WildexHeaders.TRACKING_ID, trackingId.toString());
    if (packageId != null) {
      in.setHeader(WildexHeaders.PACKAGE_ID, packageId);
    }
    in.setHeader(WildexHeaders.DUPLICATE_ID, "receipt:" + trackingId);
    in.setHeader(JmsConstants.JMS_DESTINATION_NAME, Endpoints.RECEIPTS_PREFIX + client);
  }
}
