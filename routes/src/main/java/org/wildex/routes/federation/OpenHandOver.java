package org.wildex.routes.federation;

import java.time.Instant;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.WildexException;
import org.wildex.contracts.delivery.Delivery;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.directory.Peer;
import org.wildex.contracts.lifecycle.RecallNotice;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.crypto.CryptoException;
import org.wildex.crypto.Digests;
import org.wildex.crypto.cms.Cms;
import org.wildex.crypto.pki.KeyHolder;
import org.wildex.routes.Participants;
import org.wildex.routes.WildexHeaders;

/**
 * Opens a hand-over from a peer region with this hub's key and proves where it comes from: the signature verifies, the
 * signer is exactly the hub certificate this directory names for a peer region, issued by that region's CA (trusted for
 * this only) and not revoked; the content is a delivery for an agency of this region. The body becomes the
 * {@link Delivery} as the origin hub redacted it, or, for a message marked {@code recall-notice}, the origin's
 * {@link RecallNotice} of a package it handed over; the ciphertext is kept so a refusal quarantines it unchanged.
 */
final class OpenHandOver implements Processor {

  /** The message kind of a peer region's recall notice ({@code SealRecallNotice} sets it). */

  private final Participants participants;
  private final List<KeyHolder> hubKeys;

  OpenHandOver(Participants participants, List<KeyHolder> hubKeys) {
    this.participants = participants;
    this.hubKeys = List.copyOf(hubKeys);
  }

  @Override
  public void process(Exchange exchange) {
    byte[] ciphertext = exchange.getIn().getBody(byte[].class);
    exchange.setProperty(WildexHeaders.PROP_CIPHERTEXT, ciphertext);
    exchange.getIn().setHeader(WildexHeaders.CIPHERTEXT_SHA256, Digests.sha256Hex(ciphertext));
    String claimed = exchange.getIn().getHeader(WildexHeaders.PEER_REGION, String.class);
    Cms.Opened opened;
    Peer peer;
    try {
      opened = Cms.open(ciphertext, hubKeys);
      peer = participants.peerHub(opened.signer()).orElseThrow(() -> new WildexException(ReasonCode.SIGNER_UNKNOWN,
          "hand-over signed by " + opened.signer().getSubjectX500Principal().getName()
              + ", which is no peer hub of the directory"));
      participants.checkIssuedByPeer(peer.region(), opened.signer(), Instant.now());
    } catch (CryptoException e) {
      throw new WildexException(ReasonCode.valueOf(e.failure().name()), e.getMessage(), e);
    }
    if (participants.isRevoked(opened.signer())) {
      throw new WildexException(ReasonCode.CERT_REVOKED, "the peer hub's certificate has been revoked");
    }
    if (claimed != null && !claimed.equals(peer.region())) {
      throw new WildexException(ReasonCode.SIGNER_UNKNOWN,
          "hand-over says it comes from region " + claimed + " but is signed by the hub of " + peer.region());
    }
    exchange.getIn().setHeader(WildexHeaders.PEER_REGION, peer.region());
    // the kind the sender put on the message picks how the content is read; the content must then be that kind
    if (WildexHeaders.KIND_RECALL_NOTICE.equals(exchange.getIn().getHeader(WildexHeaders.MESSAGE_KIND, String.class))) {
      openRecallNotice(exchange, opened.content(), peer);
      return;
    }
    exchange.getIn().removeHeader(WildexHeaders.MESSAGE_KIND);
    Delivery arrived;
    try {
      arrived = PackageCodec.fromJson(opened.content(), Delivery.class);
    } catch (RuntimeException e) {
      throw new WildexException(ReasonCode.JSON_MALFORMED, "hand-over is not a delivery: " + e.getMessage(), e);
    }
    if (arrived.packageId() == null || arrived.deliveryId() == null || arrived.view() == null
        || arrived.manifest() == null || arrived.manifest().proof() == null) {
      throw new WildexException(ReasonCode.CONTRACT_INVALID, "hand-over lacks its ids, view or proof");
    }
    exchange.getIn().setHeader(WildexHeaders.PACKAGE_ID, arrived.packageId().toString());
    exchange.getIn().setHeader(WildexHeaders.DELIVERY_ID, arrived.deliveryId().toString());
    Participant recipient = participants.directory().find(arrived.recipient())
        .filter(p -> p.kind().isAgency() && !participants.directory().isRemote(p.id()))
        .orElseThrow(() -> new WildexException(ReasonCode.RECIPIENT_UNKNOWN,
            "hand-over for " + arrived.recipient() + ", who is no agency of region " + participants.directory().region()));
    exchange.setProperty(NarrowHandOver.PROP_RECIPIENT, recipient);
    exchange.getIn().setBody(arrived);
  }

  /** A peer region's recall of a package it handed over here: body out the {@link RecallNotice}. */
  private void openRecallNotice(Exchange exchange, byte[] content, Peer peer) {
    RecallNotice notice;
    try {
      notice = PackageCodec.fromJson(content, RecallNotice.class);
    } catch (RuntimeException e) {
      throw new WildexException(ReasonCode.JSON_MALFORMED, "recall notice is not one: " + e.getMessage(), e);
    }
    if (!RecallNotice.KIND.equals(notice.kind()) || notice.packageId() == null || notice.deliveryId() == null
        || notice.reason() == null || notice.recalledAt() == null || notice.originator() == null) {
      throw new WildexException(ReasonCode.CONTRACT_INVALID, "recall notice from " + peer.region() + " lacks its kind or ids");
    }
    participants.directory().find(notice.recipient())
        .filter(p -> p.kind().isAgency() && !participants.directory().isRemote(p.id()))
        .orElseThrow(() -> new WildexException(ReasonCode.RECIPIENT_UNKNOWN,
            "recall notice for " + notice.recipient() + ", who is no agency of region " + participants.directory().region()));
    exchange.getIn().setHeader(WildexHeaders.PACKAGE_ID, notice.packageId().toString());
    exchange.getIn().setHeader(WildexHeaders.DELIVERY_ID, notice.deliveryId().toString());
    exchange.getIn().setBody(notice);
  }
}
