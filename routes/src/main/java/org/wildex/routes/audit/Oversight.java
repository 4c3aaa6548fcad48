package org.wildex.routes.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.wildex.contracts.audit.AuditEventType;
import org.wildex.routes.audit.AuditQuery.Role;

/**
 * One participant's part in the exchange over a period, from the trail's counts ({@link AuditStore#counts}) and its
 * latest entries: what an oversight body asks first. Counts and ids only, never content, as the trail itself.
 *
 * @param participant whose
 * @param from start of the period (inclusive; null: since the trail began)
 * @param to end of the period (exclusive; null: until now)
 * @param sent as originator: what it submitted and what became of it
 * @param received as recipient: what was delivered to it and what it did
 * @param queries searches and reads of the trail it made (auditors)
 * @param recent its latest entries in the period, newest first
 */
public record Oversight(String participant, Instant from, Instant to, Sent sent, Received received, long queries,
    List<AuditEntry> recent) {

  /** How many latest entries the view lists. */
  public static final int RECENT = 10;

  /**
   * As originator.
   *
   * @param submissions submissions the hub took in (RECEIVED)
   * @param accepted packages accepted (ACCEPTED)
   * @param rejected rejections by reason code (REJECTED)
   * @param deliveries deliveries made of its packages, by level (ROUTED)
   * @param updates earlier packages its updates superseded (SUPERSEDED)
   * @param recalled deliveries withdrawn by its recalls and updates (RECALLED)
   * @param releasesDecided its answers to agencies' release requests, approved (RELEASED) and declined (RELEASE_DECLINED)
   * @param deadLettered submissions the broker gave up on (DEAD_LETTERED)
   */
  public record Sent(long submissions, long accepted, Map<String, Long> rejected, Map<String, Long> deliveries, long updates,
      long recalled, Map<String, Long> releasesDecided, long deadLettered) {}

  /**
   * As recipient.
   *
   * @param deliveries deliveries sealed to it, by level (ROUTED)
   * @param acknowledged messages it acknowledged (DELIVERED)
   * @param recalled deliveries withdrawn from it, by reason code (RECALLED)
   * @param releasesRequested its requests for withheld fields (RELEASE_REQUESTED)
   * @param released deliveries with released fields (RELEASED), by level
   * @param releasesDeclined its requests the originator declined (RELEASE_DECLINED)
   * @param notRouted packages left out for its revoked certificate (NOT_ROUTED)
   */
  public record Received(Map<String, Long> deliveries, long acknowledged, Map<String, Long> recalled, long releasesRequested,
      Map<String, Long> released, long releasesDeclined, long notRouted) {}

  /** The view from the participant's counts and latest entries. */
  public static Oversight of(String participant, Instant from, Instant to, List<AuditStore.Count> counts,
      List<AuditEntry> recent) {
    Sent sent = new Sent(
        total(counts, Role.ORIGINATOR, AuditEventType.RECEIVED),
        total(counts, Role.ORIGINATOR, AuditEventType.ACCEPTED),
        byReason(counts, Role.ORIGINATOR, AuditEventType.REJECTED),
        byLevel(counts, Role.ORIGINATOR, AuditEventType.ROUTED),
        total(counts, Role.ORIGINATOR, AuditEventType.SUPERSEDED),
        total(counts, Role.ORIGINATOR, AuditEventType.RECALLED),
        decisions(counts),
        total(counts, Role.ORIGINATOR, AuditEventType.DEAD_LETTERED));
    Received received = new Received(
        byLevel(counts, Role.RECIPIENT, AuditEventType.ROUTED),
        total(counts, Role.RECIPIENT, AuditEventType.DELIVERED),
        byReason(counts, Role.RECIPIENT, AuditEventType.RECALLED),
        total(counts, Role.RECIPIENT, AuditEventType.RELEASE_REQUESTED),
        byLevel(counts, Role.RECIPIENT, AuditEventType.RELEASED),
        total(counts, Role.RECIPIENT, AuditEventType.RELEASE_DECLINED),
        total(counts, Role.RECIPIENT, AuditEventType.NOT_ROUTED));
    return new Oversight(participant, from, to, sent, received,
        total(counts, Role.ORIGINATOR, AuditEventType.AUDIT_QUERIED), List.copyOf(recent));
  }

  private static long total(List<AuditStore.Count> counts, Role side, AuditEventType type) {
    return counts.stream().filter(c -> c.side() == side && c.type() == type).mapToLong(AuditStore.Count::count).sum();
  }

  private static Map<String, Long> byLevel(List<AuditStore.Count> counts, Role side, AuditEventType type) {
    Map<String, Long> m = new TreeMap<>();
    counts.stream().filter(c -> c.side() == side && c.type() == type)
        .forEach(c -> m.merge(c.level() == null ? "NONE" : c.level(), c.count(), Long::sum));
    return m;
  }

  private static Map<String, Long> byReason(List<AuditStore.Count> counts, Role side, AuditEventType type) {
    Map<String, Long> m = new TreeMap<>();
    counts.stream().filter(c -> c.side() == side && c.type() == type)
        .forEach(c -> m.merge(c.reason() == null ? "NONE" : c.reason().name(), c.count(), Long::sum));
    return m;
  }

  private static Map<String, Long> decisions(List<AuditStore.Count> counts) {
    Map<String, Long> m = new TreeMap<>();
    m.put("approved", total(counts, Role.ORIGINATOR, AuditEventType.RELEASED));
    m.put("declined", total(counts, Role.ORIGINATOR, AuditEventType.RELEASE_DECLINED));
    return m;
  }
}
