package org.wildex.routes.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.audit.AuditEvent;
import org.wildex.contracts.audit.AuditEventType;
import org.wildex.contracts.audit.SealedReceipt;
import org.wildex.crypto.chain.ChainHash;
import org.wildex.crypto.pki.DemoCa;
import org.wildex.crypto.pki.DemoPki;
import org.wildex.crypto.pki.FileKeyHolder;
import org.wildex.crypto.pki.KeyHolder;
import org.wildex.crypto.pki.Pem;
import org.wildex.crypto.pki.RetiredCertificates;

/**
 * What every audit store must do, run against H2 ({@link AuditStoreH2Test}) and PostgreSQL ({@link AuditStorePgIT}) with
 * the same Flyway migrations and real JDBC: chain, checkpoints, tamper evidence, dedupe, receipts, evidence bundles.
 */
abstract class AuditStoreContract {

  @TempDir static Path pki;
  static KeyHolder hub;
  static java.security.cert.X509Certificate ca;

  AuditStore store;
  AuditSettings settings;
  Checkpointing every5;

  /** A JDBC URL of a fresh, empty database or schema for one test. */
  abstract AuditSettings freshStore() throws Exception;

  /** Drops what {@link #freshStore} made. */
  void dropStore() throws Exception {}

  @BeforeAll
  static void hubKey() throws Exception {
    if (hub == null || !Files.exists(pki.resolve("hub.crt.pem"))) {
      DemoPki.create(pki, List.of());
      hub = FileKeyHolder.fromPem(pki.resolve("hub.crt.pem"), pki.resolve("hub.key.pem"));
      ca = Pem.readCertificate(pki.resolve("ca.crt.pem"));
    }
  }

  @BeforeEach
  void open() throws Exception {
    settings = freshStore();
    store = AuditStore.open(settings, 2, "audit-test");
    store.migrate();
    every5 = new Checkpointing(hub, 5, Duration.ofHours(1));
  }

  @AfterEach
  void close() throws Exception {
    if (store != null) {
      store.close();
    }
    dropStore();
  }

  static AuditEvent event(AuditEventType type, String packageId, String recipient) {
    return AuditEvent.of(type, "wildex.test").trackingId(packageId).packageId(packageId).originator("eia")
        .recipient(recipient).level(recipient == null ? null : "AMBER").reason(type == AuditEventType.REJECTED ? ReasonCode.NOT_CMS : null)
        .ciphertextSha256("ab".repeat(32)).withheldCount(recipient == null ? null : 1)
        .rule(recipient == null ? null : "agencies-of-countries-touched").build();
  }

  /** As {@link AuditWriter} appends: once, then after a failure again (with backoff), skipping what is already stored. */
  private void appendAsWriter(AuditStore node, List<AuditEvent> batch) throws Exception {
    try {
      node.append(batch, List.of(), false, every5);
    } catch (java.sql.SQLException refused) {
      for (int attempt = 1; ; attempt++) {
        try {
          node.append(batch, List.of(), true, every5);
          return;
        } catch (java.sql.SQLException again) {
          // the writer retries with backoff until it succeeds; on two busy cores three writers may collide often
          if (attempt == 50) {
            throw again;
          }
          Thread.sleep(attempt);
        }
      }
    }
  }

  /** Appends {@code n} events in batches of 3, alternating two packages; returns the package ids. */
  List<String> fill(int n) throws Exception {
    String a = UUID.randomUUID().toString();
    String b = UUID.randomUUID().toString();
    List<AuditEvent> batch = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      batch.add(event(i % 4 == 0 ? AuditEventType.RECEIVED : AuditEventType.ROUTED, i % 2 == 0 ? a : b, i % 4 == 0 ? null : "ncb-" + i));
      if (batch.size() == 3) {
        store.append(batch, List.of(), false, every5);
        batch.clear();
      }
    }
    store.append(batch, List.of(), false, every5);
    return List.of(a, b);
  }

  void sql(String statement) throws Exception {
    try (Connection c = store.dataSource().getConnection(); Statement st = c.createStatement()) {
      st.executeUpdate(statement);
    }
  }

  @Test
  void appends_in_sequence_each_entry_linked_to_the_previous_and_checkpointed_every_n() throws Exception {
    List<String> ids = fill(14);
    AuditStore.Head head = store.head();
    assertThat(head.seq()).isEqualTo(14);
    List<AuditEntry> all = new ArrayList<>();
    store.scan(1, 100, all::add);
    assertThat(all).extracting(AuditEntry::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L);
    assertThat(all.get(0).prevHash()).isEqualTo(ChainHash.GENESIS);
    for (int i = 1; i < all.size(); i++) {
      assertThat(all.get(i).prevHash()).isEqualTo(all.get(i - 1).entryHash());
      assertThat(all.get(i).intact()).isTrue();
    }
    // the first batch is signed at once, then the end of each batch that brought the head 5 or more past the last one
    assertThat(store.checkpoints()).extracting(AuditStore.StoredCheckpoint::seq).containsExactly(3L, 9L, 14L);
    assertThat(store.trail(ids.get(0))).hasSize(7).allSatisfy(e -> assertThat(e.event().packageId()).isEqualTo(ids.get(0)));

    AuditVerifier.Result r = AuditVerifier.verify(store, hub.certificate(), ca);
    assertThat(r.ok()).as(r.problem()).isTrue();
    assertThat(r.entries()).isEqualTo(14);
    assertThat(r.checkpoints()).isEqualTo(3);
    assertThat(r.uncovered()).isZero();
    store.append(List.of(event(AuditEventType.DELIVERED, ids.get(1), "ncb-la")), List.of(), false, every5);
    assertThat(AuditVerifier.verify(store, hub.certificate(), ca).uncovered()).isEqualTo(1);
    assertThat(store.checkpointIfDue(every5, true).checkpointSeq()).isEqualTo(15);
    assertThat(AuditVerifier.verify(store, hub.certificate(), ca).uncovered()).isZero();
  }

  @Test
  void verify_names_exactly_the_row_edited_in_the_database() throws Exception {
    fill(20);
    store.checkpointIfDue(every5, true);
    sql("UPDATE audit_entry SET recipient = 'ncb-xx' WHERE seq = 7");
    AuditVerifier.Result r = AuditVerifier.verify(store, hub.certificate(), ca);
    assertThat(r.ok()).isFalse();
    assertThat(r.firstBrokenSeq()).isEqualTo(7L);
    assertThat(r.problem()).contains("entry 7").contains("altered");
  }

  @Test
  void the_routing_rule_is_covered_by_the_hash_when_set_and_when_added_later() throws Exception {
    fill(8);
    assertThat(store.trail(firstPackage()).stream()
        .filter(e -> e.event().type() == AuditEventType.ROUTED)).allSatisfy(e -> assertThat(e.event().rule()).isNotNull());
    sql("UPDATE audit_entry SET routing_rule = 'named-recipient' WHERE seq = 2");
    assertThat(AuditVerifier.verify(store, hub.certificate(), ca).firstBrokenSeq()).isEqualTo(2L);
    sql("UPDATE audit_entry SET routing_rule = 'agencies-of-countries-touched' WHERE seq = 2");
    assertThat(AuditVerifier.verify(store, hub.certificate(), ca).ok()).isTrue();
    sql("UPDATE audit_entry SET routing_rule = 'named-recipient' WHERE seq = 1");
    assertThat(AuditVerifier.verify(store, hub.certificate(), ca).firstBrokenSeq()).as("a rule added to a RECEIVED entry").isEqualTo(1L);
  }

  private String firstPackage() throws Exception {
    List<AuditEntry> first = new ArrayList<>();
    store.scan(1, 1, first::add);
    return first.get(0).event().packageId();
  }

  @Test
  void verify_names_a_row_edited_into_something_unparseable_and_a_deleted_row() throws Exception {
    fill(12);
    sql("UPDATE audit_entry SET occurred_at = 'yesterday', event_type = 'NOTHING' WHERE seq = 4");
    assertThat(AuditVerifier.verify(store, hub.certificate(), ca).firstBrokenSeq()).isEqualTo(4L);
    sql("DELETE FROM audit_entry WHERE seq = 2");
    AuditVerifier.Result r = AuditVerifier.verify(store, hub.certificate(), ca);
    assertThat(r.firstBrokenSeq()).isEqualTo(2L);
    assertThat(r.problem()).contains("missing");
  }

  @Test
  void a_consistent_rewrite_of_entries_and_hashes_is_caught_by_the_signed_checkpoint() throws Exception {
    fill(10);
    store.checkpointIfDue(every5, true);
    // rewrite entry 8 and re-hash it and every later entry: the chain is consistent again, the hub's signature is not
    List<AuditStore.RawEntry> raws = new ArrayList<>();
    store.scanRaw(raws::add);
    String prev = raws.get(6).entryHash();
    for (AuditStore.RawEntry raw : raws.subList(7, raws.size())) {
      List<String> fields = new ArrayList<>(raw.fields());
      if (raw.seq() == 8) {
        fields.set(7, "ncb-forged");
        sql("UPDATE audit_entry SET recipient = 'ncb-forged' WHERE seq = 8");
      }
      String hash = ChainHash.link(raw.seq(), prev, ChainHash.hex(ChainHash.body(fields)));
      sql("UPDATE audit_entry SET prev_hash = '" + prev + "', entry_hash = '" + hash + "' WHERE seq = " + raw.seq());
      prev = hash;
    }
    sql("UPDATE audit_head SET entry_hash = '" + prev + "'");
    AuditVerifier.Result r = AuditVerifier.verify(store, hub.certificate(), ca);
    assertThat(r.ok()).isFalse();
    // checkpoints at 3 (first batch), 9 and 10: the one at 9 no longer matches; 4..9 is where the rewrite lies
    assertThat(r.firstBrokenSeq()).isEqualTo(4L);
    assertThat(r.problem()).contains("up to 9 differs from the head the hub signed");
  }

  @Test
  void writers_of_several_hub_nodes_append_one_chain_and_a_batch_both_took_is_stored_once() throws Exception {
    int nodes = 3;
    int ownBatches = 15;
    List<List<AuditEvent>> shared = new ArrayList<>();
    for (int k = 0; k < 10; k++) {
      String id = UUID.randomUUID().toString();
      shared.add(List.of(event(AuditEventType.RECEIVED, id, null), event(AuditEventType.ACCEPTED, id, null)));
    }
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(nodes);
    List<java.util.concurrent.Future<?>> done = new ArrayList<>();
    for (int n = 0; n < nodes; n++) {
      done.add(pool.submit(() -> {
        // each hub node has its own pool on the one database, and writes as AuditWriter does: a failed batch is
        // retried deduplicated (a batch another node's writer stored first, as after a failover; or a sequence
        // number another writer took first, which the database refuses)
        try (AuditStore node = AuditStore.open(settings, 1, "audit-node")) {
          for (int k = 0; k < ownBatches; k++) {
            String id = UUID.randomUUID().toString();
            appendAsWriter(node, List.of(event(AuditEventType.RECEIVED, id, null),
                event(AuditEventType.ROUTED, id, "ncb-la"), event(AuditEventType.ROUTED, id, "customs-la")));
            appendAsWriter(node, shared.get(k % shared.size()));
          }
        }
        return null;
      }));
    }
    for (java.util.concurrent.Future<?> f : done) {
      f.get(2, java.util.concurrent.TimeUnit.MINUTES);
    }
    pool.shutdown();

    long expected = nodes * ownBatches * 3L + shared.size() * 2L;
    assertThat(store.head().seq()).isEqualTo(expected);
    List<String> eventIds = new ArrayList<>();
    store.scan(1, expected, e -> eventIds.add(e.event().eventId().toString()));
    assertThat(eventIds).hasSize((int) expected).doesNotHaveDuplicates();
    AuditVerifier.Result r = AuditVerifier.verify(store, hub.certificate(), ca);
    assertThat(r.ok()).as(r.problem()).isTrue();
    assertThat(r.entries()).isEqualTo(expected);
  }

  @Test
  void a_batch_written_twice_is_stored_once_when_deduplicating() throws Exception {
    String id = UUID.randomUUID().toString();
    List<AuditEvent> batch = List.of(event(AuditEventType.RECEIVED, id, null), event(AuditEventType.REJECTED, id, null));
    SealedReceipt receipt = new SealedReceipt(id, null, "eia", "REJECTED", "AAEC");
    store.append(batch, List.of(receipt), false, every5);
    store.append(batch, List.of(receipt), true, every5);
    assertThat(store.head().seq()).isEqualTo(2);
    assertThat(store.trail(id)).hasSize(2);
    assertThat(store.receipt(id, "eia")).hasValue(receipt);
    assertThat(store.receipt(id, "wcs")).isEmpty();
  }

  @Test
  void a_batch_holding_one_message_twice_after_a_broker_failover_stores_it_once_when_deduplicating() throws Exception {
    String id = UUID.randomUUID().toString();
    AuditEvent received = event(AuditEventType.RECEIVED, id, null);
    AuditEvent accepted = event(AuditEventType.ACCEPTED, id, null);
    store.append(List.of(received, accepted, received, accepted), List.of(), true, every5);
    assertThat(store.head().seq()).isEqualTo(2);
    assertThat(store.trail(id)).extracting(e -> e.event().eventId()).containsExactly(received.eventId(), accepted.eventId());
  }

  @Test
  void an_evidence_bundle_proves_a_package_offline_and_shows_nothing_of_other_packages() throws Exception {
    List<String> ids = fill(13);
    store.checkpointIfDue(every5, true);
    Path bundle = pki.resolve("bundle-" + UUID.randomUUID() + ".zip");
    EvidenceBundle.Export export = EvidenceBundle.export(store, ids.get(0), hub.certificate(), ca, bundle);
    assertThat(export.entries()).isEqualTo(7);
    assertThat(export.uncovered()).isEmpty();

    EvidenceBundle.Verification v = EvidenceBundle.verify(bundle, null);
    assertThat(v.problems()).isEmpty();
    assertThat(v.entries()).isEqualTo(7);
    assertThat(EvidenceBundle.verify(bundle, List.of(ca)).ok()).isTrue();

    Map<String, byte[]> files = unzip(bundle);
    String json = new String(files.get("bundle.json"), StandardCharsets.UTF_8);
    assertThat(json).doesNotContain(ids.get(1));
    assertThat(files).containsKeys("hub.crt.pem", "ca.crt.pem", "README.txt");

    // change one recorded field in the bundle: it no longer verifies
    files.put("bundle.json", json.replaceFirst("\"recipient\":\"ncb-", "\"recipient\":\"ncx-").getBytes(StandardCharsets.UTF_8));
    Path forged = pki.resolve("forged-" + UUID.randomUUID() + ".zip");
    zip(forged, files);
    EvidenceBundle.Verification bad = EvidenceBundle.verify(forged, null);
    assertThat(bad.ok()).isFalse();
    assertThat(bad.problems()).anySatisfy(p -> assertThat(p).contains("do not hash"));
  }

  @Test
  void a_trail_spanning_a_hub_key_renewal_and_a_ca_rotation_verifies_with_the_retired_certificates() throws Exception {
    Path own = pki.resolve("rotation-" + UUID.randomUUID());
    char[] password = DemoPki.PASSWORD.toCharArray();
    DemoPki.create(own, List.of());
    String id = UUID.randomUUID().toString();
    Checkpointing oldKey = new Checkpointing(FileKeyHolder.fromPkcs12(own.resolve("hub.p12"), password), 1000, Duration.ofHours(1));
    store.append(List.of(event(AuditEventType.RECEIVED, id, null), event(AuditEventType.ACCEPTED, id, null)), List.of(), false, oldKey);
    store.checkpointIfDue(oldKey, true);

    DemoCa.beginRotation(own, password);
    DemoCa.renew(own, DemoPki.HUB_ID, password);
    DemoCa.finishRotation(own, password, Map.of("hub", Pem.readCertificate(own.resolve("hub.crt.pem"))));
    KeyHolder renewed = FileKeyHolder.fromPkcs12(own.resolve("hub.p12"), password);
    X509Certificate newCa = Pem.readCertificate(own.resolve("ca.crt.pem"));
    Checkpointing newKey = new Checkpointing(renewed, 1000, Duration.ofHours(1));
    store.append(List.of(event(AuditEventType.ROUTED, id, "ncb-la")), List.of(), false, newKey);
    store.checkpointIfDue(newKey, true);

    List<X509Certificate> hubs = RetiredCertificates.withRetired(own.resolve("hub.crt.pem"));
    List<X509Certificate> cas = RetiredCertificates.withRetired(own.resolve("ca.crt.pem"));
    assertThat(hubs).hasSize(2);
    assertThat(cas).hasSize(2);
    AuditVerifier.Result r = AuditVerifier.verify(store, hubs, cas);
    assertThat(r.ok()).as(r.problem()).isTrue();
    assertThat(r.checkpoints()).isEqualTo(2);
    assertThat(AuditVerifier.verify(store, renewed.certificate(), newCa).firstBrokenSeq())
        .as("without the retired certificates the older checkpoint does not verify").isEqualTo(1L);

    Path bundle = pki.resolve("bundle-" + UUID.randomUUID() + ".zip");
    EvidenceBundle.export(store, id, hubs, cas, bundle);
    Map<String, byte[]> files = unzip(bundle);
    assertThat(new String(files.get("hub.crt.pem"), StandardCharsets.US_ASCII).split("BEGIN CERTIFICATE", -1))
        .as("both hub certificates: entries 1-2 are proven by the old key's checkpoint, 3 by the new one's").hasSize(3);
    assertThat(new String(files.get("ca.crt.pem"), StandardCharsets.US_ASCII).split("BEGIN CERTIFICATE", -1)).hasSize(3);
    EvidenceBundle.Verification v = EvidenceBundle.verify(bundle, cas);
    assertThat(v.problems()).isEmpty();
    assertThat(v.checkpoints()).isEqualTo(2);
    assertThat(EvidenceBundle.verify(bundle, null).ok()).isTrue();
    assertThat(EvidenceBundle.verify(bundle, List.of(newCa)).problems()).as("pinned to the new CA alone")
        .anySatisfy(p -> assertThat(p).contains("is not the CA you gave"));
  }

  @Test
  void entries_after_the_last_checkpoint_are_exported_but_reported_uncovered() throws Exception {
    List<String> ids = fill(7);
    Path bundle = pki.resolve("bundle-" + UUID.randomUUID() + ".zip");
    EvidenceBundle.Export export = EvidenceBundle.export(store, ids.get(0), hub.certificate(), ca, bundle);
    assertThat(export.uncovered()).isNotEmpty();
    EvidenceBundle.Verification v = EvidenceBundle.verify(bundle, null);
    assertThat(v.ok()).isFalse();
    assertThat(v.problems()).anySatisfy(p -> assertThat(p).contains("not covered"));
  }

  // --- search --------------------------------------------------------------------------------------------------

  static final List<String> PARTICIPANTS = List.of("eia", "wcs", "ncb-la", "customs-la", "ncb-cn", "auditor");
  static final List<AuditEventType> TYPES =
      List.of(AuditEventType.RECEIVED, AuditEventType.ACCEPTED, AuditEventType.REJECTED, AuditEventType.ROUTED,
          AuditEventType.DELIVERED, AuditEventType.RECALLED, AuditEventType.AUDIT_QUERIED);
  static final List<String> LEVELS = java.util.Arrays.asList(null, "GREEN", "AMBER", "AMBER+STRICT", "RED");
  static final List<ReasonCode> REASONS = java.util.Arrays.asList(null, ReasonCode.NOT_CMS, ReasonCode.SIGNATURE_INVALID,
      ReasonCode.RECALL_LEGAL);
  static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

  /** {@code n} entries with every searchable field drawn at random (seeded), times spread over 30 days with microseconds. */
  List<AuditEvent> randomTrail(int n, long seed) throws Exception {
    java.util.Random r = new java.util.Random(seed);
    List<AuditEvent> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Instant at = T0.plusSeconds(r.nextInt(30 * 86_400)).plusNanos(1_000L * r.nextInt(1_000_000));
      events.add(AuditEvent.of(TYPES.get(r.nextInt(TYPES.size())), r.nextBoolean() ? "wildex.process.open" : "wildex.deliver.fanout")
          .at(at)
          .packageId(UUID.randomUUID().toString())
          .originator(r.nextInt(8) == 0 ? null : PARTICIPANTS.get(r.nextInt(PARTICIPANTS.size())))
          .recipient(r.nextBoolean() ? null : PARTICIPANTS.get(r.nextInt(PARTICIPANTS.size())))
          .level(LEVELS.get(r.nextInt(LEVELS.size())))
          .reason(REASONS.get(r.nextInt(REASONS.size())))
          .policyVersion(r.nextBoolean() ? "2026.1" : "2026.2")
          .build());
    }
    for (int i = 0; i < n; i += 50) {
      store.append(events.subList(i, Math.min(n, i + 50)), List.of(), false, every5);
    }
    return events;
  }

  /** A random query over the fields {@link #randomTrail} draws, each filter set half the time or less. */
  static AuditQuery randomQuery(java.util.Random r) {
    Instant from = r.nextInt(3) == 0 ? T0.plusSeconds(r.nextInt(20 * 86_400)).plusMillis(r.nextInt(1000)) : null;
    Instant to = r.nextInt(3) == 0 ? (from == null ? T0 : from).plusSeconds(1 + r.nextInt(10 * 86_400)) : null;
    return new AuditQuery(
        r.nextBoolean() ? PARTICIPANTS.get(r.nextInt(PARTICIPANTS.size())) : null,
        AuditQuery.Role.values()[r.nextInt(3)],
        some(r, TYPES),
        some(r, List.of(org.wildex.contracts.Tlp.GREEN, org.wildex.contracts.Tlp.AMBER_STRICT, org.wildex.contracts.Tlp.RED)),
        some(r, List.of(ReasonCode.NOT_CMS, ReasonCode.RECALL_LEGAL)),
        r.nextInt(4) == 0 ? "wildex.process.open" : null,
        r.nextInt(4) == 0 ? "2026.2" : null,
        from, to, r.nextBoolean(), null, 1 + r.nextInt(40));
  }

  private static <T> java.util.Set<T> some(java.util.Random r, List<T> values) {
    java.util.Set<T> s = new java.util.HashSet<>();
    if (r.nextInt(3) == 0) {
      values.forEach(v -> {
        if (r.nextBoolean()) {
          s.add(v);
        }
      });
    }
    return s;
  }

  /** What the query must find, by a plain filter over the events in the order they were appended (seq 1..n). */
  static List<Long> expected(List<AuditEvent> events, AuditQuery q) {
    List<Long> seqs = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      AuditEvent e = events.get(i);
      boolean participant = q.participant() == null || switch (q.role()) {
        case ORIGINATOR -> q.participant().equals(e.originator());
        case RECIPIENT -> q.participant().equals(e.recipient());
        case ANY -> q.participant().equals(e.originator()) || q.participant().equals(e.recipient());
      };
      long ms = e.at().toEpochMilli();
      if (participant
          && (q.types().isEmpty() || q.types().contains(e.type()))
          && (q.levels().isEmpty() || q.levels().stream().anyMatch(l -> l.label().equals(e.level())))
          && (q.reasons().isEmpty() || e.reason() != null && q.reasons().contains(e.reason()))
          && (q.route() == null || q.route().equals(e.routeId()))
          && (q.policyVersion() == null || q.policyVersion().equals(e.policyVersion()))
          && (q.from() == null || ms >= q.from().toEpochMilli())
          && (q.to() == null || ms < q.to().toEpochMilli())) {
        seqs.add(i + 1L);
      }
    }
    if (q.newestFirst()) {
      java.util.Collections.reverse(seqs);
    }
    return seqs;
  }

  /** Every page of the query, following the cursors; checks each page's size on the way. */
  List<Long> allPages(AuditQuery q) throws Exception {
    List<Long> seqs = new ArrayList<>();
    AuditQuery page = q;
    for (int pages = 0; ; pages++) {
      AuditStore.Page p = store.search(page);
      assertThat(p.entries().size()).isLessThanOrEqualTo(q.limit());
      assertThat(p.entries()).allSatisfy(e -> assertThat(e.intact()).isTrue());
      p.entries().forEach(e -> seqs.add(e.seq()));
      if (p.next() == null) {
        return seqs;
      }
      assertThat(p.entries()).as("a page with a next cursor is full").hasSize(q.limit());
      assertThat(pages).as("pages of " + q.canonical()).isLessThan(1000);
      page = q.after(p.next());
    }
  }

  @Test
  void a_search_finds_exactly_what_its_filters_select_page_by_page_in_either_order() throws Exception {
    List<AuditEvent> events = randomTrail(600, 7);
    java.util.Random r = new java.util.Random(11);
    for (int i = 0; i < 150; i++) {
      AuditQuery q = randomQuery(r);
      assertThat(allPages(q)).as(q.canonical()).containsExactlyElementsOf(expected(events, q));
    }
    // each filter on its own still selects something and not everything: the comparison above is not vacuous
    assertThat(allPages(AuditQuery.parseCanonical("participant=ncb-la&role=RECIPIENT&limit=1000")))
        .isNotEmpty().hasSizeLessThan(events.size());
    assertThat(allPages(AuditQuery.parseCanonical("level=AMBER+STRICT,RED&type=ROUTED&limit=1000"))).isNotEmpty();
  }

  @Test
  void a_search_read_in_many_small_windows_finds_the_same_and_late_entries_too() throws Exception {
    // times drawn at random over 30 days, appended in another order: every hour's seq range is wide, as after an outage
    List<AuditEvent> events = randomTrail(600, 13);
    store.withFirstWindow(3);
    java.util.Random r = new java.util.Random(17);
    for (int i = 0; i < 150; i++) {
      AuditQuery q = randomQuery(r);
      assertThat(allPages(q)).as(q.canonical()).containsExactlyElementsOf(expected(events, q));
    }
    // an hour that had nothing gets a late entry: a range over that hour finds it
    AuditEvent late = AuditEvent.of(AuditEventType.ROUTED, "wildex.deliver.fanout").at(Instant.parse("2026-10-15T10:20:30Z"))
        .recipient("ncb-la").level("AMBER").build();
    store.append(List.of(late), List.of(), false, every5);
    AuditQuery hour = AuditQuery.parseCanonical("from=2026-10-15T10:00:00Z&to=2026-10-15T11:00:00Z");
    assertThat(allPages(hour)).containsExactly((long) events.size() + 1);
    assertThat(allPages(AuditQuery.parseCanonical("from=2026-10-15T10:20:31Z&to=2026-10-15T11:00:00Z"))).isEmpty();
  }

  @Test
  void time_ranges_hold_to_the_millisecond_including_entries_written_before_the_store_kept_their_time() throws Exception {
    List<AuditEvent> events = randomTrail(200, 3);
    // a store from before V7: no entry's time in ms, no hour index; migrating fills both in
    sql("UPDATE audit_entry SET occurred_ms = NULL WHERE MOD(seq, 3) = 0");
    sql("DELETE FROM audit_time");
    store.migrate();
    AuditEvent some = events.get(57);
    Instant at = Instant.ofEpochMilli(some.at().toEpochMilli());
    AuditQuery exact = AuditQuery.parseCanonical("from=" + at + "&to=" + at.plusMillis(1) + "&limit=1000");
    assertThat(allPages(exact)).contains(58L).containsExactlyElementsOf(expected(events, exact));
    AuditQuery before = AuditQuery.parseCanonical("to=" + at + "&limit=1000");
    assertThat(allPages(before)).doesNotContain(58L).containsExactlyElementsOf(expected(events, before));
    AuditQuery month = AuditQuery.parseCanonical("from=2026-11-10&to=2026-11-20&order=asc&limit=1000");
    assertThat(allPages(month)).isNotEmpty().containsExactlyElementsOf(expected(events, month));
  }

  @Test
  void counts_per_participant_match_the_entries_and_the_oversight_view_adds_them_up() throws Exception {
    List<AuditEvent> events = randomTrail(400, 5);
    Instant from = T0.plusSeconds(5 * 86_400);
    Instant to = T0.plusSeconds(25 * 86_400);
    List<AuditStore.Count> counts = store.counts("ncb-la", from, to);
    for (AuditQuery.Role side : List.of(AuditQuery.Role.ORIGINATOR, AuditQuery.Role.RECIPIENT)) {
      for (AuditEventType type : TYPES) {
        AuditQuery q = new AuditQuery("ncb-la", side, java.util.Set.of(type), null, null, null, null, from, to, true, null, 1);
        long counted = counts.stream().filter(c -> c.side() == side && c.type() == type).mapToLong(AuditStore.Count::count).sum();
        assertThat(counted).as(side + " " + type).isEqualTo(expected(events, q).size());
      }
    }
    Oversight view = AuditSearchRoute.oversight(store, AuditQuery.parseCanonical("participant=ncb-la&from=" + from + "&to=" + to));
    AuditQuery routedTo = new AuditQuery("ncb-la", AuditQuery.Role.RECIPIENT, java.util.Set.of(AuditEventType.ROUTED), null,
        null, null, null, from, to, true, null, 1);
    assertThat(view.received().deliveries().values().stream().mapToLong(Long::longValue).sum())
        .isPositive().isEqualTo(expected(events, routedTo).size());
    AuditQuery rejected = new AuditQuery("ncb-la", AuditQuery.Role.ORIGINATOR, java.util.Set.of(AuditEventType.REJECTED),
        java.util.Set.of(), java.util.Set.of(ReasonCode.NOT_CMS), null, null, from, to, true, null, 1);
    assertThat(view.sent().rejected().getOrDefault("NOT_CMS", 0L)).isEqualTo(expected(events, rejected).size());
    AuditQuery latest = new AuditQuery("ncb-la", AuditQuery.Role.ANY, null, null, null, null, null, from, to, true, null, 1);
    assertThat(view.recent()).hasSize(Oversight.RECENT).extracting(AuditEntry::seq)
        .containsExactlyElementsOf(expected(events, latest).subList(0, Oversight.RECENT));
  }

  @Test
  void policy_replay_flags_what_the_named_policy_would_not_produce_and_an_edited_policy_text() throws Exception {
    org.wildex.contracts.policy.Policy policy = org.wildex.contracts.policy.Policy.defaultPolicy();
    String version = policy.version();
    store.archiveOnMigrate(AuditStore.PolicyText.of(version, org.wildex.contracts.policy.Policy.defaultText(), "test"));
    store.migrate();
    store.migrate(); // archived once per text, however often the store migrates
    assertThat(allPages(AuditQuery.parseCanonical("type=POLICY_ARCHIVED"))).hasSize(1);
    java.util.function.BiFunction<String, String, AuditEvent> routed = (recipient, level) ->
        AuditEvent.of(AuditEventType.ROUTED, "wildex.deliver.fanout").packageId(UUID.randomUUID().toString())
            .originator("eia").recipient(recipient).level(level).rule("route.investigate").policyVersion(version).build();
    AuditEvent fine = routed.apply("ncb-cn", "AMBER+STRICT");
    AuditEvent tooHigh = routed.apply("ncb-cn", "RED");
    AuditEvent older = AuditEvent.of(AuditEventType.ROUTED, "wildex.deliver.fanout").recipient("ncb-cn").level("AMBER")
        .rule("route.investigate").policyVersion("wildex-2019.1").build();
    store.append(List.of(fine, tooHigh, older, event(AuditEventType.DELIVERED, "p", "ncb-cn")), List.of(), false, every5);
    java.util.Map<String, org.wildex.contracts.directory.Participant> directory = java.util.Map.of("ncb-cn",
        new org.wildex.contracts.directory.Participant("ncb-cn", org.wildex.contracts.directory.ParticipantKind.NCB, "NCB",
            List.of("CN"), org.wildex.contracts.Tlp.RED, null));

    AuditReplay.Report report = AuditReplay.replay(store, id -> java.util.Optional.ofNullable(directory.get(id)), null, null);
    assertThat(report.checked()).isEqualTo(3);
    assertThat(report.flagged()).isEqualTo(1);
    assertThat(report.unreplayable()).isEqualTo(1);
    assertThat(report.ok()).isFalse();
    assertThat(report.entries()).extracting(AuditReplay.Flagged::level, f -> f.findings().get(0))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("RED", "ABOVE_CEILING"),
            org.assertj.core.groups.Tuple.tuple("AMBER", "POLICY_NOT_ARCHIVED"));
    assertThat(report.policies()).extracting(AuditReplay.PolicyCheck::version, AuditReplay.PolicyCheck::verified)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(version, true),
            org.assertj.core.groups.Tuple.tuple("wildex-2019.1", false));
    // a period without the forged entry: nothing flagged
    AuditReplay.Report none = AuditReplay.replay(store, id -> java.util.Optional.ofNullable(directory.get(id)),
        java.time.Instant.parse("2020-01-01T00:00:00Z"), java.time.Instant.parse("2020-01-02T00:00:00Z"));
    assertThat(none.checked()).isZero();
    assertThat(none.ok()).isTrue();

    // someone edits the archived text so that the forged delivery would pass: every entry of that version is flagged
    sql("UPDATE audit_policy SET policy_text = REPLACE(policy_text, 'route.investigate', 'route.investigat') WHERE version = '"
        + version + "'");
    AuditReplay.Report edited = AuditReplay.replay(store, id -> java.util.Optional.ofNullable(directory.get(id)), null, null);
    assertThat(edited.flagged()).isEqualTo(2);
    assertThat(edited.entries()).filteredOn(f -> version.equals(f.policyVersion()))
        .allSatisfy(f -> assertThat(f.findings()).containsExactly("POLICY_TEXT_UNVERIFIED"));
    assertThat(edited.policies()).filteredOn(c -> c.version().equals(version)).singleElement()
        .satisfies(c -> assertThat(c.problem()).contains("does not hash"));
  }

  @Test
  void an_inquiry_bundle_of_a_search_verifies_and_covers_exactly_its_entries() throws Exception {
    List<AuditEvent> events = randomTrail(300, 7);
    store.checkpointIfDue(every5, true);
    AuditQuery q = AuditQuery.parseCanonical("participant=ncb-la&role=recipient&type=ROUTED");
    List<AuditEntry> matched = store.matching(q, 10_000);
    assertThat(matched).extracting(AuditEntry::seq).containsExactlyElementsOf(
        expected(events, q).stream().sorted().toList());
    Path zip = pki.resolve("inquiry-" + UUID.randomUUID() + ".zip");
    EvidenceBundle.export(store, "search:" + q.canonical(), matched, List.of(hub.certificate()), List.of(ca), zip);
    EvidenceBundle.Verification v = EvidenceBundle.verify(zip, List.of(ca));
    assertThat(v.problems()).isEmpty();
    assertThat(v.entries()).isEqualTo(matched.size());
    assertThatThrownBy(() -> store.matching(AuditQuery.all(), 10))
        .isInstanceOf(org.wildex.contracts.WildexException.class).hasMessageContaining("narrow the search");
  }

  static Map<String, byte[]> unzip(Path zip) throws Exception {
    Map<String, byte[]> files = new HashMap<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        files.put(e.getName(), in.readAllBytes());
      }
    }
    return files;
  }

  static void zip(Path out, Map<String, byte[]> files) throws Exception {
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        zip.putNextEntry(new ZipEntry(f.getKey()));
        zip.write(f.getValue());
        zip.closeEntry();
      }
    }
  }
}
