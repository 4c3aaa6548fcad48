package org.wildex.routes;

/** Names of the message headers and exchange properties the hub's routes set; the only place they are spelled. */
public final class WildexHeaders {

  /** Hub-assigned id of one submission, returned to the sender with the 202 and carried by receipts. */
  public static final String TRACKING_ID = "wildexTrackingId";

  /** Participant id of the NGO whose verified TLS client certificate submitted the package. */
  public static final String CLIENT_ID = "wildexClientId";

  /** When the hub received the submission (ISO-8601 instant). */
  public static final String RECEIVED_AT = "wildexReceivedAt";

  /** SHA-256 (hex) of the ciphertext as submitted, so logs and trails can name it without content. */
  public static final String CIPHERTEXT_SHA256 = "wildexCiphertextSha256";

  /** Package id (UUID) once the package has been opened and validated. */
  public static final String PACKAGE_ID = "wildexPackageId";

  /** Delivery id (UUID) of one redacted, sealed delivery to one recipient. */
  public static final String DELIVERY_ID = "wildexDeliveryId";

  /** Participant id of the recipient of a delivery or receipt; picks the destination address. */
  public static final String RECIPIENT_ID = "wildexRecipientId";

  /** Reason code (from {@code ReasonCode}) of a rejection, on quarantined messages and NACKs. */
  public static final String REASON = "wildexReason";

  /** Artemis duplicate-detection id: the broker drops a second message with the same value on an address. */
  public static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

  /** Federation: on a hand-over, the region of the hub that sent it. */
  public static final String PEER_REGION = "wildexPeerRegion";

  /** SHA-256 (hex) of the signed package as its originator wrote it, once opened; audit events carry it. */
  public static final String CONTENT_SHA256 = "wildexContentSha256";

  /** Exchange property: the audit events (and sealed receipts) this exchange produced, published at its end. */
  public static final String PROP_AUDIT = "wildex.audit";

  /** Exchange property: the ciphertext as received, kept so a rejection can quarantine it unchanged. */
  public static final String PROP_CIPHERTEXT = "wildex.ciphertext";

  /** Exchange property: the participants a package is routed to, before redaction. */
  public static final String PROP_RECIPIENTS = "wildex.recipients";

  /** Exchange property: the routing decision per recipient ({@code Routing}: participant and the rule that routed it). */
  public static final String PROP_ROUTING = "wildex.routing";

  /**
   * Exchange property: ids of participants the routing chose but whose certificate is revoked, so nothing went to them
   * ({@code List<String>}; recorded as NOT_ROUTED).
   */
  public static final String PROP_NOT_ROUTED = "wildex.notRouted";

  /** Exchange property: the package's leaves and commitments, computed once at validation ({@code PackageCommitter.Committed}). */
  public static final String PROP_COMMITTED = "wildex.committed";

  /** Exchange property: each delivery's JSON by delivery id ({@code DeliveryJson}), written once at redaction. */
  public static final String PROP_DELIVERY_JSON = "wildex.deliveryJson";

  /** Version of the sharing policy that decides the package's routing and redaction (set from wildex.process.recipients on). */
  public static final String POLICY_VERSION = "wildexPolicyVersion";

  /** A recall's id (the same for every request to recall one package: {@code RecallIds}). */
  public static final String RECALL_ID = "wildexRecallId";

  /**
   * What a message on a participant's address is when it is not a delivery or a receipt: {@code recall-notice} on an
   * agency's address, {@code recall-receipt} on an NGO's receipts address. Clients may filter on it.
   */
  public static final String MESSAGE_KIND = "wildexMessageKind";

  /** {@link #MESSAGE_KIND}: a recall notice for a delivery (agency; also its hand-over to a peer region). */
  public static final String KIND_RECALL_NOTICE = "recall-notice";

  /** {@link #MESSAGE_KIND}: the originator's recall receipt (NGO receipts address). */
  public static final String KIND_RECALL_RECEIPT = "recall-receipt";

  /** {@link #MESSAGE_KIND}: an agency's release request (on {@code wildex.release}; then the originator's receipts address). */
  public static final String KIND_RELEASE_REQUEST = "release-request";

  /** {@link #MESSAGE_KIND}: the originator's decision on a release request (on {@code wildex.release}). */
  public static final String KIND_RELEASE_DECISION = "release-decision";

  /** {@link #MESSAGE_KIND}: a delivery with paths released on the originator's consent (agency). */
  public static final String KIND_RELEASE = "release";

  /** {@link #MESSAGE_KIND}: the originator declined a release request (agency). */
  public static final String KIND_RELEASE_DECLINED = "release-declined";

  /** Exchange property: the recall request being carried out ({@code RecallRequest}). */
  public static final String PROP_RECALL = "wildex.recall";

  /** Exchange property: what the recall found ({@code RecallReceipt}), for the notices and the originator's receipt. */
  public static final String PROP_RECALL_RECEIPT = "wildex.recallReceipt";

  /**
   * Exchange property: for an update, the version it supersedes and that version's deliveries
   * ({@code Superseding}), from {@code wildex.process.supersedes} on.
   */
  public static final String PROP_SUPERSEDING = "wildex.superseding";

  /** Exchange property: a release request as recorded ({@code ReleaseRequests.Row}), for the trail. */
  public static final String PROP_RELEASE = "wildex.release";

  /** Exchange property: what a release decision did ({@code ReleaseRequests.Decided}), for the trail. */
  public static final String PROP_RELEASE_OUTCOME = "wildex.releaseOutcome";

  private WildexHeaders() {}
}
