package org.wildex.ops.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import jakarta.jms.Connection;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Session;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildex.contracts.Tlp;
import org.wildex.contracts.delivery.Delivery;
import org.wildex.contracts.directory.Directory;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.directory.ParticipantKind;
import org.wildex.contracts.lifecycle.RecallOutcome;
import org.wildex.contracts.lifecycle.RecallReason;
import org.wildex.contracts.lifecycle.RecallReceipt;
import org.wildex.contracts.lifecycle.RecallRequest;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.contracts.receipt.Receipt;
import org.wildex.contracts.receipt.ReceiptDelivery;
import org.wildex.contracts.policy.Policy;
import org.wildex.contracts.redaction.ProofCheck;
import org.wildex.crypto.cms.Cms;
import org.wildex.crypto.pki.DemoPki;
import org.wildex.crypto.pki.DemoPki.KeyType;
import org.wildex.crypto.pki.Pem;
import org.wildex.ops.Workdir;
import org.wildex.ops.client.BrokerDrain;
import org.wildex.ops.client.Mailbox;
import org.wildex.ops.client.IntakeClient;
import org.wildex.ops.client.Tls;
import org.wildex.ops.demo.DemoSetup;
import org.wildex.routes.audit.AuditSettings;
import org.wildex.routes.audit.AuditStore;
import org.wildex.routes.audit.AuditVerifier;
import org.wildex.routes.process.PackageCommitter;
import org.wildex.routes.support.FreePorts;

/**
 * Two regional hubs, {@code africa} and {@code asia}, each its own JVM with its own CA, directory, policy and embedded
 * broker, on loopback. africa's directory names asia's hub as a peer and two of asia's agencies as reachable through it;
 * africa's broker forwards hand-overs to asia's over a core bridge (TLS, africa's hub certificate). An NGO submits in
 * africa; every package reaches africa's two agencies and asia's two once each, asia's redacted by both policies
 * (africa withholds subjects' addresses from NCBs, asia quantities), every proof verifies, both trails verify and record
 * the same hand-overs. Half-way through, asia's hub is killed (-9) and restarted: the bridge loses nothing.
 *
 * <p>Runs with {@code -Dwildex.cluster=true} ({@code .ci/run} sets it); no PostgreSQL (each region keeps its own H2
 * trail).
 */
class FederationIT {

  static final int PACKAGES = 60;
  static final List<String> AFRICA_AGENCIES = List.of("ncb-ke", "customs-ke");
  static final List<String> ASIA_RECIPIENTS = List.of("ncb-cn", "customs-cn");

  @TempDir Path dir;

  @BeforeEach
  void enabled() {
    ScaleOut.assumeEnabled();
  }

  @Test
  void packages_for_both_regions_reach_everyone_once_redacted_by_the_stricter_policy_and_both_trails_agree()
      throws Exception {
    Workdir asia = new Workdir(dir.resolve("asia"));
    Workdir africa = new Workdir(dir.resolve("africa"));
    int asiaBroker = FreePorts.next();
    int asiaHttps = FreePorts.next();
    int africaBroker = FreePorts.next();
    int africaHttps = FreePorts.next();
    regions(africa, asia, asiaBroker);

    List<HubProcess> hubs = new ArrayList<>();
    long t0 = System.nanoTime();
    try {
      HubProcess asiaHub = start(asia, asiaHttps, asiaBroker, "asia-1", hubs);
      start(africa, africaHttps, africaBroker, "africa", hubs);
      phase(t0, "both hubs up");

      LoadClient load = new LoadClient(africa);
      List<LoadClient.Sealed> packages = seal(africa, PACKAGES);
      String africaUrl = "https://localhost:" + africaHttps;
      load.submit(africaUrl, packages.subList(0, PACKAGES / 2), 2, n -> {});
      asiaHub.kill();
      phase(t0, "first half submitted, asia killed (-9)");
      load.submit(africaUrl, packages.subList(PACKAGES / 2, PACKAGES), 2, n -> {});
      phase(t0, "second half submitted while asia is down");
      start(asia, asiaHttps, asiaBroker, "asia-2", hubs);
      phase(t0, "asia restarted");

      refusals(africa, asia, asiaBroker);
      Received local = drain(africa, "tcp://127.0.0.1:" + africaBroker, AFRICA_AGENCIES, load.accepted.size());
      Received remote = drain(asia, "tcp://127.0.0.1:" + asiaBroker, ASIA_RECIPIENTS, load.accepted.size());
      phase(t0, "deliveries drained in both regions");
      for (HubProcess hub : hubs) {
        hub.stop();
      }

      Trail africaTrail = trail(africa);
      Trail asiaTrail = trail(asia);
      long duplicates = local.duplicates() + remote.duplicates();
      long lost = local.lost(load.accepted, AFRICA_AGENCIES) + remote.lost(load.accepted, ASIA_RECIPIENTS);
      System.out.printf(
          "FEDERATION TEST [africa -> asia over a core bridge, asia killed -9 and restarted mid-stream]: submitted=%d"
              + " accepted(202)=%d local-deliveries=%d remote-deliveries=%d handed-over=%d received-from-peer=%d"
              + " duplicates=%d lost=%d audit=%s(africa %d entries, asia %d entries) elapsed=%ds%n",
          PACKAGES, load.accepted.size(), local.count(), remote.count(), africaTrail.handOvers.size(),
          asiaTrail.handOvers.size(), duplicates, lost,
          africaTrail.chain.ok() && asiaTrail.chain.ok() ? "verified" : "BROKEN", africaTrail.chain.entries(),
          asiaTrail.chain.entries(), (System.nanoTime() - t0) / 1_000_000_000);

      assertThat(load.accepted).as("africa took every package").hasSize(PACKAGES);
      assertThat(local.problems).as("local deliveries: proof and africa's policy").isEmpty();
      assertThat(remote.problems).as("remote deliveries: proof and both policies").isEmpty();
      assertThat(duplicates).isZero();
      assertThat(lost).isZero();
      assertThat(africaTrail.chain.ok()).as("africa's trail verifies").isTrue();
      assertThat(asiaTrail.chain.ok()).as("asia's trail verifies").isTrue();
      assertThat(africaTrail.handOvers).as("one hand-over per package and remote recipient")
          .hasSize(PACKAGES * ASIA_RECIPIENTS.size());
      assertThat(asiaTrail.handOvers).as("asia received exactly what africa handed over (ids and manifest hashes)")
          .isEqualTo(africaTrail.handOvers);
      assertThat(asiaTrail.rejected).as("the forged hand-over, refused and quarantined in asia")
          .containsExactly("SIGNER_UNKNOWN");
      assertThat(asiaTrail.delivered).as("asia audited each remote delivery DELIVERED").isEqualTo(remote.count());
    } finally {
      for (HubProcess hub : hubs) {
        hub.close();
      }
      Path keep = Path.of("target", "federation-it");
      Files.createDirectories(keep);
      try (var logs = Files.list(dir)) {
        for (Path log : logs.filter(f -> f.toString().endsWith(".log")).toList()) {
          Files.copy(log, keep.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /**
   * A recall in africa of a package handed over to asia: africa withdraws or notifies its own agencies and sends the
   * notice over the bridge for each hand-over; asia withdraws the delivery still waiting (customs-cn) and notifies the
   * agency that took it (ncb-cn), with its own signature. The originator's receipt says HANDED_OVER for asia's two; both
   * trails record RECALLED under the same recall id and verify.
   */
  @Test
  void a_recall_crosses_the_hand_over_and_asia_withdraws_or_notifies_its_own_agencies() throws Exception {
    Workdir asia = new Workdir(dir.resolve("asia"));
    Workdir africa = new Workdir(dir.resolve("africa"));
    int asiaBroker = FreePorts.next();
    int asiaHttps = FreePorts.next();
    int africaBroker = FreePorts.next();
    int africaHttps = FreePorts.next();
    regions(africa, asia, asiaBroker);
    String africaBrokerUrl = "tcp://127.0.0.1:" + africaBroker;
    String asiaBrokerUrl = "tcp://127.0.0.1:" + asiaBroker;
    List<HubProcess> hubs = new ArrayList<>();
    try {
      start(asia, asiaHttps, asiaBroker, "recall-asia", hubs);
      start(africa, africaHttps, africaBroker, "recall-africa", hubs);
      LoadClient load = new LoadClient(africa);
      LoadClient.Sealed sealed = seal(africa, 1).get(0);
      String africaUrl = "https://localhost:" + africaHttps;
      load.submit(africaUrl, List.of(sealed), 1, n -> { });
      assertThat(load.accepted).containsExactly(sealed.id());
      // ncb-ke takes its delivery in africa, ncb-cn in asia once the hand-over is there; the customs take nothing
      assertThat(until(africa, africaBrokerUrl, "ncb-ke", 1)).extracting(Taken::kind).containsExactly("delivery");
      assertThat(until(asia, asiaBrokerUrl, "ncb-cn", 1)).extracting(Taken::kind).containsExactly("delivery");

      byte[] request = Cms.seal(PackageCodec.toJson(new RecallRequest(sealed.id(), RecallReason.INACCURATE, null,
          Instant.now())), africa.keys("eia"), africa.hubCertificate());
      IntakeClient.Answer answer = new IntakeClient(africaUrl, Tls.clientContext(africa.keys("eia"), africa.ca()))
          .recall(sealed.id(), request);
      assertThat(answer.status()).as(answer.reason() + " " + answer.description()).isEqualTo(202);

      RecallReceipt receipt = null;
      for (int i = 0; i < 60 && receipt == null; i++) {
        for (Mailbox.Item item : Mailbox.receipts(africa, "eia").fetch(africaBrokerUrl, DemoPki.PASSWORD, Duration.ofMillis(500))) {
          RecallReceipt r = PackageCodec.fromJson(item.json(), RecallReceipt.class);
          receipt = RecallReceipt.KIND.equals(r.kind()) ? r : receipt;
        }
      }
      assertThat(receipt).as("africa's recall receipt").isNotNull();
      assertThat(receipt.recipients()).extracting(RecallOutcome::recipient, RecallOutcome::outcome).containsExactlyInAnyOrder(
          tuple("ncb-ke", "EXPOSED"), tuple("customs-ke", "WITHDRAWN"), tuple("ncb-cn", "HANDED_OVER"),
          tuple("customs-cn", "HANDED_OVER"));

      assertThat(until(asia, asiaBrokerUrl, "ncb-cn", 1)).as("asia's notice to ncb-cn").extracting(Taken::kind)
          .containsExactly(NOTICE);
      assertThat(until(africa, africaBrokerUrl, "ncb-ke", 1)).extracting(Taken::kind).containsExactly(NOTICE);
      assertThat(until(asia, asiaBrokerUrl, "customs-cn", 0)).as("customs-cn never sees the recalled package").isEmpty();
      assertThat(until(africa, africaBrokerUrl, "customs-ke", 0)).isEmpty();
      for (HubProcess hub : hubs) {
        hub.stop();
      }

      try (AuditStore store = AuditStore.open(AuditSettings.defaults(asia.data()), 1, "federation-recall")) {
        assertThat(column(store, "SELECT recipient || ' ' || routing_rule || ' ' || route_id || ' ' || tracking_id"
            + " FROM audit_entry WHERE event_type = 'RECALLED'")).containsExactlyInAnyOrder(
            "ncb-cn EXPOSED wildex.federation.recall " + receipt.recallId(),
            "customs-cn WITHDRAWN wildex.federation.recall " + receipt.recallId());
        assertThat(AuditVerifier.verify(store, asia.hubCertificate(), asia.ca()).ok()).isTrue();
      }
      try (AuditStore store = AuditStore.open(AuditSettings.defaults(africa.data()), 1, "federation-recall")) {
        assertThat(column(store, "SELECT recipient || ' ' || routing_rule FROM audit_entry WHERE event_type = 'RECALLED'"))
            .containsExactlyInAnyOrder("ncb-ke EXPOSED", "customs-ke WITHDRAWN", "ncb-cn HANDED_OVER", "customs-cn HANDED_OVER");
        assertThat(AuditVerifier.verify(store, africa.hubCertificate(), africa.ca()).ok()).isTrue();
      }
    } finally {
      for (HubProcess hub : hubs) {
        hub.close();
      }
    }
  }

  /**
   * An update in africa that no longer touches China, of a package handed over to asia: asia's agencies are not
   * entitled to version 2, so africa sends the SUPERSEDED notice over the bridge for each hand-over and asia withdraws
   * version 1 where it still waits (customs-cn) or notifies the agency that took it (ncb-cn). Nothing of version 2 goes
   * to asia; the package is not recalled there (only those deliveries are taken back); both trails verify.
   */
  @Test
  void an_update_that_no_longer_goes_to_asia_takes_version_one_back_there() throws Exception {
    Workdir asia = new Workdir(dir.resolve("asia"));
    Workdir africa = new Workdir(dir.resolve("africa"));
    int asiaBroker = FreePorts.next();
    int asiaHttps = FreePorts.next();
    int africaBroker = FreePorts.next();
    int africaHttps = FreePorts.next();
    regions(africa, asia, asiaBroker);
    String africaBrokerUrl = "tcp://127.0.0.1:" + africaBroker;
    String asiaBrokerUrl = "tcp://127.0.0.1:" + asiaBroker;
    List<HubProcess> hubs = new ArrayList<>();
    try {
      start(asia, asiaHttps, asiaBroker, "update-asia", hubs);
      start(africa, africaHttps, africaBroker, "update-africa", hubs);
      LoadClient load = new LoadClient(africa);
      LoadClient.Sealed v1 = seal(africa, 1).get(0);
      String africaUrl = "https://localhost:" + africaHttps;
      load.submit(africaUrl, List.of(v1), 1, n -> { });
      assertThat(until(africa, africaBrokerUrl, "ncb-ke", 1)).extracting(Taken::kind).containsExactly("delivery");
      assertThat(until(asia, asiaBrokerUrl, "ncb-cn", 1)).extracting(Taken::kind).containsExactly("delivery");

      // version 2: the importer in China dropped, so the case is Kenya's only
      UUID v2 = UUID.randomUUID();
      String json = """
          {"id": "%s", "supersedes": "%s", "version": 2, "createdAt": "%s",
           "originator": {"org": "eia", "reference": "FED-UPDATE"},
           "title": "Raw ivory held in Mombasa", "tlp": "GREEN",
           "subjects": [{"ref": "S1", "type": "ORGANISATION", "name": "Exporter", "country": "KE", "address": "12 Moi Avenue, Mombasa"}],
           "commodities": [{"species": "Loxodonta africana", "product": "raw tusks", "quantity": 100, "unit": "kg"}],
           "requestedAction": "INVESTIGATE"}
          """.formatted(v2, v1.id(), Instant.now());
      load.submit(africaUrl, List.of(new LoadClient.Sealed(v2, "eia",
          Cms.seal(json.getBytes(StandardCharsets.UTF_8), africa.keys("eia"), africa.hubCertificate()))), 1, n -> { });
      assertThat(load.accepted).containsExactlyInAnyOrder(v1.id(), v2);

      Receipt receipt = null;
      for (int i = 0; i < 60 && receipt == null; i++) {
        for (Mailbox.Item item : Mailbox.receipts(africa, "eia").fetch(africaBrokerUrl, DemoPki.PASSWORD, Duration.ofMillis(500))) {
          Receipt r = PackageCodec.fromJson(item.json(), Receipt.class);
          receipt = v2.equals(r.packageId()) ? r : receipt;
        }
      }
      assertThat(receipt).as("africa's receipt for version 2").isNotNull();
      assertThat(receipt.status()).as(receipt.reason() + " " + receipt.detail()).isEqualTo(Receipt.ACCEPTED);
      assertThat(receipt.deliveries()).extracting(ReceiptDelivery::recipient).containsExactlyInAnyOrder("ncb-ke", "customs-ke");
      assertThat(receipt.superseded()).extracting(RecallOutcome::recipient, RecallOutcome::outcome).containsExactlyInAnyOrder(
          tuple("ncb-cn", "HANDED_OVER"), tuple("customs-cn", "HANDED_OVER"));

      assertThat(until(asia, asiaBrokerUrl, "ncb-cn", 1)).as("asia's notice to ncb-cn").extracting(Taken::kind)
          .containsExactly(NOTICE);
      assertThat(until(asia, asiaBrokerUrl, "customs-cn", 0)).as("customs-cn: version 1 withdrawn, no version 2").isEmpty();
      assertThat(until(africa, africaBrokerUrl, "ncb-ke", 1)).extracting(Taken::packageId).containsExactly(v2.toString());
      for (HubProcess hub : hubs) {
        hub.stop();
      }

      UUID withdrawal = UUID.nameUUIDFromBytes(("wildex-supersede:" + v2).getBytes(StandardCharsets.UTF_8));
      try (AuditStore store = AuditStore.open(AuditSettings.defaults(asia.data()), 1, "federation-update")) {
        assertThat(column(store, "SELECT recipient || ' ' || routing_rule || ' ' || reason || ' ' || tracking_id"
            + " FROM audit_entry WHERE event_type = 'RECALLED'")).containsExactlyInAnyOrder(
            "ncb-cn EXPOSED RECALL_SUPERSEDED " + withdrawal, "customs-cn WITHDRAWN RECALL_SUPERSEDED " + withdrawal);
        assertThat(column(store, "SELECT package_id FROM audit_entry WHERE package_id = '" + v2 + "'")).isEmpty();
        assertThat(AuditVerifier.verify(store, asia.hubCertificate(), asia.ca()).ok()).isTrue();
      }
      try (AuditStore store = AuditStore.open(AuditSettings.defaults(africa.data()), 1, "federation-update")) {
        assertThat(column(store, "SELECT recipient || ' ' || routing_rule FROM audit_entry WHERE event_type = 'RECALLED'"))
            .containsExactlyInAnyOrder("ncb-cn HANDED_OVER", "customs-cn HANDED_OVER");
        assertThat(AuditVerifier.verify(store, africa.hubCertificate(), africa.ca()).ok()).isTrue();
      }
    } finally {
      for (HubProcess hub : hubs) {
        hub.close();
      }
    }
  }

  /** The message kind of a recall notice on an agency's address. */
  static final String NOTICE = "recall-notice";

  /** One message an agency took: {@code delivery} or its {@code wildexMessageKind}, and the package id. */
  record Taken(String kind, String packageId) {}

  /**
   * What an agency takes from its address, opened with its key (signed by its own region's hub), until {@code expected}
   * messages came or 30 s passed; with {@code expected} 0, what comes within 3 s.
   */
  private static List<Taken> until(Workdir workdir, String brokerUrl, String agency, int expected) throws Exception {
    List<Taken> taken = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(expected == 0 ? 3 : 30).toNanos();
    while (taken.size() < Math.max(1, expected) && System.nanoTime() < deadline) {
      try (BrokerDrain drain = new BrokerDrain(brokerUrl, workdir.keyStore(agency), workdir.trustStore(), DemoPki.PASSWORD)) {
        drain.drain("wildex.deliver." + agency, Duration.ofMillis(500), (body, message) -> {
          Mailbox.openFromHub(body, workdir.keys(agency), workdir.hubCertificate(), workdir.ca());
          String kind = message.getStringProperty("wildexMessageKind");
          taken.add(new Taken(kind == null ? "delivery" : kind, message.getStringProperty("wildexPackageId")));
        });
      }
    }
    return taken;
  }

  /**
   * asia: the demo's participants and PKI; africa: an NGO, a Kenyan NCB and customs, an auditor, its own CA, and asia's
   * Chinese NCB and customs reachable through asia's hub. Each trusts the other's CA for TLS, each names the other's
   * hub; the policies differ by one rule each.
   */
  private static void regions(Workdir africa, Workdir asia, int asiaBroker) throws Exception {
    DemoSetup.create(asia);
    DemoPki.create(africa.pki(), List.of(
        new DemoPki.Subject("eia", "Environmental Investigation Agency", KeyType.EC_P256),
        new DemoPki.Subject("ncb-ke", "INTERPOL NCB KE", KeyType.EC_P256),
        new DemoPki.Subject("customs-ke", "Customs KE", KeyType.EC_P256),
        new DemoPki.Subject("auditor", "Exchange auditor", KeyType.EC_P256)));
    Path peerAsia = Files.createDirectories(africa.pki().resolve("peer-asia"));
    for (String f : List.of("hub.crt.pem", "ca.crt.pem", "ncb-cn.crt.pem", "customs-cn.crt.pem")) {
      Files.copy(asia.pki().resolve(f), peerAsia.resolve(f));
    }
    Path peerAfrica = Files.createDirectories(asia.pki().resolve("peer-africa"));
    for (String f : List.of("hub.crt.pem", "ca.crt.pem")) {
      Files.copy(africa.pki().resolve(f), peerAfrica.resolve(f));
    }
    trust(africa, peerAsia.resolve("ca.crt.pem"), "peer-asia-ca");
    trust(asia, peerAfrica.resolve("ca.crt.pem"), "peer-africa-ca");

    Directory.write(africa.directoryFile(), "pki/ca.crt.pem", "pki/hub.crt.pem", List.of(
        new Participant("eia", ParticipantKind.NGO, "Environmental Investigation Agency", List.of("GB"), Tlp.AMBER, "pki/eia.crt.pem"),
        new Participant("ncb-ke", ParticipantKind.NCB, "INTERPOL NCB KE", List.of("KE"), Tlp.AMBER_STRICT, "pki/ncb-ke.crt.pem"),
        new Participant("customs-ke", ParticipantKind.CUSTOMS, "Customs KE", List.of("KE"), Tlp.AMBER, "pki/customs-ke.crt.pem"),
        new Participant("auditor", ParticipantKind.AUDITOR, "Exchange auditor", List.of(), Tlp.CLEAR, "pki/auditor.crt.pem"),
        new Participant("ncb-cn", ParticipantKind.NCB, "INTERPOL NCB CN", List.of("CN"), Tlp.AMBER_STRICT, "pki/peer-asia/ncb-cn.crt.pem"),
        new Participant("customs-cn", ParticipantKind.CUSTOMS, "Customs CN", List.of("CN"), Tlp.AMBER, "pki/peer-asia/customs-cn.crt.pem")));
    Files.writeString(africa.directoryFile(), """
        region: africa
        peers:
        - region: asia
          hub: pki/peer-asia/hub.crt.pem
          ca: pki/peer-asia/ca.crt.pem
          broker: 127.0.0.1:%d
          participants: [ncb-cn, customs-cn]
        """.formatted(asiaBroker), java.nio.file.StandardOpenOption.APPEND);
    Files.writeString(asia.directoryFile(), """
        region: asia
        peers:
        - region: africa
          hub: pki/peer-africa/hub.crt.pem
          ca: pki/peer-africa/ca.crt.pem
          participants: []
        """, java.nio.file.StandardOpenOption.APPEND);
    Files.writeString(africa.root().resolve("policy.yaml"), policy("africa-2026.1", "africa.ncb-without-addresses",
        "/subjects/*/address"));
    Files.writeString(asia.root().resolve("policy.yaml"), policy("asia-2026.1", "asia.ncb-without-quantities",
        "/commodities/*/quantity"));
    Directory.load(africa.directoryFile());
    Directory.load(asia.directoryFile());
  }

  /** The default policy under its own version, with one more rule first: NCBs do not get {@code path}. */
  static String policy(String version, String rule, String path) {
    String text = Policy.defaultText()
        .replaceFirst("(?m)^version: .*$", "version: \"" + version + "\"")
        .replaceFirst("(?m)^rules:\n", """
            rules:
              - id: %s
                description: "This region keeps %s from NCBs."
                when:
                  kinds: [NCB]
                  paths: [%s]
                action: withhold
            """.formatted(rule, path, path));
    Policy.parse(text, version);
    return text;
  }

  private static void trust(Workdir workdir, Path caPem, String alias) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    Path file = workdir.trustStore();
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, DemoPki.PASSWORD.toCharArray());
    }
    store.setCertificateEntry(alias, Pem.readCertificate(caPem));
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, DemoPki.PASSWORD.toCharArray());
    }
  }

  private HubProcess start(Workdir workdir, int https, int broker, String name, List<HubProcess> hubs) throws Exception {
    HubProcess hub = HubProcess.start(workdir.root(), https, broker, dir.resolve(name + ".log"));
    hubs.add(hub);
    return hub;
  }

  /** GREEN packages from eia about a Kenyan exporter and a Chinese importer: routed to KE's and CN's agencies. */
  private static List<LoadClient.Sealed> seal(Workdir africa, int n) throws Exception {
    List<LoadClient.Sealed> sealed = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      UUID id = UUID.randomUUID();
      String json = """
          {"id": "%s", "createdAt": "%s", "originator": {"org": "eia", "reference": "FED-%d"},
           "title": "Raw ivory from Mombasa to Guangzhou", "tlp": "GREEN",
           "subjects": [
             {"ref": "S1", "type": "ORGANISATION", "name": "Exporter %d", "country": "KE", "address": "12 Moi Avenue, Mombasa"},
             {"ref": "S2", "type": "ORGANISATION", "name": "Importer %d", "country": "CN", "address": "88 Harbour Road, Guangzhou"}],
           "commodities": [{"species": "Loxodonta africana", "product": "raw tusks", "quantity": %d, "unit": "kg"}],
           "requestedAction": "INVESTIGATE"}
          """.formatted(id, Instant.now(), i, i, i, 100 + i);
      sealed.add(new LoadClient.Sealed(id, "eia",
          Cms.seal(json.getBytes(StandardCharsets.UTF_8), africa.keys("eia"), africa.hubCertificate())));
    }
    return sealed;
  }

  /**
   * On asia's broker africa's hub certificate may send to {@code wildex.federation.in} and nothing else: reading an
   * agency's deliveries and sending to the intake are refused. What it sends there that is not a hand-over from africa's
   * hub (here a message signed by africa's NGO) is refused with a reason code, quarantined and audited.
   */
  private static void refusals(Workdir africa, Workdir asia, int asiaBroker) throws Exception {
    String url = BrokerDrain.tlsUrl("tcp://127.0.0.1:" + asiaBroker, africa.pki().resolve("hub.p12"),
        africa.trustStore(), DemoPki.PASSWORD);
    try (Connection c = new ActiveMQConnectionFactory(url).createConnection()) {
      // not transacted: a durable send blocks until the broker took it, so a refusal surfaces at send()
      Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
      assertThatThrownBy(() -> s.createConsumer(s.createQueue("wildex.deliver.ncb-cn")))
          .isInstanceOf(JMSSecurityException.class);
      assertThatThrownBy(() -> s.createProducer(s.createQueue("wildex.intake")).send(s.createBytesMessage()))
          .isInstanceOf(JMSSecurityException.class);
      jakarta.jms.BytesMessage forged = s.createBytesMessage();
      forged.writeBytes(Cms.seal("{}".getBytes(StandardCharsets.UTF_8), africa.keys("eia"), asia.hubCertificate()));
      forged.setStringProperty("wildexPeerRegion", "africa");
      s.createProducer(s.createQueue("wildex.federation.in")).send(forged);
    }
  }

  /** What the recipients of one region took from their mailboxes, opened and checked. */
  static final class Received {
    final Map<String, Integer> perPackageAndRecipient = new ConcurrentHashMap<>();
    final Map<String, Integer> arrivals = new HashMap<>();
    final List<String> problems = new ArrayList<>();

    long count() {
      return arrivals.values().stream().mapToInt(Integer::intValue).sum();
    }

    long duplicates() {
      return arrivals.values().stream().filter(n -> n > 1).mapToInt(n -> n - 1).sum();
    }

    long lost(Set<UUID> accepted, List<String> recipients) {
      long lost = 0;
      for (UUID p : accepted) {
        for (String r : recipients) {
          lost += perPackageAndRecipient.containsKey(p + " -> " + r) ? 0 : 1;
        }
      }
      return lost;
    }
  }

  /**
   * Drains the recipients' mailboxes until each has {@code expected} deliveries (at most three minutes), opening each
   * with the recipient's key (signed by its own region's hub), checking its proof and the policies: no NCB sees a
   * subject's address (africa's rule), no NCB in asia a quantity (asia's rule), an NCB in africa does.
   */
  private static Received drain(Workdir workdir, String brokerUrl, List<String> recipients, int expected) throws Exception {
    Received out = new Received();
    boolean asia = recipients.equals(ASIA_RECIPIENTS);
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    Set<String> done = new HashSet<>();
    while (done.size() < recipients.size() && System.nanoTime() < deadline) {
      for (String r : recipients) {
        try (BrokerDrain drain = new BrokerDrain(brokerUrl, workdir.keyStore(r), workdir.trustStore(), DemoPki.PASSWORD)) {
          drain.drain("wildex.deliver." + r, Duration.ofMillis(500), (body, message) -> {
            String deliveryId = message.getStringProperty("wildexDeliveryId");
            out.arrivals.merge(deliveryId, 1, Integer::sum);
            byte[] json = Mailbox.openFromHub(body, workdir.keys(r), workdir.hubCertificate(), workdir.ca());
            Delivery d = PackageCodec.fromJson(json, Delivery.class);
            out.perPackageAndRecipient.merge(d.packageId() + " -> " + r, 1, Integer::sum);
            check(d, json, r, asia, out.problems);
          });
        }
        long mine = out.perPackageAndRecipient.keySet().stream().filter(k -> k.endsWith(" -> " + r)).count();
        if (mine >= expected) {
          done.add(r);
        }
      }
    }
    return out;
  }

  private static void check(Delivery d, byte[] json, String recipient, boolean asia, List<String> problems) {
    ProofCheck.Result proof = ProofCheck.verify(json, PackageCommitter.HASHER);
    if (!proof.ok()) {
      problems.add(recipient + " " + d.deliveryId() + ": proof " + proof.problems());
    }
    boolean ncb = recipient.startsWith("ncb-");
    if (ncb && d.view().subjects().stream().anyMatch(s -> s.address() != null)) {
      problems.add(recipient + " " + d.deliveryId() + ": an NCB got an address africa withholds");
    }
    boolean quantity = d.view().commodities().stream().anyMatch(c -> c.quantity() != null);
    if (ncb && asia && quantity) {
      problems.add(recipient + " " + d.deliveryId() + ": an NCB in asia got a quantity asia withholds");
    }
    if (ncb && !asia && !quantity) {
      problems.add(recipient + " " + d.deliveryId() + ": africa's NCB lost a quantity africa shares");
    }
    if (asia && !d.manifest().policyVersion().equals("africa-2026.1+asia-2026.1")) {
      problems.add(recipient + " " + d.deliveryId() + ": policy version " + d.manifest().policyVersion());
    }
  }

  /** A region's trail after its hub stopped: verified, its hand-overs (as package, delivery id, recipient, manifest hash). */
  record Trail(AuditVerifier.Result chain, Set<String> handOvers, List<String> rejected, long delivered) {}

  private static Trail trail(Workdir workdir) throws Exception {
    try (AuditStore store = AuditStore.open(AuditSettings.defaults(workdir.data()), 1, "federation-verify")) {
      AuditVerifier.Result chain = AuditVerifier.verify(store, workdir.hubCertificate(), workdir.ca());
      Set<String> handOvers = new HashSet<>(column(store, "SELECT package_id || ' ' || delivery_id || ' ' || recipient"
          + " || ' ' || manifest_sha256 FROM audit_entry WHERE event_type IN ('HANDED_OVER', 'RECEIVED_FROM_PEER')"));
      List<String> rejected = column(store, "SELECT reason FROM audit_entry WHERE event_type = 'REJECTED'");
      long delivered = column(store, "SELECT delivery_id FROM audit_entry WHERE event_type = 'DELIVERED'").size();
      return new Trail(chain, handOvers, rejected, delivered);
    }
  }

  private static List<String> column(AuditStore store, String sql) throws Exception {
    List<String> values = new ArrayList<>();
    try (java.sql.Connection c = store.dataSource().getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }

  private static void phase(long t0, String what) {
    System.out.printf("FederationIT %5.1fs %s%n", (System.nanoTime() - t0) / 1e9, what);
  }
}
