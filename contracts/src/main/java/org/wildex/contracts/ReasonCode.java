package org.wildex.contracts;

/**
 * The one catalogue of reasons a submission, delivery or request is refused, each with its HTTP status; the {@code
 * RECALL_*} codes are the reasons an originator withdrew a package (410 Gone).
 */
public enum ReasonCode {
  NOT_CMS(400, "body is not a CMS (PKCS#7) structure"),
  CMS_MALFORMED(400, "CMS structure is malformed or truncated"),
  NOT_ENCRYPTED_FOR_HUB(400, "message is not encrypted for the hub's certificate"),
  DECRYPT_FAILED(400, "message could not be decrypted or its authentication tag is wrong"),
  NOT_SIGNED(400, "content is not signed (no SignedData inside the envelope)"),
  SIGNATURE_INVALID(400, "signature does not verify against the content"),
  SIGNER_CERT_MISSING(400, "signature does not include the signer's certificate"),
  ALGORITHM_NOT_ALLOWED(400, "an encryption, key agreement, key transport, digest or signature algorithm is not on the hub's allowed list"),
  SIGNER_UNKNOWN(403, "signer certificate belongs to no participant in the directory"),
  SIGNER_UNTRUSTED(403, "signer certificate is not issued by the trusted CA"),
  CERT_EXPIRED(403, "certificate has expired"),
  CERT_NOT_YET_VALID(403, "certificate is not yet valid"),
  CERT_REVOKED(403, "certificate has been revoked"),
  SIGNER_NOT_CLIENT(403, "signer differs from the authenticated TLS client"),
  ORIGINATOR_NOT_SIGNER(403, "package originator differs from the signer's participant id"),
  CLIENT_CERT_REQUIRED(401, "a TLS client certificate is required"),
  CLIENT_NOT_REGISTERED(403, "TLS client certificate belongs to no participant in the directory"),
  CLIENT_NOT_NGO(403, "only NGO participants may submit packages"),
  CLIENT_NOT_AUDITOR(403, "only auditor participants may read the audit trail"),
  FRAME_INVALID(400, "a protocol frame is malformed or larger than the broker accepts"),
  LINK_REFUSED(403, "the broker refuses this link: participants only consume from their own queues"),
  PACKAGE_NOT_FOUND(404, "no such package is known to the hub for this participant"),
  PAYLOAD_TOO_LARGE(413, "body exceeds the maximum accepted size"),
  REQUEST_TIMEOUT(408, "request did not arrive whole within the time allowed"),
  EMPTY_BODY(400, "body is empty"),
  UNSUPPORTED_MEDIA_TYPE(415, "content type is not accepted here"),
  JSON_MALFORMED(400, "content is not well-formed UTF-8 JSON (or has duplicate keys, or escapes a lone surrogate)"),
  CONTRACT_INVALID(422, "package does not satisfy the package v1 contract"),
  MARKING_PATH_UNKNOWN(422, "a marking points at a path that is not in the package"),
  DUPLICATE_PACKAGE(409, "a package with this id was already accepted"),
  PACKAGE_FROM_FUTURE(422, "package createdAt lies in the future beyond the allowed clock skew"),
  PACKAGE_EXPIRED(422, "package has expired (handling.expires lies in the past)"),
  COMMITMENT_MISMATCH(422, "the package's commitment (Merkle root or the originator's signature over it) does not match the package"),
  RECIPIENT_UNKNOWN(422, "a named recipient is not in the directory or may not receive packages"),
  NO_RECIPIENTS(422, "no participant may receive this package"),
  NOT_ORIGINATOR(403, "only the package's originator may recall or update it"),
  PACKAGE_RECALLED(409, "the package was recalled by its originator; it cannot be recalled or updated again"),
  VERSION_CONFLICT(409, "an update must be the next version of the package it supersedes, which no other update has superseded yet"),
  NOT_RECIPIENT(403, "only the agency a delivery went to may ask for what was withheld from it"),
  PATH_NOT_WITHHELD(422, "a path asked for is neither withheld from the requester's delivery nor changed in it (its manifest lists what is)"),
  PATH_NOT_RELEASABLE(403, "a path asked for is kept from the requester by a built-in guarantee (sources, clearance, ...), which no originator can waive"),
  REQUEST_UNKNOWN(404, "no release request with this id is waiting for this originator"),
  REQUEST_DECIDED(409, "the release request was decided already"),
  QUERY_INVALID(400, "an audit query parameter is unknown or malformed (docs/audit.md lists them)"),
  NO_MATCH(404, "no audit entry matches the search"),
  REQUEST_INVALID(422, "request does not satisfy its contract (a field is missing or wrong, or its package id is not the URL's)"),
  RECALL_SOURCE_AT_RISK(410, "recalled by the originator: a source is at risk"),
  RECALL_INACCURATE(410, "recalled by the originator: the intelligence is inaccurate"),
  RECALL_LEGAL(410, "recalled by the originator for legal reasons"),
  RECALL_OTHER(410, "recalled by the originator (the recall notice says why)"),
  RECALL_SUPERSEDED(410, "withdrawn from this recipient: the originator's update of the package does not go to it"),
  DIRECTORY_INVALID(500, "participant directory file is invalid"),
  POLICY_INVALID(500, "sharing policy file is invalid"),
  HUB_UNAVAILABLE(503, "hub cannot accept work right now; retry later"),
  INTERNAL_ERROR(500, "unexpected error inside the hub");

  private final int httpStatus;
  private final String description;

  ReasonCode(int httpStatus, String description) {
    this.httpStatus = httpStatus;
    this.description = description;
  }

  /** HTTP status used when this reason answers an HTTP request. */
  public int httpStatus() {
    return httpStatus;
  }

  /** One-line human description, safe to show to any participant. */
  public String description() {
    return description;
  }
}
