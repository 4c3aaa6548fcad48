package org.wildex.contracts.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuditEventTest {

  @Test
  void newEventIdsAreVersion7WithTheCurrentTimeFirst() {
    long before = System.currentTimeMillis();
    UUID id = AuditEvent.newEventId();
    long after = System.currentTimeMillis();
    assertEquals(7, id.version());
    assertEquals(2, id.variant()); // RFC 9562 / 4122 variant
    long millis = id.getMostSignificantBits() >>> 16;
    assertTrue(millis >= before && millis <= after, "timestamp " + millis + " outside [" + before + ", " + after + "]");
  }

  @Test
  void newEventIdsAreUniqueAndSortAsTextInTheOrderOfTheirMilliseconds() {
    List<UUID> ids = new ArrayList<>();
    Set<UUID> distinct = new HashSet<>();
    for (int i = 0; i < 200_000; i++) {
      UUID id = AuditEvent.newEventId();
      ids.add(id);
      distinct.add(id);
    }
    assertEquals(ids.size(), distinct.size());
    for (int i = 1; i < ids.size(); i++) {
      String earlier = ids.get(i - 1).toString();
      String later = ids.get(i).toString();
      // the first 13 characters are the milliseconds (12 hex digits and a dash): never decreasing, as text
      assertTrue(earlier.substring(0, 13).compareTo(later.substring(0, 13)) <= 0, earlier + " then " + later);
    }
  }

  @Test
  void theBuilderGivesEachEventAFreshTimeOrderedId() {
    AuditEvent a = AuditEvent.of(AuditEventType.DELIVERED, "wildex.broker").build();
    AuditEvent b = AuditEvent.of(AuditEventType.DELIVERED, "wildex.broker").build();
    assertEquals(7, a.eventId().version());
    assertTrue(!a.eventId().equals(b.eventId()));
  }
}
