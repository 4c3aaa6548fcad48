package org.wildex.routes.federation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.WildexException;
import org.wildex.contracts.delivery.Delivery;
import org.wildex.contracts.delivery.DeliveryJson;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.redaction.FederatedRedaction;
import org.wildex.contracts.redaction.RedactedView;
import org.wildex.routes.Participants;
import org.wildex.routes.WildexHeaders;
import org.wildex.routes.audit.AuditTrail;
import org.wildex.routes.process.PackageCommitter;
import org.wildex.routes.process.Sharing;

/**
 * Applies this region's policy on top of what the origin region's policy let through ({@link FederatedRedaction}): the
 * recipient gets what neither withholds, with a proof that still verifies against the originator's root. The body
 * becomes the list of deliveries for the fanout (one, or none when this region's policy lets the recipient read
 * nothing, or when the recipient's certificate is revoked); the delivery keeps the origin's delivery id, so both trails and the recipient name it alike.
 */
final class NarrowHandOver implements Processor {

  /** Exchange property: the recipient, as this region's directory describes it. */
  static final String PROP_RECIPIENT = "wildex.federation.recipient";

  private final Participants participants;
  private final Sharing sharing;

  NarrowHandOver(Participants participants, Sharing sharing) {
    this.participants = participants;
    this.sharing = sharing;
  }

  @Override
  public void process(Exchange exchange) {
    Delivery arrived = exchange.getIn().getBody(Delivery.class);
    Participant recipient = exchange.getProperty(PROP_RECIPIENT, Participant.class);
    String region = exchange.getIn().getHeader(WildexHeaders.PEER_REGION, String.class);
    exchange.getIn().setHeader(WildexHeaders.POLICY_VERSION, sharing.policy().version());
    if (participants.isRevoked(recipient.id())) {
      // as if the recipient were not in this region's directory: nothing is sealed to a revoked certificate
      exchange.setProperty(WildexHeaders.PROP_NOT_ROUTED, List.of(recipient.id()));
      exchange.setProperty(WildexHeaders.PROP_DELIVERY_JSON, Map.of());
      exchange.getIn().setBody(List.of());
      return;
    }
    Optional<RedactedView> view;
    try {
      view = FederatedRedaction.narrow(arrived, sharing.redactor(), recipient, PackageCommitter.HASHER);
    } catch (IllegalArgumentException e) {
      throw new WildexException(ReasonCode.COMMITMENT_MISMATCH, "hand-over's proof does not match its view: "
          + e.getMessage(), e);
    }
    List<Delivery> deliveries = view.map(v -> List.of(new Delivery(arrived.deliveryId(), arrived.packageId(),
        arrived.originator(), arrived.recipient(), v.level(), Instant.now(),
        AuditTrail.PEER_RULE_PREFIX + region + "/" + arrived.routedBy(), v.manifest(), v.view()))).orElse(List.of());
    exchange.setProperty(WildexHeaders.PROP_DELIVERY_JSON,
        deliveries.isEmpty() ? Map.of() : Map.of(deliveries.get(0).deliveryId(), DeliveryJson.of(deliveries.get(0))));
    exchange.getIn().setBody(deliveries);
  }
}
