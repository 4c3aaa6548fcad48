package org.wildex.ops.demo;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import org.wildex.contracts.delivery.Delivery;
import org.wildex.contracts.directory.Directory;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.directory.ParticipantKind;
import org.wildex.contracts.pkg.IntelligencePackage;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.contracts.pkg.Source;
import org.wildex.contracts.receipt.Receipt;
import org.wildex.crypto.pki.DemoPki;
import org.wildex.crypto.pki.KeyHolder;
import org.wildex.ops.Workdir;
import org.wildex.ops.client.IntakeClient;
import org.wildex.ops.client.Mailbox;
import org.wildex.ops.client.Tls;
import org.wildex.routes.Hub;
import org.wildex.routes.HubSettings;
import org.wildex.routes.management.ManagementSettings;
import org.wildex.routes.audit.AuditReport;
import org.wildex.routes.audit.AuditVerifier;
import org.wildex.routes.audit.Oversight;

/**
 * The whole job in one run: demo PKI and directory, a hub, the sample packages sealed and submitted by their NGOs,
 * every receipt and delivery fetched and opened, and a table of who received what.
 */
public final class DemoRun {

  /** What happened to one sample. */
  public record Outcome(String sample, String sender, String packageId, Receipt receipt, Map<String, Delivery> deliveries) {}

  private final Workdir workdir;
  private final int httpsPort;
  private final int brokerPort;
  private final int managementPort;
  private final PrintStream out;
  private DemoRecall.Result lastRecall;
  private DemoUpdate.Result lastUpdate;
  private DemoRelease.Result lastRelease;
  private Oversight lastOversight;

  /** A demo whose management port (metrics, health) is any free loopback port. */
  public DemoRun(Workdir workdir, int httpsPort, int brokerPort, PrintStream out) {
    this(workdir, httpsPort, brokerPort, 0, out);
  }

  public DemoRun(Workdir workdir, int httpsPort, int brokerPort, int managementPort, PrintStream out) {
    this.workdir = workdir;
    this.httpsPort = httpsPort;
    this.brokerPort = brokerPort;
    this.managementPort = managementPort;
    this.out = out;
  }

  /** Runs the demo; returns the outcome per sample, in sample order. */
  public List<Outcome> run() throws Exception {
    out.println("wildex demo, workdir " + workdir.root().toAbsolutePath());
    DemoSetup.create(workdir);
    Directory directory = Directory.load(workdir.directoryFile());
    out.println("made demo PKI and directory: " + directory.participants().size() + " participants (pki/, directory.yaml)");

    HubSettings settings = HubSettings.defaults(workdir.root()).withPorts(httpsPort, brokerPort);
    List<Outcome> result;
    DemoRecall.Result recall;
    DemoUpdate.Result update;
    DemoRelease.Result release;
    Oversight oversight;
    try (Hub hub = Hub.start(settings, new ManagementSettings("localhost", managementPort))) {
      out.println("hub started: HTTPS " + hub.httpsUrl() + ", broker " + hub.brokerUrl() + ", metrics "
          + hub.managementUrl() + "/metrics");
      Map<String, DemoSamples.Sample> byTracking = submitSamples(hub.httpsUrl());
      Map<String, Receipt> receipts = awaitReceipts(directory, hub.brokerUrl(), byTracking.keySet());
      Map<String, Map<String, Delivery>> deliveries = fetchDeliveries(directory, hub.brokerUrl());

      List<Outcome> outcomes = new ArrayList<>();
      for (Map.Entry<String, DemoSamples.Sample> e : byTracking.entrySet()) {
        DemoSamples.Sample sample = e.getValue();
        Receipt receipt = receipts.get(e.getKey());
        String packageId = sample.id().toString();
        outcomes.add(
            new Outcome(sample.name(), sample.sender(), packageId, receipt, deliveries.getOrDefault(packageId, Map.of())));
      }
      printTable(outcomes);
      checkNoSourceLeft(outcomes);
      DemoSharing.report(outcomes, workdir, out);
      update = DemoUpdate.run(workdir, hub.httpsUrl(), hub.brokerUrl(),
          UUID.fromString(outcomes.stream().filter(o -> o.sample().equals("ivory-shipment")).findFirst().orElseThrow()
              .packageId()), out);
      release = DemoRelease.run(workdir, hub.httpsUrl(), hub.brokerUrl(), update, out);
      recall = DemoRecall.run(workdir, hub.httpsUrl(), hub.brokerUrl(), out);
      oversight = DemoOversight.print(workdir, hub.httpsUrl(),
          outcomes.stream().filter(o -> o.sample().equals("ivory-shipment")).findFirst().orElseThrow().sender(), out);
      DemoMetrics.print(hub.managementUrl(), out);
      out.println("stopping hub");
      result = outcomes;
    }
    // after the stop: the hub's audit writer has drained wildex.audit and signed a last checkpoint
    out.println();
    AuditVerifier.Result audit = AuditReport.print(settings.audit(), workdir.hubCertificate(), workdir.ca(),
        result.stream().map(o -> o.receipt().packageId() != null ? o.packageId() : o.receipt().trackingId().toString()).toList(),
        result.get(0).packageId(), workdir.root().toString(), out);
    lastRecall = recall;
    lastUpdate = update;
    lastRelease = release;
    lastOversight = oversight;
    if (!audit.ok()) {
      throw new IllegalStateException("the demo's audit trail does not verify: " + audit.problem());
    }
    return result;
  }

  /** The update the last {@link #run} made (null before). */
  public DemoUpdate.Result update() {
    return lastUpdate;
  }

  /** The release the last {@link #run} made (null before). */
  DemoRelease.Result release() {
    return lastRelease;
  }

  /** The auditor's oversight view of the ivory shipment's NGO the last {@link #run} printed (null before). */
  Oversight oversight() {
    return lastOversight;
  }

  /** The recall the last {@link #run} made (null before). */
  DemoRecall.Result recall() {
    return lastRecall;
  }

  private Map<String, DemoSamples.Sample> submitSamples(String hubUrl) throws Exception {
    Files.createDirectories(workdir.packages());
    Map<String, DemoSamples.Sample> byTracking = new LinkedHashMap<>();
    Map<String, IntakeClient> clients = new HashMap<>();
    for (DemoSamples.Sample sample : DemoSamples.fresh()) {
      Files.write(workdir.packages().resolve(sample.name() + ".json"), sample.json());
      KeyHolder keys = workdir.keys(sample.sender());
      byte[] sealed = DemoSharing.seal(sample, keys, workdir.hubCertificate());
      Files.write(workdir.packages().resolve(sample.name() + ".p7m"), sealed);
      IntakeClient client = clients.get(sample.sender());
      if (client == null) {
        SSLContext tls = Tls.clientContext(keys, workdir.ca());
        client = new IntakeClient(hubUrl, tls);
        clients.put(sample.sender(), client);
      }
      IntakeClient.Answer answer = client.submit(sealed);
      out.printf("submitted %-24s as %-8s -> HTTP %d %s%n", sample.name(), sample.sender(), answer.status(),
          answer.accepted() ? "tracking " + answer.trackingId() : answer.reason() + ": " + answer.description());
      if (!answer.accepted()) {
        throw new IllegalStateException("the hub did not queue demo sample " + sample.name());
      }
      byTracking.put(answer.trackingId(), sample);
    }
    return byTracking;
  }

  private Map<String, Receipt> awaitReceipts(Directory directory, String brokerUrl, java.util.Set<String> trackingIds)
      throws Exception {
    Map<String, Receipt> receipts = new HashMap<>();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
    List<Participant> ngos = directory.participants().stream().filter(p -> p.kind() == ParticipantKind.NGO).toList();
    while (!receipts.keySet().containsAll(trackingIds)) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("no receipt after 120 s for some submissions; see the hub log");
      }
      for (Participant ngo : ngos) {
        for (Mailbox.Item item : Mailbox.receipts(workdir, ngo.id()).fetch(brokerUrl, DemoPki.PASSWORD, Duration.ofMillis(300))) {
          Receipt receipt = PackageCodec.fromJson(item.json(), Receipt.class);
          receipts.put(receipt.trackingId().toString(), receipt);
        }
      }
    }
    out.println("receipts: " + receipts.size() + " fetched from wildex.receipts.<ngo>");
    return receipts;
  }

  private Map<String, Map<String, Delivery>> fetchDeliveries(Directory directory, String brokerUrl) throws Exception {
    Map<String, Map<String, Delivery>> byPackage = new HashMap<>();
    int count = 0;
    for (Participant agency : directory.participants()) {
      if (!agency.kind().isAgency()) {
        continue;
      }
      for (Mailbox.Item item : Mailbox.deliveries(workdir, agency.id()).fetch(brokerUrl, DemoPki.PASSWORD, Duration.ofMillis(300))) {
        Delivery delivery = PackageCodec.fromJson(item.json(), Delivery.class);
        byPackage.computeIfAbsent(delivery.packageId().toString(), k -> new TreeMap<>()).put(agency.id(), delivery);
        count++;
      }
    }
    out.println("deliveries: " + count + " fetched over the broker, opened and verified into deliveries/<agency>/");
    return byPackage;
  }

  private void printTable(List<Outcome> outcomes) {
    out.println();
    out.printf("%-24s %-18s %-13s %-27s %s%n", "package", "agency", "level", "routed by", "withheld | pseudonymised | generalised");
    for (Outcome o : outcomes) {
      if (!"ACCEPTED".equals(o.receipt().status())) {
        out.printf("%-24s %-18s %-13s %s%n", o.sample(), "-", o.receipt().status(),
            o.receipt().reason() + ": " + o.receipt().detail());
        continue;
      }
      for (Map.Entry<String, Delivery> d : o.deliveries().entrySet()) {
        var m = d.getValue().manifest();
        long tokens = m.transformed().stream().filter(t -> t.action().equals("pseudonymise")).count();
        out.printf("%-24s %-18s %-13s %-27s %d | %d | %d%n", o.sample(), d.getKey(), d.getValue().level().label(),
            d.getValue().routedBy(), m.withheld().size(), tokens, m.transformed().size() - tokens);
      }
    }
    out.println();
  }

  /** The informant must never reach anyone: no delivery may contain any text of any source of any sample. */
  private void checkNoSourceLeft(List<Outcome> outcomes) throws Exception {
    List<String> secrets = new ArrayList<>();
    for (Outcome o : outcomes) {
      byte[] json = Files.readAllBytes(workdir.packages().resolve(o.sample() + ".json"));
      if (!"ACCEPTED".equals(o.receipt().status())) {
        continue;
      }
      IntelligencePackage pkg = PackageCodec.parse(json);
      for (Source s : pkg.sources() == null ? List.<Source>of() : pkg.sources()) {
        secrets.add(s.ref());
        secrets.add(s.description());
      }
    }
    int checked = 0;
    for (Outcome o : outcomes) {
      for (String agency : o.deliveries().keySet()) {
        String opened = Files.readString(workdir.deliveries(agency).resolve(o.packageId() + ".json"), StandardCharsets.UTF_8);
        for (String secret : secrets) {
          if (secret != null && opened.contains(secret)) {
            throw new IllegalStateException("SOURCE LEAK: delivery of " + o.sample() + " to " + agency + " contains source details");
          }
        }
        checked++;
      }
    }
    out.println("source protection: " + secrets.size() / 2 + " informant source(s) in the samples, none in any of " + checked + " deliveries");
  }
}
