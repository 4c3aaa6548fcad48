package org.wildex.routes.process;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.wildex.contracts.delivery.Delivery;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.pkg.IntelligencePackage;
import org.wildex.contracts.redaction.RedactedView;
import org.wildex.contracts.redaction.Redactor;
import org.wildex.routes.WildexHeaders;

/**
 * Cuts the package down for each recipient; a recipient whose clearance is below the package level gets nothing. The
 * delivery id is derived from (package, recipient), so a redelivered package produces the same delivery ids.
 */
public final class RedactPerRecipient implements Processor {

  /** The sharing policy in force; policy-as-data replaces this first cut. */
  public static final String POLICY_VERSION = "first-cut-1";

  @Override
  public void process(Exchange exchange) {
    IntelligencePackage pkg = exchange.getIn().getBody(IntelligencePackage.class);
    @SuppressWarnings("unchecked")
    List<Participant> recipients = exchange.getProperty(WildexHeaders.PROP_RECIPIENTS, List.class);
    Instant now = Instant.now();
    List<Delivery> deliveries = new ArrayList<>(recipients.size());
    for (Participant recipient : recipients) {
      Redactor.redact(pkg, recipient, POLICY_VERSION)
          .ifPresent(view -> deliveries.add(delivery(pkg, recipient, view, now)));
    }
    exchange.getIn().setBody(deliveries);
  }

  static UUID deliveryId(UUID packageId, String recipientId) {
    return UUID.nameUUIDFromBytes((packageId + ":" + recipientId).getBytes(StandardCharsets.UTF_8));
  }

  private static Delivery delivery(IntelligencePackage pkg, Participant recipient, RedactedView view, Instant now) {
    return new Delivery(
        deliveryId(pkg.id(), recipient.id()),
        pkg.id(),
        pkg.originator().org(),
        recipient.id(),
        view.level(),
        now,
        view.manifest(),
        view.view());
  }
}
