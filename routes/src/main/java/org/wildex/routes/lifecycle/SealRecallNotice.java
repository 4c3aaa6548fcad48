package org.wildex.routes.lifecycle;

import java.security.cert.X509Certificate;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.jms.JmsConstants;
import org.wildex.contracts.directory.Peer;
import org.wildex.contracts.lifecycle.RecallNotice;
import org.wildex.contracts.lifecycle.RecallOutcome;
import org.wildex.contracts.lifecycle.RecallReceipt;
import org.wildex.contracts.lifecycle.RecallRequest;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.crypto.CryptoException;
import org.wildex.crypto.cms.Cms;
import org.wildex.crypto.pki.KeyHolder;
import org.wildex.routes.Endpoints;
import org.wildex.routes.Participants;
import org.wildex.routes.WildexHeaders;

/**
 * Seals a recall notice (body: the outcome of one recipient) to that recipient and addresses it to
 * {@code wildex.deliver.<recipient>}, marked {@code wildexMessageKind=recall-notice}; for a recipient of a peer region,
 * seals it to that region's hub instead and puts it on {@code wildex.federation.out.<region>}, as its hand-over went.
 */
final class SealRecallNotice implements Processor {


  private final Participants participants;
  private final KeyHolder hubKey;

  SealRecallNotice(Participants participants, KeyHolder hubKey) {
    this.participants = participants;
    this.hubKey = hubKey;
  }

  @Override
  public void process(Exchange exchange) throws CryptoException {
    RecallOutcome outcome = exchange.getIn().getBody(RecallOutcome.class);
    RecallReceipt recall = exchange.getProperty(WildexHeaders.PROP_RECALL_RECEIPT, RecallReceipt.class);
    RecallRequest request = exchange.getProperty(WildexHeaders.PROP_RECALL, RecallRequest.class);
    RecallNotice notice = new RecallNotice(RecallNotice.KIND, recall.recallId(), recall.packageId(), outcome.deliveryId(),
        outcome.recipient(), recall.originator(), recall.reason(), request.text(), recall.recalledAt());
    Optional<Peer> peer = participants.directory().peerOf(outcome.recipient());
    X509Certificate to = peer.isPresent()
        ? participants.peerHubCertificate(peer.get().region()) : participants.certificate(outcome.recipient());
    byte[] sealed = Cms.seal(PackageCodec.toJson(notice), hubKey, to);
    Message out = exchange.getIn();
    out.removeHeaders("*");
    out.setBody(sealed);
    out.setHeader(WildexHeaders.MESSAGE_KIND, WildexHeaders.KIND_RECALL_NOTICE);
    out.setHeader(WildexHeaders.PACKAGE_ID, recall.packageId().toString());
    out.setHeader(WildexHeaders.DELIVERY_ID, outcome.deliveryId().toString());
    out.setHeader(WildexHeaders.RECIPIENT_ID, outcome.recipient());
    out.setHeader(WildexHeaders.RECALL_ID, recall.recallId().toString());
    out.setHeader(WildexHeaders.DUPLICATE_ID, WildexHeaders.KIND_RECALL_NOTICE + ":" + outcome.deliveryId());
    if (peer.isPresent()) {
      out.setHeader(WildexHeaders.PEER_REGION, participants.directory().region());
      out.setHeader(JmsConstants.JMS_DESTINATION_NAME, Endpoints.FEDERATION_OUT_PREFIX + peer.get().region());
    } else {
      out.setHeader(JmsConstants.JMS_DESTINATION_NAME, Endpoints.DELIVER_PREFIX + outcome.recipient());
    }
  }
}
