package org.wildex.routes.process;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.WildexException;
import org.wildex.contracts.delivery.Delivery;
import org.wildex.contracts.delivery.DeliveryJson;
import org.wildex.contracts.pkg.IntelligencePackage;
import org.wildex.contracts.policy.Policy;
import org.wildex.contracts.redaction.RedactedView;
import org.wildex.contracts.redaction.Redactor;
import org.wildex.contracts.routing.Routing;
import org.wildex.routes.WildexHeaders;

/**
 * Cuts the package down for each routed recipient with the sharing policy (the package's leaves and commitments were
 * computed once, at validation); a recipient that may read nothing of it gets nothing. The delivery id is derived from
 * (package, recipient), so a redelivered package produces the same delivery ids. Each delivery's JSON is written here,
 * once, its view from the redactor's JSON tree ({@link WildexHeaders#PROP_DELIVERY_JSON}); the deliveries in the body
 * carry everything else but no view records, which nothing after this stage reads (binding the tree to them was a
 * third of this stage's cost).
 */
public final class RedactPerRecipient implements Processor {

  /**
   * The version of the default policy shipped with wildex.
   *
   * @deprecated the hub decides with the policy it loaded ({@code WORKDIR/policy.yaml}), whose version is in the
   *     {@link WildexHeaders#POLICY_VERSION} header from {@code wildex.process.recipients} on, in every delivery
   *     manifest, and {@code Hub.policy().version()}; this constant is only right when the default is in force.
   */
  @Deprecated
  public static final String POLICY_VERSION = Policy.defaultPolicy().version();

  private final Sharing sharing;

  public RedactPerRecipient(Sharing sharing) {
    this.sharing = sharing;
  }

  @Override
  public void process(Exchange exchange) {
    IntelligencePackage pkg = exchange.getIn().getBody(IntelligencePackage.class);
    PackageCommitter.Committed committed = exchange.getProperty(WildexHeaders.PROP_COMMITTED, PackageCommitter.Committed.class);
    @SuppressWarnings("unchecked")
    List<Routing> routing = exchange.getProperty(WildexHeaders.PROP_ROUTING, List.class);
    Redactor.Prepared prepared = sharing.redactor().prepare(committed.leaves(), committed.commitments());
    Instant now = Instant.now();
    List<Delivery> deliveries = new ArrayList<>(routing.size());
    // each delivery's JSON written once, its view from the redactor's tree: sealed by the fanout, its manifest hashed
    // by the audit trail
    Map<UUID, DeliveryJson> json = new HashMap<>();
    for (Routing r : routing) {
      Optional<RedactedView> view = prepared.redact(r.participant());
      if (view.isPresent()) {
        Delivery d = delivery(pkg, r, view.get(), now);
        deliveries.add(d);
        json.put(d.deliveryId(), DeliveryJson.of(d, view.get().tree()));
      }
    }
    exchange.setProperty(WildexHeaders.PROP_DELIVERY_JSON, json);
    exchange.getIn().setBody(deliveries);
  }

  /**
   * The delivery's JSON as this stage (or the federation's narrowing) wrote it for {@code exchange}; written now from
   * the delivery's view records if it was not, and refused when there is neither (never a delivery without its view).
   */
  public static DeliveryJson json(Exchange exchange, Delivery delivery) {
    @SuppressWarnings("unchecked")
    Map<UUID, DeliveryJson> written = exchange.getProperty(WildexHeaders.PROP_DELIVERY_JSON, Map.class);
    DeliveryJson json = written == null ? null : written.get(delivery.deliveryId());
    if (json != null) {
      return json;
    }
    if (delivery.view() == null) {
      throw new WildexException(ReasonCode.INTERNAL_ERROR, "delivery " + delivery.deliveryId() + " has neither its JSON nor its view");
    }
    return DeliveryJson.of(delivery);
  }

  static UUID deliveryId(UUID packageId, String recipientId) {
    return UUID.nameUUIDFromBytes((packageId + ":" + recipientId).getBytes(StandardCharsets.UTF_8));
  }

  private static Delivery delivery(IntelligencePackage pkg, Routing routing, RedactedView view, Instant now) {
    String recipient = routing.participant().id();
    return new Delivery(
        deliveryId(pkg.id(), recipient),
        pkg.id(),
        pkg.originator().org(),
        recipient,
        view.level(),
        now,
        routing.rule(),
        view.manifest(),
        null);
  }
}
