package org.wildex.routes.lifecycle;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.jms.JmsConstants;
import org.wildex.contracts.lifecycle.RecallReceipt;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.crypto.CryptoException;
import org.wildex.crypto.cms.Cms;
import org.wildex.crypto.pki.KeyHolder;
import org.wildex.routes.Endpoints;
import org.wildex.routes.Participants;
import org.wildex.routes.WildexHeaders;

/**
 * Seals the recall receipt to the originator and addresses it to {@code wildex.receipts.<originator>}, marked
 * {@code wildexMessageKind=recall-receipt}; keeps the ids the trail records as headers.
 */
final class SealRecallReceipt implements Processor {


  private final Participants participants;
  private final KeyHolder hubKey;

  SealRecallReceipt(Participants participants, KeyHolder hubKey) {
    this.participants = participants;
    this.hubKey = hubKey;
  }

  @Override
  public void process(Exchange exchange) throws CryptoException {
    RecallReceipt receipt = exchange.getProperty(WildexHeaders.PROP_RECALL_RECEIPT, RecallReceipt.class);
    byte[] sealed = Cms.seal(PackageCodec.toJson(receipt), hubKey, participants.certificate(receipt.originator()));
    Message out = exchange.getIn();
    out.removeHeaders("*");
    out.setBody(sealed);
    out.setHeader(WildexHeaders.MESSAGE_KIND, WildexHeaders.KIND_RECALL_RECEIPT);
    out.setHeader(WildexHeaders.TRACKING_ID, receipt.recallId().toString());
    out.setHeader(WildexHeaders.RECALL_ID, receipt.recallId().toString());
    out.setHeader(WildexHeaders.PACKAGE_ID, receipt.packageId().toString());
    out.setHeader(WildexHeaders.CLIENT_ID, receipt.originator());
    out.setHeader(WildexHeaders.DUPLICATE_ID, WildexHeaders.KIND_RECALL_RECEIPT + ":" + receipt.recallId());
    out.setHeader(JmsConstants.JMS_DESTINATION_NAME, Endpoints.RECEIPTS_PREFIX + receipt.originator());
  }
}
