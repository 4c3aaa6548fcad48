package org.wildex.routes.lifecycle;

import java.util.List;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.jms.JmsConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wildex.contracts.delivery.Delivery;
import org.wildex.contracts.lifecycle.ReleaseRequest;
import org.wildex.contracts.lifecycle.ReleaseRequestNotice;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.crypto.cms.Cms;
import org.wildex.crypto.pki.KeyHolder;
import org.wildex.routes.Endpoints;
import org.wildex.routes.Participants;
import org.wildex.routes.WildexHeaders;

/**
 * A release request the door accepted (sealed bytes from {@code wildex.release}): records it as PENDING and seals the
 * originator a {@link ReleaseRequestNotice} (ids, requester, paths, justification; no content) for its receipts
 * address, marked {@code wildexMessageKind=release-request}. Keeps the record for the trail
 * ({@link WildexHeaders#PROP_RELEASE}).
 */
final class ForwardReleaseRequest implements Processor {

  private static final Logger LOG = LoggerFactory.getLogger(ForwardReleaseRequest.class);

  private final Participants participants;
  private final List<KeyHolder> hubKeys;
  private final ReleaseRequests requests;

  ForwardReleaseRequest(Participants participants, List<KeyHolder> hubKeys, ReleaseRequests requests) {
    this.participants = participants;
    this.hubKeys = List.copyOf(hubKeys);
    this.requests = requests;
  }

  @Override
  public void process(Exchange exchange) throws Exception {
    Message in = exchange.getIn();
    String requester = in.getHeader(WildexHeaders.CLIENT_ID, String.class);
    ReleaseRequest request = PackageCodec.fromJson(Cms.open(in.getBody(byte[].class), hubKeys).content(),
        ReleaseRequest.class);
    Delivery delivery = SealedRequests.hubDelivery(request.delivery(), hubKeys);
    UUID requestId = ReleaseRequest.requestId(delivery.deliveryId(), request.paths());
    ReleaseRequests.Row row = new ReleaseRequests.Row(requestId, delivery.packageId(), delivery.deliveryId(), requester,
        delivery.originator(), request.paths(), ReleaseRequests.PENDING);
    requests.record(row, request.requestedAt());
    ReleaseRequestNotice notice = new ReleaseRequestNotice(ReleaseRequestNotice.KIND, requestId, delivery.packageId(),
        delivery.deliveryId(), requester, request.paths(), request.justification(), request.requestedAt());
    byte[] sealed = Cms.seal(PackageCodec.toJson(notice), hubKeys.get(0), participants.certificate(row.originator()));
    in.removeHeaders("*");
    in.setBody(sealed);
    in.setHeader(WildexHeaders.MESSAGE_KIND, WildexHeaders.KIND_RELEASE_REQUEST);
    in.setHeader(WildexHeaders.TRACKING_ID, requestId.toString());
    in.setHeader(WildexHeaders.PACKAGE_ID, row.packageId().toString());
    in.setHeader(WildexHeaders.DUPLICATE_ID, WildexHeaders.KIND_RELEASE_REQUEST + ":" + requestId);
    in.setHeader(JmsConstants.JMS_DESTINATION_NAME, Endpoints.RECEIPTS_PREFIX + row.originator());
    exchange.setProperty(WildexHeaders.PROP_RELEASE, row);
    LOG.info("stage=wildex.lifecycle.release event=RELEASE_REQUESTED requestId={} packageId={} deliveryId={}"
        + " requester={} originator={} paths={}", requestId, row.packageId(), row.deliveryId(), requester,
        row.originator(), row.paths().size());
  }
}
