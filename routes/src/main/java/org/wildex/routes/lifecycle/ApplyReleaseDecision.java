package org.wildex.routes.lifecycle;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.jms.JmsConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wildex.contracts.delivery.Delivery;
import org.wildex.contracts.delivery.DeliveryJson;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.lifecycle.ReleaseDecision;
import org.wildex.contracts.lifecycle.ReleaseDeclined;
import org.wildex.contracts.pkg.IntelligencePackage;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.contracts.redaction.RedactedView;
import org.wildex.crypto.Digests;
import org.wildex.crypto.cms.Cms;
import org.wildex.crypto.pki.KeyHolder;
import org.wildex.routes.Endpoints;
import org.wildex.routes.Participants;
import org.wildex.routes.WildexHeaders;
import org.wildex.routes.process.PackageCommitter;
import org.wildex.routes.process.Sharing;

/**
 * A release decision the door accepted (sealed bytes from {@code wildex.release}). Approved: the package the decision
 * carries (as submitted, its hash checked at the door) is committed to again (the same salts, so the same Merkle root)
 * and redacted for the requesting agency with the released paths included ({@code Redactor.Prepared#redact(Participant,
 * java.util.Collection)}); the new delivery, marked {@code wildexMessageKind=release}, goes on the agency's address.
 * Declined: the agency gets a signed {@link ReleaseDeclined}. The request is marked decided; what happened is kept for
 * the trail ({@link WildexHeaders#PROP_RELEASE_OUTCOME}).
 */
final class ApplyReleaseDecision implements Processor {

  private static final Logger LOG = LoggerFactory.getLogger(ApplyReleaseDecision.class);


  private final Participants participants;
  private final List<KeyHolder> hubKeys;
  private final ReleaseRequests requests;
  private final Sharing sharing;

  ApplyReleaseDecision(Participants participants, List<KeyHolder> hubKeys, ReleaseRequests requests, Sharing sharing) {
    this.participants = participants;
    this.hubKeys = List.copyOf(hubKeys);
    this.requests = requests;
    this.sharing = sharing;
  }

  @Override
  public void process(Exchange exchange) throws Exception {
    Message in = exchange.getIn();
    ReleaseDecision decision = PackageCodec.fromJson(Cms.open(in.getBody(byte[].class), hubKeys).content(),
        ReleaseDecision.class);
    ReleaseRequests.Row request = requests.find(decision.requestId()).orElseThrow(() -> new IllegalStateException(
        "release request " + decision.requestId() + " is not on record"));
    Participant requester = participants.directory().find(request.requester()).orElseThrow(() ->
        new IllegalStateException("the requester " + request.requester() + " left the directory"));
    byte[] sealed;
    ReleaseRequests.Decided outcome;
    in.removeHeaders("*");
    if (decision.approved()) {
      Cms.Opened submitted = Cms.open(SealedRequests.base64("submission", decision.submission()), hubKeys);
      IntelligencePackage pkg = PackageCodec.parse(submitted.content());
      PackageCommitter.Committed committed = PackageCommitter.check(pkg, submitted.signer());
      RedactedView view = sharing.redactor().prepare(committed.leaves(), committed.commitments())
          .redact(requester, request.paths())
          .orElseThrow(() -> new IllegalStateException("the package is above what " + requester.id() + " may read"));
      UUID deliveryId = UUID.nameUUIDFromBytes(("wildex-release:" + request.requestId() + ":" + requester.id())
          .getBytes(StandardCharsets.UTF_8));
      Delivery delivery = new Delivery(deliveryId, pkg.id(), pkg.originator().org(), requester.id(), view.level(),
          Instant.now(), "release:" + request.requestId(), view.manifest(), null);
      DeliveryJson json = DeliveryJson.of(delivery, view.tree());
      sealed = Cms.seal(json.json(), hubKeys.get(0), participants.certificate(requester.id()));
      outcome = new ReleaseRequests.Decided(request, delivery, Digests.sha256Hex(json.manifestJson()));
      requests.decide(request.requestId(), ReleaseRequests.APPROVED);
      in.setHeader(WildexHeaders.MESSAGE_KIND, WildexHeaders.KIND_RELEASE);
      in.setHeader(WildexHeaders.DELIVERY_ID, deliveryId.toString());
      in.setHeader(WildexHeaders.DUPLICATE_ID, deliveryId.toString());
    } else {
      ReleaseDeclined declined = new ReleaseDeclined(ReleaseDeclined.KIND, request.requestId(), request.packageId(),
          request.deliveryId(), request.paths(), decision.text(), decision.decidedAt());
      sealed = Cms.seal(PackageCodec.toJson(declined), hubKeys.get(0), participants.certificate(requester.id()));
      outcome = new ReleaseRequests.Decided(request, null, null);
      requests.decide(request.requestId(), ReleaseRequests.DECLINED);
      in.setHeader(WildexHeaders.MESSAGE_KIND, WildexHeaders.KIND_RELEASE_DECLINED);
      in.setHeader(WildexHeaders.DELIVERY_ID, request.deliveryId().toString());
      in.setHeader(WildexHeaders.DUPLICATE_ID, WildexHeaders.KIND_RELEASE_DECLINED + ":" + request.requestId());
    }
    in.setBody(sealed);
    in.setHeader(WildexHeaders.TRACKING_ID, request.requestId().toString());
    in.setHeader(WildexHeaders.PACKAGE_ID, request.packageId().toString());
    in.setHeader(WildexHeaders.RECIPIENT_ID, requester.id());
    in.setHeader(JmsConstants.JMS_DESTINATION_NAME, Endpoints.DELIVER_PREFIX + requester.id());
    exchange.setProperty(WildexHeaders.PROP_RELEASE_OUTCOME, outcome);
    LOG.info("stage=wildex.lifecycle.release event={} requestId={} packageId={} requester={} deliveryId={}",
        decision.approved() ? "RELEASED" : "RELEASE_DECLINED", request.requestId(), request.packageId(), requester.id(),
        outcome.released() == null ? request.deliveryId() : outcome.released().deliveryId());
  }
}
