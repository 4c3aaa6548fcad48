package org.wildex.routes.lifecycle;

import java.util.List;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.WildexException;
import org.wildex.contracts.audit.AuditEventType;
import org.wildex.contracts.lifecycle.ReleaseDecision;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.crypto.Digests;
import org.wildex.crypto.cms.Cms;
import org.wildex.crypto.pki.KeyHolder;
import org.wildex.routes.Participants;
import org.wildex.routes.WildexHeaders;
import org.wildex.routes.audit.AuditEntry;
import org.wildex.routes.audit.AuditStore;

/**
 * Opens a sealed release decision at the door (the client is an NGO, {@code IdentifySubmitter}) and decides whether the
 * hub takes it: signed by the client, for the request of the URL, a request waiting for this originator
 * ({@code REQUEST_UNKNOWN}, {@code NOT_ORIGINATOR}, {@code REQUEST_DECIDED} for a replayed decision), the package not
 * recalled; an approval must carry the package exactly as the hub accepted it (its signed content's hash is the one
 * the trail's ACCEPTED holds) and its originator's commitment, so the new view proves against the root the agency
 * holds. Leaves the sealed bytes as the body, addressed by request id.
 */
final class CheckReleaseDecision implements Processor {


  private final Participants participants;
  private final List<KeyHolder> hubKeys;
  private final ReleaseRequests requests;
  private final Recalls recalls;
  private final Supplier<AuditStore> trail;

  CheckReleaseDecision(Participants participants, List<KeyHolder> hubKeys, ReleaseRequests requests, Recalls recalls,
      Supplier<AuditStore> trail) {
    this.participants = participants;
    this.hubKeys = List.copyOf(hubKeys);
    this.requests = requests;
    this.recalls = recalls;
    this.trail = trail;
  }

  @Override
  public void process(Exchange exchange) throws Exception {
    Message in = exchange.getIn();
    String client = in.getHeader(WildexHeaders.CLIENT_ID, String.class);
    Cms.Opened opened = SealedRequests.open(in.getBody(byte[].class), hubKeys);
    participants.checkSigner(opened.signer(), client);
    ReleaseDecision decision = PackageCodec.fromJson(opened.content(), ReleaseDecision.class);
    if (decision.packageId() != null) {
      in.setHeader(WildexHeaders.PACKAGE_ID, decision.packageId().toString());
    }
    decision.checked();
    String requestId = decision.requestId().toString();
    if (!requestId.equals(exchange.getProperty(CheckRecall.PROP_PATH_ID, String.class))) {
      throw new WildexException(ReasonCode.REQUEST_INVALID, "the decision is for another request than the URL names");
    }
    ReleaseRequests.Row row = requests.find(decision.requestId()).orElseThrow(() -> new WildexException(
        ReasonCode.REQUEST_UNKNOWN, "no release request " + requestId));
    if (!row.originator().equals(client)) {
      throw new WildexException(ReasonCode.NOT_ORIGINATOR, "release request " + requestId + " is for another originator");
    }
    if (!row.packageId().equals(decision.packageId())) {
      throw new WildexException(ReasonCode.REQUEST_INVALID, "release request " + requestId + " is about another package");
    }
    if (!ReleaseRequests.PENDING.equals(row.status())) {
      throw new WildexException(ReasonCode.REQUEST_DECIDED, "release request " + requestId + " was " + row.status());
    }
    if (recalls.recallOf(row.packageId()).isPresent()) {
      throw new WildexException(ReasonCode.PACKAGE_RECALLED, "package " + row.packageId() + " was recalled");
    }
    if (decision.approved()) {
      Cms.Opened submitted = SealedRequests.open(SealedRequests.base64("submission", decision.submission()), hubKeys);
      participants.checkSigner(submitted.signer(), client);
      String accepted = acceptedContentSha256(row.packageId().toString());
      if (!Digests.sha256Hex(submitted.content()).equals(accepted)) {
        throw new WildexException(ReasonCode.REQUEST_INVALID,
            "submission: not the package the hub accepted as " + row.packageId());
      }
      if (PackageCodec.parse(submitted.content()).commitment() == null) {
        // the hub committed to it with a seed of its own, which it did not keep: a new view could not be proved
        // against the root the agency already holds
        throw new WildexException(ReasonCode.REQUEST_INVALID, "the package was sealed without a commitment"
            + " (wildex seal --no-commit, or openssl): its withheld fields cannot be released with a proof");
      }
    }
    in.setHeader(WildexHeaders.MESSAGE_KIND, WildexHeaders.KIND_RELEASE_DECISION);
    in.setHeader(WildexHeaders.TRACKING_ID, requestId);
    in.setHeader(WildexHeaders.DUPLICATE_ID, WildexHeaders.KIND_RELEASE_DECISION + ":" + requestId);
  }

  /** The hash of the signed package the trail's ACCEPTED holds for this package id. */
  private String acceptedContentSha256(String packageId) throws Exception {
    for (AuditEntry entry : trail.get().trail(packageId)) {
      if (entry.event().type() == AuditEventType.ACCEPTED && packageId.equals(entry.event().packageId())) {
        return entry.event().contentSha256();
      }
    }
    throw new WildexException(ReasonCode.PACKAGE_NOT_FOUND, "the trail holds no accepted package " + packageId);
  }
}
