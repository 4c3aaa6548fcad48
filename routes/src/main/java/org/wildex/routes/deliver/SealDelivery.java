package org.wildex.routes.deliver;

import java.security.cert.X509Certificate;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.jms.JmsConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wildex.contracts.delivery.Delivery;
import org.wildex.contracts.directory.Peer;
import org.wildex.crypto.CryptoException;
import org.wildex.crypto.Digests;
import org.wildex.crypto.cms.Cms;
import org.wildex.crypto.pki.KeyHolder;
import org.wildex.routes.Endpoints;
import org.wildex.routes.Participants;
import org.wildex.routes.WildexHeaders;
import org.wildex.routes.process.RedactPerRecipient;

/**
 * Seals one delivery (hub signature, then encryption to the recipient's certificate) and addresses it; a delivery for a
 * recipient of a peer region is a hand-over: encrypted to that region's hub and put on
 * {@code wildex.federation.out.<region>}, from where the broker's core bridge forwards it.
 */
public final class SealDelivery implements Processor {

  private static final Logger LOG = LoggerFactory.getLogger(SealDelivery.class);

  private final Participants participants;
  private final KeyHolder hubKey;

  public SealDelivery(Participants participants, KeyHolder hubKey) {
    this.participants = participants;
    this.hubKey = hubKey;
  }

  @Override
  public void process(Exchange exchange) throws CryptoException {
    Delivery delivery = exchange.getIn().getBody(Delivery.class);
    byte[] json = RedactPerRecipient.json(exchange, delivery).json();
    Optional<Peer> peer = participants.directory().peerOf(delivery.recipient());
    // a recipient of another region: the hand-over is sealed to that region's hub, which redacts again and delivers
    X509Certificate to = peer.isPresent()
        ? participants.peerHubCertificate(peer.get().region()) : participants.certificate(delivery.recipient());
    byte[] sealed = Cms.seal(json, hubKey, to);
    Message out = exchange.getIn();
    out.removeHeaders("*");
    out.setBody(sealed);
    out.setHeader(WildexHeaders.PACKAGE_ID, delivery.packageId().toString());
    out.setHeader(WildexHeaders.DELIVERY_ID, delivery.deliveryId().toString());
    out.setHeader(WildexHeaders.RECIPIENT_ID, delivery.recipient());
    out.setHeader(WildexHeaders.DUPLICATE_ID, delivery.deliveryId().toString());
    if (peer.isPresent()) {
      out.setHeader(WildexHeaders.PEER_REGION, participants.directory().region());
      out.setHeader(JmsConstants.JMS_DESTINATION_NAME, Endpoints.FEDERATION_OUT_PREFIX + peer.get().region());
    } else {
      out.setHeader(JmsConstants.JMS_DESTINATION_NAME, Endpoints.DELIVER_PREFIX + delivery.recipient());
    }
    LOG.info(
        "stage=wildex.deliver.fanout event={} packageId={} deliveryId={} recipient={} level={} withheld={} sha256={}",
        peer.isPresent() ? "HANDED_OVER peer=" + peer.get().region() : "ROUTED",
        delivery.packageId(),
        delivery.deliveryId(),
        delivery.recipient(),
        delivery.level().label(),
        delivery.manifest().withheld().size(),
        Digests.sha256Hex(sealed));
  }

}
