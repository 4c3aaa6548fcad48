package org.wildex.routes.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.Tlp;
import org.wildex.contracts.WildexException;
import org.wildex.contracts.audit.AuditEventType;

/** The query language of {@code GET /api/v1/audit/events} and {@code wildex audit search}: what it reads and refuses. */
class AuditQueryTest {

  static Map<String, List<String>> params(String... pairs) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.computeIfAbsent(pairs[i], k -> new java.util.ArrayList<>()).add(pairs[i + 1]);
    }
    return m;
  }

  @Test
  void no_parameters_is_the_newest_page_of_everything() {
    AuditQuery q = AuditQuery.parse(Map.of());
    assertThat(q).isEqualTo(AuditQuery.all());
    assertThat(q.newestFirst()).isTrue();
    assertThat(q.limit()).isEqualTo(AuditQuery.DEFAULT_LIMIT);
    assertThat(q.canonical()).isEqualTo("order=desc&limit=100");
  }

  @Test
  void every_parameter_is_read() {
    AuditQuery q = AuditQuery.parse(params("participant", "customs-la", "role", "recipient", "type", "routed,Delivered",
        "level", "AMBER STRICT,red", "reason", "not_cms", "route", "wildex.deliver.fanout", "policy", "2026.1",
        "from", "2026-11-01", "to", "2026-12-01T12:00:00Z", "order", "asc", "cursor", "42", "limit", "7"));
    assertThat(q.participant()).isEqualTo("customs-la");
    assertThat(q.role()).isEqualTo(AuditQuery.Role.RECIPIENT);
    assertThat(q.types()).containsExactlyInAnyOrder(AuditEventType.ROUTED, AuditEventType.DELIVERED);
    assertThat(q.levels()).containsExactlyInAnyOrder(Tlp.AMBER_STRICT, Tlp.RED);
    assertThat(q.reasons()).containsExactly(ReasonCode.NOT_CMS);
    assertThat(q.route()).isEqualTo("wildex.deliver.fanout");
    assertThat(q.policyVersion()).isEqualTo("2026.1");
    assertThat(q.from()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
    assertThat(q.to()).isEqualTo(Instant.parse("2026-12-01T12:00:00Z"));
    assertThat(q.newestFirst()).isFalse();
    assertThat(q.cursor()).isEqualTo(42L);
    assertThat(q.limit()).isEqualTo(7);
    assertThat(q.canonical()).isEqualTo("participant=customs-la&role=RECIPIENT&type=DELIVERED,ROUTED&level=AMBER+STRICT,RED"
        + "&reason=NOT_CMS&route=wildex.deliver.fanout&policy=2026.1&from=2026-11-01T00:00:00Z&to=2026-12-01T12:00:00Z"
        + "&order=asc&cursor=42&limit=7");
    assertThat(AuditQuery.parseCanonical(q.canonical())).isEqualTo(q);
    assertThat(q.filters()).isEqualTo("participant=customs-la&role=RECIPIENT&type=DELIVERED,ROUTED&level=AMBER+STRICT,RED"
        + "&reason=NOT_CMS&route=wildex.deliver.fanout&policy=2026.1&from=2026-11-01T00:00:00Z&to=2026-12-01T12:00:00Z");
    assertThat(q.after(99).cursor()).isEqualTo(99L);
  }

  @Test
  void what_is_not_a_query_is_refused_with_its_reason_code_naming_the_parameter() {
    Map<String, Map<String, List<String>>> bad = new LinkedHashMap<>();
    bad.put("unknown parameter 'text'", params("text", "ivory"));
    bad.put("participant 'Customs LA'", params("participant", "Customs LA"));
    bad.put("type 'SEIZED'", params("type", "SEIZED"));
    bad.put("level 'PURPLE'", params("level", "PURPLE"));
    bad.put("reason 'BAD'", params("reason", "BAD"));
    bad.put("role 'owner'", params("role", "owner", "participant", "eia"));
    bad.put("from 'last week'", params("from", "last week"));
    bad.put("from must lie before to", params("from", "2026-12-01", "to", "2026-11-01"));
    bad.put("order 'up'", params("order", "up"));
    bad.put("cursor '-1'", params("cursor", "-1"));
    bad.put("limit must be 1..1000", params("limit", "5000"));
    bad.put("limit 'all'", params("limit", "all"));
    bad.put("route '", params("route", "x' OR '1'='1"));
    bad.put("given more than once", params("type", "ROUTED", "type", "DELIVERED"));
    bad.put("type has an empty value", params("type", "ROUTED,,DELIVERED"));
    bad.forEach((message, p) -> assertThatThrownBy(() -> AuditQuery.parse(p)).as(message)
        .isInstanceOfSatisfying(WildexException.class, e -> assertThat(e.reason()).isEqualTo(ReasonCode.QUERY_INVALID))
        .hasMessageContaining(message));
  }

  /** Whatever query is built, its canonical form reads back as the same query: what AUDIT_QUERIED records is exact. */
  @Test
  void the_canonical_form_reads_back_as_the_same_query() {
    Random r = new Random(2026);
    for (int i = 0; i < 1000; i++) {
      AuditQuery q = AuditStoreContract.randomQuery(r);
      if (r.nextBoolean()) {
        q = q.after(r.nextInt(1_000_000));
      }
      assertThat(AuditQuery.parseCanonical(q.canonical())).as(q.canonical()).isEqualTo(q);
    }
  }

  @Test
  void a_role_without_a_participant_means_nothing_and_is_not_recorded() {
    AuditQuery q = AuditQuery.parse(params("role", "originator", "type", "REJECTED"));
    assertThat(q.canonical()).isEqualTo("type=REJECTED&order=desc&limit=100");
    assertThat(Set.of(AuditQuery.parseCanonical(q.canonical()).types())).isEqualTo(Set.of(q.types()));
  }
}
