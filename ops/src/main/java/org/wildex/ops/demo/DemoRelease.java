package org.wildex.ops.demo;

import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.wildex.contracts.delivery.Delivery;
import org.wildex.contracts.lifecycle.ReleaseRequestNotice;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.contracts.redaction.ProofCheck;
import org.wildex.contracts.redaction.WithheldField;
import org.wildex.crypto.pki.DemoPki;
import org.wildex.crypto.pki.KeyHolder;
import org.wildex.ops.Workdir;
import org.wildex.ops.client.IntakeClient;
import org.wildex.ops.client.Mailbox;
import org.wildex.ops.client.ReleaseMessages;
import org.wildex.ops.client.Tls;
import org.wildex.routes.process.PackageCommitter;

/**
 * The demo's release: the Lao CITES management authority, whose delivery of the re-routed ivory shipment withholds the
 * carrier references (policy rule {@code cites.withhold-carriers}), asks EIA for the truck plate of the road leg to
 * check the consignment at the Houayxay crossing. EIA approves with the package as it submitted it; the agency opens
 * a new delivery that shows the plate and proves against the root of the one it already held.
 *
 * <p>An agency, not an NCB: under the default policy an NCB reads every field its clearance and the built-in
 * guarantees allow, so nothing is withheld from it that an originator could release.
 */
final class DemoRelease {

  /** What the demo saw: the request as the originator got it, the agency's delivery before and the one released. */
  record Result(ReleaseRequestNotice request, Delivery before, Delivery released, ProofCheck.Result proof) {}

  static final String AGENCY = "cites-la";
  static final String PATH = "/movements/1/carrierRefs";
  static final String JUSTIFICATION =
      "Our inspectors at the Houayxay crossing need the truck plate to find the consignment and check its export papers.";

  private DemoRelease() {}

  static Result run(Workdir workdir, String hubUrl, String brokerUrl, DemoUpdate.Result update, PrintStream out)
      throws Exception {
    String originator = DemoUpdate.SENDER;
    Mailbox.Item held = update.taken().get(AGENCY);
    Delivery before = PackageCodec.fromJson(held.json(), Delivery.class);
    WithheldField withheld = before.manifest().withheld().stream().filter(w -> w.path().equals(PATH)).findFirst()
        .orElseThrow(() -> new IllegalStateException(AGENCY + "'s delivery does not withhold " + PATH));

    KeyHolder agencyKeys = workdir.keys(AGENCY);
    ReleaseMessages.SealedRequest sealed = ReleaseMessages.request(Files.readAllBytes(held.sealed()), List.of(PATH),
        JUSTIFICATION, agencyKeys, workdir.hubCertificate());
    IntakeClient.Answer asked = new IntakeClient(hubUrl, Tls.clientContext(agencyKeys, workdir.ca()))
        .requestRelease(sealed.packageId(), sealed.sealed());
    if (!asked.accepted()) {
      throw new IllegalStateException("the hub refused the demo's release request: " + asked.reason() + " " + asked.description());
    }
    UUID requestId = UUID.fromString(asked.trackingId());
    out.println();
    out.printf("release: %s asked %s for %s of version 2 (withheld from it by %s) -> HTTP %d, request %s%n", AGENCY,
        originator, PATH, withheld.rule(), asked.status(), requestId);

    ReleaseRequestNotice request = DemoRecall.await("release request at " + originator, () -> {
      for (Mailbox.Item item : Mailbox.receipts(workdir, originator).fetch(brokerUrl, DemoPki.PASSWORD, Duration.ofMillis(300))) {
        ReleaseRequestNotice n = PackageCodec.fromJson(item.json(), ReleaseRequestNotice.class);
        if (ReleaseRequestNotice.KIND.equals(n.kind()) && requestId.equals(n.requestId())) {
          return n;
        }
      }
      return null;
    });
    KeyHolder originatorKeys = workdir.keys(originator);
    byte[] submission = Files.readAllBytes(workdir.packages().resolve("ivory-shipment-v2.p7m"));
    IntakeClient.Answer decided = new IntakeClient(hubUrl, Tls.clientContext(originatorKeys, workdir.ca()))
        .decide(requestId, ReleaseMessages.decision(request, true, submission, null, originatorKeys, workdir.hubCertificate()));
    if (!decided.accepted()) {
      throw new IllegalStateException("the hub refused the demo's approval: " + decided.reason() + " " + decided.description());
    }
    out.printf("release: %s got the request on its receipts address (%s, %s, no content) and approved it -> HTTP %d%n",
        originator, request.requester(), String.join(", ", request.paths()), decided.status());

    Mailbox.Item item = DemoRecall.await("released delivery at " + AGENCY, () -> {
      for (Mailbox.Item i : Mailbox.deliveries(workdir, AGENCY).fetch(brokerUrl, DemoPki.PASSWORD, Duration.ofMillis(300))) {
        if (i.name().endsWith(".release." + requestId)) {
          return i;
        }
      }
      return null;
    });
    Delivery released = PackageCodec.fromJson(item.json(), Delivery.class);
    ProofCheck.Result proof = ProofCheck.verify(item.json(), PackageCommitter.HASHER);
    if (!proof.ok() || !proof.root().equals(before.manifest().proof().root())) {
      throw new IllegalStateException("the released delivery does not prove against the root " + AGENCY + " held: "
          + proof.problems());
    }
    out.printf("release: %s opened the new delivery %s: the road leg's carrier now reads %s; its proof checks against"
        + " the root it already held (%s...)%n", AGENCY, released.deliveryId(),
        released.view().movements().get(1).carrierRefs(), proof.root().substring(0, 16));
    return new Result(request, before, released, proof);
  }
}
