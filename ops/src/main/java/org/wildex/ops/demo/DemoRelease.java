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
import org.wildex.contracts.redaction.TransformedField;
import org.wildex.crypto.pki.DemoPki;
import org.wildex.crypto.pki.KeyHolder;
import org.wildex.ops.Workdir;
import org.wildex.ops.client.IntakeClient;
import org.wildex.ops.client.Mailbox;
import org.wildex.ops.client.ReleaseMessages;
import org.wildex.ops.client.Tls;
import org.wildex.routes.process.PackageCommitter;

/**
 * The demo's release: INTERPOL NCB Hanoi, whose delivery of the re-routed ivory shipment shows the people as tokens (the
 * tusks only transit Hanoi, and policy rule {@code transit.pseudonymise-people} keeps names from transit countries),
 * asks EIA for the buyer's name to check it against the passenger records of the Noi Bai transit. EIA approves with
 * the package as it submitted it; the NCB opens a new delivery that shows the name and proves against the root of the
 * one it already held.
 */
final class DemoRelease {

  /** What the demo saw: the request as the originator got it, the agency's delivery before and the one released. */
  record Result(ReleaseRequestNotice request, Delivery before, Delivery released, ProofCheck.Result proof) {}

  static final String AGENCY = "ncb-vn";
  static final String PATH = "/subjects/0/name";
  static final String JUSTIFICATION =
      "Our airport unit at Noi Bai needs the buyer's name to check it against the passenger records of the transit.";

  private DemoRelease() {}

  static Result run(Workdir workdir, String hubUrl, String brokerUrl, DemoUpdate.Result update, PrintStream out)
      throws Exception {
    String originator = DemoUpdate.SENDER;
    Mailbox.Item held = update.taken().get(AGENCY);
    Delivery before = PackageCodec.fromJson(held.json(), Delivery.class);
    TransformedField token = before.manifest().transformed().stream().filter(t -> t.path().equals(PATH)).findFirst()
        .orElseThrow(() -> new IllegalStateException(AGENCY + "'s delivery does not pseudonymise " + PATH));

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
    out.printf("release: %s asked %s for %s of version 2 (a token for it by %s) -> HTTP %d, request %s%n", AGENCY,
        originator, PATH, token.rule(), asked.status(), requestId);

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
    out.printf("release: %s opened the new delivery %s: the buyer's name now reads %s; its proof checks against"
        + " the root it already held (%s...)%n", AGENCY, released.deliveryId(),
        released.view().subjects().get(0).name(), proof.root().substring(0, 16));
    return new Result(request, before, released, proof);
  }
}
