package org.wildex.routes.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wildex.contracts.audit.AuditEventType.ACCEPTED;
import static org.wildex.contracts.audit.AuditEventType.AUDIT_QUERIED;
import static org.wildex.contracts.audit.AuditEventType.RECEIPT_SENT;
import static org.wildex.contracts.audit.AuditEventType.RECEIVED;
import static org.wildex.contracts.audit.AuditEventType.ROUTED;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.wildex.contracts.audit.AuditEventType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.crypto.pki.Pem;
import org.wildex.crypto.pki.RevocationList;
import org.wildex.routes.audit.AuditSearchRoute.SearchAnswer;

/**
 * Auditors' questions about the exchange over real HTTPS on a running hub: search with paging, the oversight view,
 * every query recorded as AUDIT_QUERIED (parameters, not results), and refusals for everyone else and a revoked auditor.
 */
class AuditSearchIT {

  @TempDir static Path dir;
  static AuditHub hub;
  static String fromEia;
  static String fromWcs;

  @BeforeAll
  static void start() throws Exception {
    hub = AuditHub.start(dir, s -> s.withCheckpoints(5, Duration.ofSeconds(1)));
    List<AuditEventType> life = new ArrayList<>(List.of(RECEIVED, ACCEPTED, RECEIPT_SENT));
    life.addAll(Collections.nCopies(AuditHub.IVORY_AGENCIES.size(), ROUTED));
    for (String ngo : List.of("eia", "wcs")) {
      UUID id = UUID.randomUUID();
      assertThat(hub.submit(ngo, hub.seal(ngo, AuditHub.ivoryPackage(id, ngo))).statusCode()).isEqualTo(202);
      hub.awaitTrail(id.toString(), life, Duration.ofSeconds(30));
      hub.receipt(ngo);
      if (ngo.equals("eia")) {
        fromEia = id.toString();
      } else {
        fromWcs = id.toString();
      }
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (hub != null) {
      hub.close();
    }
  }

  static SearchAnswer search(String as, String query) throws Exception {
    HttpResponse<byte[]> answer = hub.get(as, AuditSearchRoute.SEARCH_PATH + "?" + query);
    assertThat(answer.statusCode()).as(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    return PackageCodec.fromJson(answer.body(), SearchAnswer.class);
  }

  @Test
  void an_auditor_finds_everything_that_went_to_one_agency_page_by_page() throws Exception {
    SearchAnswer all = search("auditor", "participant=customs-la&role=recipient&type=ROUTED&order=asc");
    assertThat(all.entries()).extracting(e -> e.event().packageId()).containsExactly(fromEia, fromWcs);
    assertThat(all.entries()).allSatisfy(e -> {
      assertThat(e.event().recipient()).isEqualTo("customs-la");
      assertThat(e.event().level()).isEqualTo("AMBER");
      assertThat(e.intact()).isTrue();
    });
    assertThat(all.next()).isNull();
    assertThat(all.query()).isEqualTo("participant=customs-la&role=RECIPIENT&type=ROUTED&order=asc&limit=100");

    // one entry a page, newest first, following the cursor the hub gives
    SearchAnswer first = search("auditor", "participant=customs-la&role=recipient&type=ROUTED&limit=1");
    assertThat(first.entries()).extracting(e -> e.event().packageId()).containsExactly(fromWcs);
    assertThat(first.next()).isNotNull();
    SearchAnswer second = search("auditor", "participant=customs-la&role=recipient&type=ROUTED&limit=1&cursor=" + first.next());
    assertThat(second.entries()).extracting(e -> e.event().packageId()).containsExactly(fromEia);
    assertThat(second.next()).as("the last page").isNull();

    // one NGO's packages, a time range that holds them and one that does not, a level no delivery had
    assertThat(search("auditor", "participant=eia&role=originator&type=ACCEPTED").entries())
        .extracting(e -> e.event().packageId()).containsExactly(fromEia);
    String today = Instant.now().toString().substring(0, 10);
    assertThat(search("auditor", "type=ACCEPTED&from=" + today).count()).isEqualTo(2);
    assertThat(search("auditor", "type=ACCEPTED&to=" + today).count()).isZero();
    assertThat(search("auditor", "type=ROUTED&level=AMBER%2BSTRICT").entries())
        .extracting(e -> e.event().recipient()).containsExactlyInAnyOrder("ncb-la", "ncb-la", "ncb-cn", "ncb-cn");
    assertThat(search("auditor", "type=ROUTED&level=RED").count()).isZero();
  }

  @Test
  void every_answered_query_is_in_the_trail_with_its_parameters_and_not_its_results() throws Exception {
    String marker = "participant=blo-mohan-boten&type=ROUTED&level=AMBER&order=asc&limit=3";
    SearchAnswer answered = search("auditor", marker);
    assertThat(answered.count()).isEqualTo(2);
    AuditEntry recorded = awaitQueried("auditor", answered.query());
    assertThat(recorded.event().routeId()).isEqualTo(AuditSearchRoute.SEARCH_ROUTE);
    assertThat(recorded.event().originator()).isEqualTo("auditor");
    assertThat(recorded.event().rule()).isEqualTo("participant=blo-mohan-boten&type=ROUTED&level=AMBER&order=asc&limit=3");
    // what it found is nowhere in the entry
    assertThat(recorded.event().packageId()).isNull();
    assertThat(recorded.event().recipient()).isNull();
    assertThat(recorded.event().deliveryId()).isNull();
    assertThat(recorded.event().trackingId()).isNull();

    // reading one package's trail is a query too
    assertThat(hub.get("auditor", "/api/v1/audit/packages/" + fromEia).statusCode()).isEqualTo(200);
    assertThat(awaitQueried("auditor", "id=" + fromEia).event().routeId()).isEqualTo(AuditHttpRoute.TRAIL_ROUTE);
    HttpResponse<byte[]> view = hub.get("auditor", AuditSearchRoute.OVERSIGHT_PATH + "?participant=eia");
    assertThat(view.statusCode()).isEqualTo(200);
    assertThat(awaitQueried("auditor", "participant=eia").event().routeId())
        .isEqualTo(AuditSearchRoute.OVERSIGHT_ROUTE);
  }

  @Test
  void the_oversight_view_counts_one_participants_part_in_the_exchange() throws Exception {
    HttpResponse<byte[]> eia = hub.get("auditor", AuditSearchRoute.OVERSIGHT_PATH + "?participant=eia&from=2026-01-01");
    assertThat(eia.statusCode()).isEqualTo(200);
    Oversight sent = PackageCodec.fromJson(eia.body(), Oversight.class);
    assertThat(sent.participant()).isEqualTo("eia");
    assertThat(sent.sent().submissions()).isEqualTo(1);
    assertThat(sent.sent().accepted()).isEqualTo(1);
    assertThat(sent.sent().rejected()).isEmpty();
    assertThat(sent.sent().deliveries()).containsEntry("AMBER", 3L).containsEntry("AMBER+STRICT", 2L);
    assertThat(sent.received().deliveries()).isEmpty();
    assertThat(sent.recent()).isNotEmpty().allSatisfy(e -> assertThat(List.of(e.event().originator(),
        String.valueOf(e.event().recipient()))).contains("eia"));

    Oversight agency = PackageCodec.fromJson(
        hub.get("auditor", AuditSearchRoute.OVERSIGHT_PATH + "?participant=ncb-cn").body(), Oversight.class);
    assertThat(agency.received().deliveries()).containsExactly(java.util.Map.entry("AMBER+STRICT", 2L));
    assertThat(agency.sent().accepted()).isZero();
  }

  @Test
  void only_auditors_search_and_a_bad_query_is_refused_with_its_reason() throws Exception {
    for (String other : List.of("eia", "customs-la", "blo-mohan-boten")) {
      for (String path : List.of(AuditSearchRoute.SEARCH_PATH + "?type=ROUTED", AuditSearchRoute.OVERSIGHT_PATH + "?participant=eia",
          AuditSearchRoute.BUNDLE_PATH + "?type=ROUTED", AuditSearchRoute.REPLAY_PATH)) {
        HttpResponse<byte[]> refused = hub.get(other, path);
        assertThat(refused.statusCode()).as(other + " " + path).isEqualTo(403);
        assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("CLIENT_NOT_AUDITOR");
      }
    }
    for (String bad : List.of(AuditSearchRoute.SEARCH_PATH + "?text=ivory", AuditSearchRoute.SEARCH_PATH + "?level=PURPLE",
        AuditSearchRoute.SEARCH_PATH + "?limit=100000", AuditSearchRoute.OVERSIGHT_PATH,
        AuditSearchRoute.OVERSIGHT_PATH + "?participant=eia&type=ROUTED", AuditSearchRoute.SEARCH_PATH + "?from=2026-13-45")) {
      HttpResponse<byte[]> refused = hub.get("auditor", bad);
      assertThat(refused.statusCode()).as(bad).isEqualTo(400);
      assertThat(new String(refused.body(), StandardCharsets.UTF_8)).as(bad).contains("QUERY_INVALID");
    }
  }

  @Test
  void an_inquiry_bundle_holds_every_entry_the_search_matches_and_verifies_offline() throws Exception {
    String filters = "participant=customs-la&type=ROUTED,DELIVERED";
    List<AuditEntry> matched = hub.hub.audit().store().matching(AuditQuery.parseCanonical(filters), 1000);
    assertThat(matched).isNotEmpty();
    // entries not yet under a signed checkpoint fail verification until the next one (1 s after traffic here)
    Instant deadline = Instant.now().plusSeconds(30);
    EvidenceBundle.Verification verified;
    Path zip = dir.resolve("inquiry.zip");
    do {
      HttpResponse<byte[]> answer = hub.get("auditor", AuditSearchRoute.BUNDLE_PATH + "?" + filters);
      assertThat(answer.statusCode()).as(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo(200);
      assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/zip"));
      Files.write(zip, answer.body());
      verified = EvidenceBundle.verify(zip, List.of(Pem.readCertificate(dir.resolve("pki/ca.crt.pem"))));
      Thread.sleep(verified.ok() ? 0 : 500);
    } while (!verified.ok() && Instant.now().isBefore(deadline));
    assertThat(verified.problems()).isEmpty();
    assertThat(verified.id()).isEqualTo("search:participant=customs-la&type=DELIVERED,ROUTED");
    assertThat(verified.entries()).isEqualTo(matched.size());
    assertThat(verified.checkpoints()).isPositive();
    awaitQueried("auditor", "participant=customs-la&type=DELIVERED,ROUTED");

    // a tampered entry in the bundle fails offline
    byte[] json = unzipped(zip, "bundle.json");
    String doctored = new String(json, StandardCharsets.UTF_8).replaceFirst("\"level\":\"AMBER\"", "\"level\":\"GREEN\"");
    assertThat(doctored).isNotEqualTo(new String(json, StandardCharsets.UTF_8));
    Path forged = dir.resolve("forged.zip");
    rezip(zip, forged, "bundle.json", doctored.getBytes(StandardCharsets.UTF_8));
    assertThat(EvidenceBundle.verify(forged, null).ok()).isFalse();

    // paging parameters, non-auditors, and a search that matches nothing are refused
    assertThat(hub.get("auditor", AuditSearchRoute.BUNDLE_PATH + "?type=ROUTED&limit=5").statusCode()).isEqualTo(400);
    assertThat(hub.get("eia", AuditSearchRoute.BUNDLE_PATH + "?type=ROUTED").statusCode()).isEqualTo(403);
    assertThat(hub.get("auditor", AuditSearchRoute.BUNDLE_PATH + "?type=ROUTED&level=RED").statusCode()).isEqualTo(404);
  }

  @Test
  void policy_replay_re_decides_every_delivery_with_the_archived_policy_and_finds_nothing_wrong() throws Exception {
    HttpResponse<byte[]> answer = hub.get("auditor", AuditSearchRoute.REPLAY_PATH + "?from=2026-01-01");
    assertThat(answer.statusCode()).as(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    AuditReplay.Report report = PackageCodec.fromJson(answer.body(), AuditReplay.Report.class);
    assertThat(report.checked()).isEqualTo(2L * AuditHub.IVORY_AGENCIES.size());
    assertThat(report.flagged()).isZero();
    assertThat(report.unreplayable()).isZero();
    assertThat(report.entries()).isEmpty();
    assertThat(report.policies()).singleElement().satisfies(c -> {
      assertThat(c.verified()).as(c.problem()).isTrue();
      assertThat(c.version()).isEqualTo(org.wildex.contracts.policy.Policy.defaultPolicy().version());
    });
    awaitQueried("auditor", "from=2026-01-01T00:00:00Z");
    assertThat(hub.get("eia", AuditSearchRoute.REPLAY_PATH).statusCode()).isEqualTo(403);
    assertThat(hub.get("auditor", AuditSearchRoute.REPLAY_PATH + "?participant=eia").statusCode()).isEqualTo(400);
  }

  static byte[] unzipped(Path zip, String name) throws Exception {
    try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(zip.toFile())) {
      return z.getInputStream(z.getEntry(name)).readAllBytes();
    }
  }

  static void rezip(Path from, Path to, String replaced, byte[] content) throws Exception {
    try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(from.toFile());
        java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(to))) {
      for (java.util.zip.ZipEntry e : java.util.Collections.list(z.entries())) {
        out.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
        out.write(e.getName().equals(replaced) ? content : z.getInputStream(e).readAllBytes());
        out.closeEntry();
      }
    }
  }

  @Test
  void a_revoked_auditor_is_refused_and_the_others_are_not() throws Exception {
    assertThat(search("inquiry", "type=ACCEPTED").count()).isEqualTo(2);
    RevocationList.revoke(dir.resolve("pki"), Pem.readCertificate(dir.resolve("pki/inquiry.crt.pem")));
    for (String path : List.of(AuditSearchRoute.SEARCH_PATH + "?type=ACCEPTED", AuditSearchRoute.OVERSIGHT_PATH + "?participant=eia",
        "/api/v1/audit/packages/" + fromEia, AuditSearchRoute.BUNDLE_PATH + "?type=ACCEPTED", AuditSearchRoute.REPLAY_PATH)) {
      HttpResponse<byte[]> refused = hub.get("inquiry", path);
      assertThat(refused.statusCode()).as(path).isEqualTo(403);
      assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("CERT_REVOKED");
    }
    assertThat(search("auditor", "type=ACCEPTED").count()).isEqualTo(2);
  }

  /** The AUDIT_QUERIED entry of {@code who} with exactly {@code query}, once the writer stored it. */
  static AuditEntry awaitQueried(String who, String query) throws Exception {
    Instant deadline = Instant.now().plusSeconds(20);
    AuditQuery q = AuditQuery.parseCanonical("participant=" + who + "&role=originator&type=AUDIT_QUERIED&limit=1000");
    while (Instant.now().isBefore(deadline)) {
      for (AuditEntry e : hub.hub.audit().store().search(q).entries()) {
        if (query.equals(e.event().rule())) {
          return e;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no AUDIT_QUERIED by " + who + " with " + query);
  }
}
