package org.wildex.routes.lifecycle;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.WildexException;
import org.wildex.contracts.delivery.Delivery;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.lifecycle.ReleaseRequest;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.contracts.redaction.Releases;
import org.wildex.crypto.cms.Cms;
import org.wildex.crypto.pki.KeyHolder;
import org.wildex.routes.Participants;
import org.wildex.routes.WildexHeaders;
import org.wildex.routes.http.HttpsClient;

/**
 * Opens a sealed release request at the door and decides whether the hub takes it: from a registered participant,
 * signed by it, a valid request for the package of the URL, carrying a delivery the hub signed for that participant,
 * every path one its manifest withheld by a policy rule ({@link Releases#check}), the package not recalled. Leaves the
 * sealed bytes as the body and addresses them (request id, also the broker's duplicate id).
 */
final class CheckReleaseRequest implements Processor {


  private final Participants participants;
  private final List<KeyHolder> hubKeys;
  private final Recalls recalls;

  CheckReleaseRequest(Participants participants, List<KeyHolder> hubKeys, Recalls recalls) {
    this.participants = participants;
    this.hubKeys = List.copyOf(hubKeys);
    this.recalls = recalls;
  }

  @Override
  public void process(Exchange exchange) throws SQLException {
    Message in = exchange.getIn();
    Participant client = HttpsClient.identify(exchange, participants);
    in.setHeader(WildexHeaders.CLIENT_ID, client.id());
    Cms.Opened opened = SealedRequests.open(in.getBody(byte[].class), hubKeys);
    participants.checkSigner(opened.signer(), client.id());
    ReleaseRequest request = PackageCodec.fromJson(opened.content(), ReleaseRequest.class);
    if (request.packageId() != null) {
      in.setHeader(WildexHeaders.PACKAGE_ID, request.packageId().toString());
    }
    request.checked();
    if (!request.packageId().toString().equals(exchange.getProperty(CheckRecall.PROP_PATH_ID, String.class))) {
      throw new WildexException(ReasonCode.REQUEST_INVALID, "the request is for another package than the URL names");
    }
    Delivery delivery = SealedRequests.hubDelivery(request.delivery(), hubKeys);
    if (!request.packageId().equals(delivery.packageId())) {
      throw new WildexException(ReasonCode.REQUEST_INVALID, "the delivery carried is of another package");
    }
    Releases.check(delivery, client.id(), request.paths());
    if (recalls.recallOf(request.packageId()).isPresent()) {
      throw new WildexException(ReasonCode.PACKAGE_RECALLED, "package " + request.packageId() + " was recalled");
    }
    UUID requestId = ReleaseRequest.requestId(delivery.deliveryId(), request.paths());
    in.setHeader(WildexHeaders.MESSAGE_KIND, WildexHeaders.KIND_RELEASE_REQUEST);
    in.setHeader(WildexHeaders.TRACKING_ID, requestId.toString());
    in.setHeader(WildexHeaders.DUPLICATE_ID, WildexHeaders.KIND_RELEASE_REQUEST + ":" + requestId);
  }
}
