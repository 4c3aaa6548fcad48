package org.wildex.routes.audit;

import java.util.ArrayList;
import java.util.List;
import org.wildex.contracts.audit.AuditEvent;
import org.wildex.crypto.chain.ChainHash;

/**
 * One entry of the trail: its sequence number, the event, the previous entry's hash and its own hash. The hashed fields
 * and their order are fixed here ({@link #fields(AuditEvent)}); the store, {@code audit verify} and the evidence bundle
 * all recompute hashes with this one function.
 *
 * <p>The first {@value #V1_FIELDS} fields are always hashed, null or not. Fields added later go at the end and are
 * hashed only up to the last one that is set ({@link #canonical}), so entries written before a field existed keep
 * their hashes.
 */
public record AuditEntry(long seq, AuditEvent event, String prevHash, String entryHash) {

  /** Fields hashed in every entry, in order: eventId ... attempt. */
  public static final int V1_FIELDS = 18;

  /** The event's fields in hashing order, as the store keeps them (strings; null stays null), canonical. */
  public static List<String> fields(AuditEvent e) {
    List<String> f = new ArrayList<>(V1_FIELDS + 1);
    f.add(str(e.eventId()));
    f.add(str(e.type()));
    f.add(str(e.at()));
    f.add(e.routeId());
    f.add(e.trackingId());
    f.add(e.packageId());
    f.add(e.originator());
    f.add(e.recipient());
    f.add(e.deliveryId());
    f.add(e.level());
    f.add(e.policyVersion());
    f.add(str(e.reason()));
    f.add(e.ciphertextSha256());
    f.add(e.contentSha256());
    f.add(e.manifestSha256());
    f.add(e.messageSha256());
    f.add(str(e.withheldCount()));
    f.add(str(e.attempt()));
    f.add(e.rule());
    return canonical(f);
  }

  /** Drops unset fields after the first {@value #V1_FIELDS} from the end (see the class comment). */
  public static List<String> canonical(List<String> fields) {
    int end = fields.size();
    while (end > V1_FIELDS && fields.get(end - 1) == null) {
      end--;
    }
    return end == fields.size() ? fields : new ArrayList<>(fields.subList(0, end));
  }

  /** SHA-256 (hex) of the event's fields. */
  public static String bodyHash(AuditEvent e) {
    return ChainHash.hex(ChainHash.body(fields(e)));
  }

  /** The entry that follows {@code prevHash} at {@code seq}. */
  public static AuditEntry link(long seq, String prevHash, AuditEvent e) {
    return new AuditEntry(seq, e, prevHash, ChainHash.link(seq, prevHash, bodyHash(e)));
  }

  /** True when the stored entry hash is what its fields and previous hash give. */
  public boolean intact() {
    return entryHash.equals(ChainHash.link(seq, prevHash, bodyHash(event)));
  }

  private static String str(Object o) {
    return o == null ? null : o.toString();
  }
}
