package org.wildex.routes.lifecycle;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.WildexException;
import org.wildex.contracts.lifecycle.RecallRequest;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.crypto.CryptoException;
import org.wildex.crypto.cms.Cms;
import org.wildex.crypto.pki.KeyHolder;
import org.wildex.routes.Participants;
import org.wildex.routes.WildexHeaders;

/**
 * Opens a sealed recall request at the door and decides whether the hub takes it: signed by the TLS client, a valid
 * request for the package of the URL, a package the hub accepted from this client, not recalled already. Leaves the
 * sealed bytes as the body (only ciphertext goes to the broker) and addresses them: package id, recall id, and the
 * recall id as the broker's duplicate id, so a retried request is carried out once.
 */
final class CheckRecall implements Processor {

  /** The header platform-http fills with the path's {@code {id}}. */
  static final String PATH_ID = "id";

  /** Exchange property: the path's package id, kept before the intake drops every request header. */
  static final String PROP_PATH_ID = "wildex.pathId";

  private final Participants participants;
  private final List<KeyHolder> hubKeys;
  private final Recalls recalls;

  CheckRecall(Participants participants, List<KeyHolder> hubKeys, Recalls recalls) {
    this.participants = participants;
    this.hubKeys = hubKeys;
    this.recalls = recalls;
  }

  @Override
  public void process(Exchange exchange) throws SQLException {
    Message in = exchange.getIn();
    String client = in.getHeader(WildexHeaders.CLIENT_ID, String.class);
    RecallRequest request = open(in.getBody(byte[].class), client);
    if (request.packageId() != null) {
      // the trail files even a refused recall under the package it names
      in.setHeader(WildexHeaders.PACKAGE_ID, request.packageId().toString());
    }
    UUID packageId = request.checked().packageId();
    if (!packageId.toString().equals(exchange.getProperty(PROP_PATH_ID, String.class))) {
      throw new WildexException(ReasonCode.REQUEST_INVALID, "the request recalls another package than the URL names");
    }
    String originator = recalls.originatorOf(packageId).orElseThrow(() -> new WildexException(
        ReasonCode.PACKAGE_NOT_FOUND, "the hub has accepted no package " + packageId + " (yet)"));
    if (!originator.equals(client)) {
      throw new WildexException(ReasonCode.NOT_ORIGINATOR, "package " + packageId + " was submitted by another participant");
    }
    String recallId = Recalls.recallId(packageId).toString();
    if (recalls.recallOf(packageId).isPresent()) {
      throw new WildexException(ReasonCode.PACKAGE_RECALLED, "package " + packageId + " was recalled already (recall "
          + recallId + ")");
    }
    in.setHeader(WildexHeaders.RECALL_ID, recallId);
    // from here on the recall id tracks the request: the answer, the broker's duplicate detection, the trail
    in.setHeader(WildexHeaders.TRACKING_ID, recallId);
    in.setHeader(WildexHeaders.DUPLICATE_ID, recallId);
  }

  /**
   * Opens the sealed request with the hub's keys, proves its signer is {@code client}, and binds the request (not yet
   * {@link RecallRequest#checked}); refuses with the matching reason code.
   */
  private RecallRequest open(byte[] sealed, String client) {
    Cms.Opened opened;
    try {
      opened = Cms.open(sealed, hubKeys);
    } catch (CryptoException e) {
      throw new WildexException(ReasonCode.valueOf(e.failure().name()), e.getMessage(), e);
    }
    participants.checkSigner(opened.signer(), client);
    return PackageCodec.fromJson(opened.content(), RecallRequest.class);
  }
}
