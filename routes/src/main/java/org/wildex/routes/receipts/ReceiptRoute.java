package org.wildex.routes.receipts;

import org.apache.camel.builder.RouteBuilder;
import org.wildex.crypto.pki.KeyHolder;
import org.wildex.routes.Endpoints;
import org.wildex.routes.Participants;
import org.wildex.routes.audit.AuditTrail;
import org.wildex.routes.errors.ErrorHandling;

/**
 * Stage {@code wildex.receipts.send}: tells the submitting NGO, signed and encrypted on {@code wildex.receipts.<ngo>},
 * which agencies received which level of its package, or why it was rejected.
 */
public final class ReceiptRoute extends RouteBuilder {

  private final Participants participants;
  private final KeyHolder hubKey;

  public ReceiptRoute(Participants participants, KeyHolder hubKey) {
    this.participants = participants;
    this.hubKey = hubKey;
  }

  @Override
  public void configure() {
    from(Endpoints.RECEIPT)
        .routeId("wildex.receipts.send")
        .routeConfigurationId(ErrorHandling.STAGE)
        .process(new SealReceipt(participants, hubKey))
        .to(Endpoints.RECEIPTS)
        .process(AuditTrail.receiptSent());
  }
}
