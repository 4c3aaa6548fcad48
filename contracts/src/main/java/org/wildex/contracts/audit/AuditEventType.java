package org.wildex.contracts.audit;

/** What happened to a submission, package or delivery; one entry in the audit trail each. */
public enum AuditEventType {
  /** The hub holds the submitted ciphertext durably (HTTPS intake answered 202, or a door rejection below). */
  RECEIVED,
  /** The submission was refused, with a reason code. */
  REJECTED,
  /** The refused ciphertext is kept unchanged on {@code wildex.quarantine}. */
  QUARANTINED,
  /** The package opened, its signer is the submitting NGO, it satisfies the contract and has recipients. */
  ACCEPTED,
  /** One recipient's redacted delivery was sealed and put on its address (recipient, level, manifest hash). */
  ROUTED,
  /**
   * The routing chose a recipient that was then left out: its certificate is revoked (reason CERT_REVOKED), so nothing
   * was sealed to it; the package went to the others as if it were not in the directory.
   */
  NOT_ROUTED,
  /** The recipient's consumer acknowledged its delivery on the broker. */
  DELIVERED,
  /** The signed receipt (ACK or NACK) was put on the submitter's receipt address. */
  RECEIPT_SENT,
  /** The broker handed a submission to the hub's process stage again after a failed attempt. */
  REDELIVERED,
  /** The broker gave up on a submission after its last attempt and moved it to {@code wildex.dlq}. */
  DEAD_LETTERED,
  /**
   * The originator's recall was carried out for one delivery: the recall id as tracking id, the recall's reason code,
   * and its outcome as rule (WITHDRAWN, EXPOSED or HANDED_OVER).
   */
  RECALLED,
  /**
   * An update of the package was accepted: filed under the package it replaces, with the update's tracking id and
   * {@code superseded-by:<update's package id>} as rule (the update's own ACCEPTED names this package as
   * {@code supersedes:<package id>}).
   */
  SUPERSEDED,
  /**
   * An agency asked the originator to release paths withheld from its delivery; the request went to the originator
   * (recipient = the requesting agency, delivery id = its delivery, tracking id = the request id, withheld count = how
   * many paths; never the paths' content nor the justification).
   */
  RELEASE_REQUESTED,
  /**
   * The originator approved: a new delivery with the released paths went to the agency (recipient, delivery id of the
   * new delivery, level, manifest hash, tracking id = the request id, rule {@code release:<the earlier delivery id>}).
   */
  RELEASED,
  /** The originator declined; the agency was told (recipient, tracking id = the request id). */
  RELEASE_DECLINED,
  /**
   * Federation: a delivery for a recipient of another region, redacted with this region's policy, was sealed to that
   * region's hub and put on {@code wildex.federation.out.<region>} (recipient; delivery id = hand-over id; rule
   * {@code peer:<region>}; hash of the sealed hand-over).
   */
  HANDED_OVER,
  /**
   * Federation: a hand-over from another region's hub arrived and verified (same package id, delivery id = hand-over id
   * and sealed hash as the origin's {@code HANDED_OVER}; rule {@code peer:<region>}); its delivery follows as ROUTED.
   */
  RECEIVED_FROM_PEER,
  /**
   * Someone searched or read the trail (an auditor over HTTPS, or {@code wildex audit} on the hub host): who as
   * originator, the stage as route, the query's parameters as rule; never what it found.
   */
  AUDIT_QUERIED,
  /**
   * The hub archived the text of a sharing policy it decides with (once per text): version as policy version, the
   * text's SHA-256 as content hash, where it came from as rule. Policy replay checks the archived text against it.
   */
  POLICY_ARCHIVED
}
