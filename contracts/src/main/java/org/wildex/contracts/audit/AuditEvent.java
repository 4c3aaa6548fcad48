package org.wildex.contracts.audit;

import java.time.Instant;
import java.util.UUID;
import org.wildex.contracts.ReasonCode;

/**
 * One step of a package's life as the trail records it: ids, participants, route, policy version, hashes and a reason
 * code. It never holds intelligence content: no names, identifiers, summaries or sources, only what identifies and
 * proves (SHA-256 hex of ciphertext, plaintext, manifest or message).
 *
 * @param eventId unique id of this event (the store ignores a second event with the same id); a new event's id is
 *     time-ordered ({@link #newEventId})
 * @param type what happened
 * @param at when it happened (hub clock)
 * @param routeId the stage that did it, e.g. {@code wildex.process.open}
 * @param trackingId the submission's tracking id (known from intake on)
 * @param packageId the package id (known once the package is opened and parsed)
 * @param originator participant id of the submitting NGO
 * @param recipient participant id of the recipient of a delivery or receipt
 * @param deliveryId id of one delivery
 * @param level TLP label a recipient received
 * @param policyVersion sharing policy version in force for the decision
 * @param reason reason code of a rejection, or of a recall
 * @param ciphertextSha256 SHA-256 of the ciphertext as submitted
 * @param contentSha256 SHA-256 of the signed package as the originator wrote it (after decryption)
 * @param manifestSha256 SHA-256 of a delivery's redaction manifest (JSON)
 * @param messageSha256 SHA-256 of a sealed message the hub sent (a receipt)
 * @param withheldCount number of paths withheld from a recipient
 * @param attempt delivery attempt number for {@code REDELIVERED} and {@code DEAD_LETTERED}
 * @param rule the routing rule that made {@code recipient} a recipient ({@code ROUTED}); a recall's outcome for the
 *     delivery ({@code RECALLED}); the kind of a message that is not a delivery ({@code DELIVERED} of a recall notice)
 */
public record AuditEvent(
    UUID eventId,
    AuditEventType type,
    Instant at,
    String routeId,
    String trackingId,
    String packageId,
    String originator,
    String recipient,
    String deliveryId,
    String level,
    String policyVersion,
    ReasonCode reason,
    String ciphertextSha256,
    String contentSha256,
    String manifestSha256,
    String messageSha256,
    Integer withheldCount,
    Integer attempt,
    String rule) {

  /**
   * A fresh event id: a version 7 UUID (RFC 9562), the current Unix milliseconds in its first 48 bits and 74 bits of
   * {@link UUID#randomUUID()}'s secure randomness in the rest. Ids made one after the other sort together, as text
   * too, so the audit store's unique index on them grows at its end instead of at a random page for every event.
   */
  public static UUID newEventId() {
    UUID random = UUID.randomUUID();
    long msb = System.currentTimeMillis() << 16 | 0x7000L | random.getMostSignificantBits() & 0x0FFFL;
    return new UUID(msb, random.getLeastSignificantBits());
  }

  /** A builder with a fresh event id ({@link #newEventId}) and the current time. */
  public static Builder of(AuditEventType type, String routeId) {
    return new Builder(type, routeId);
  }

  /** Builds an event field by field; unset fields stay null. */
  public static final class Builder {
    private final AuditEventType type;
    private final String routeId;
    private UUID eventId = newEventId();
    private Instant at = Instant.now();
    private String trackingId;
    private String packageId;
    private String originator;
    private String recipient;
    private String deliveryId;
    private String level;
    private String policyVersion;
    private ReasonCode reason;
    private String ciphertextSha256;
    private String contentSha256;
    private String manifestSha256;
    private String messageSha256;
    private Integer withheldCount;
    private Integer attempt;
    private String rule;

    private Builder(AuditEventType type, String routeId) {
      this.type = type;
      this.routeId = routeId;
    }

    public Builder eventId(UUID v) { eventId = v; return this; }
    public Builder at(Instant v) { at = v; return this; }
    public Builder trackingId(String v) { trackingId = v; return this; }
    public Builder packageId(String v) { packageId = v; return this; }
    public Builder originator(String v) { originator = v; return this; }
    public Builder recipient(String v) { recipient = v; return this; }
    public Builder deliveryId(String v) { deliveryId = v; return this; }
    public Builder level(String v) { level = v; return this; }
    public Builder policyVersion(String v) { policyVersion = v; return this; }
    public Builder reason(ReasonCode v) { reason = v; return this; }
    public Builder ciphertextSha256(String v) { ciphertextSha256 = v; return this; }
    public Builder contentSha256(String v) { contentSha256 = v; return this; }
    public Builder manifestSha256(String v) { manifestSha256 = v; return this; }
    public Builder messageSha256(String v) { messageSha256 = v; return this; }
    public Builder withheldCount(Integer v) { withheldCount = v; return this; }
    public Builder attempt(Integer v) { attempt = v; return this; }
    public Builder rule(String v) { rule = v; return this; }

    public AuditEvent build() {
      return new AuditEvent(eventId, type, at, routeId, trackingId, packageId, originator, recipient, deliveryId, level,
          policyVersion, reason, ciphertextSha256, contentSha256, manifestSha256, messageSha256, withheldCount, attempt,
          rule);
    }
  }
}
