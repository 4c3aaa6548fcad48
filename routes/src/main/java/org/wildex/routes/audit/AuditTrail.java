package org.wildex.routes.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.SynchronizationAdapter;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.WildexException;
import org.wildex.contracts.audit.AuditBatch;
import org.wildex.contracts.audit.AuditEvent;
import org.wildex.contracts.audit.AuditEventType;
import org.wildex.contracts.audit.SealedReceipt;
import org.wildex.contracts.delivery.Delivery;
import org.wildex.contracts.delivery.DeliveryJson;
import org.wildex.contracts.directory.Directory;
import org.wildex.contracts.directory.Peer;
import org.wildex.contracts.lifecycle.RecallOutcome;
import org.wildex.contracts.lifecycle.RecallReceipt;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.contracts.receipt.Receipt;
import org.wildex.crypto.Digests;
import org.wildex.crypto.cms.Cms;
import org.wildex.routes.Endpoints;
import org.wildex.routes.WildexHeaders;
import org.wildex.routes.lifecycle.ReleaseRequests;
import org.wildex.routes.lifecycle.Superseding;
import org.wildex.routes.process.RedactPerRecipient;

/**
 * What stages call to leave a trail, one line each: a recorder adds an event to the exchange (property {@link
 * WildexHeaders#PROP_AUDIT}); {@link #publish()} sends them all as one message to {@code wildex.audit} at the end of the
 * stage. In the intake consumer's broker transaction that send commits with the deliveries and the receipt, so events
 * are exactly as durable as the exchange, and the database is never on the exchange's path.
 *
 * <p>Recorders read ids, participants and hashes from headers and contract records; they never copy content.
 */
public final class AuditTrail {

  /** Route id of the intake stage, named by RECEIVED events that the process stage records. */
  public static final String INTAKE_ROUTE = "wildex.intake.http";

  /** The rule of HANDED_OVER and RECEIVED_FROM_PEER events: {@code peer:<the other region>}. */
  public static final String PEER_RULE_PREFIX = "peer:";

  private AuditTrail() {}

  /** The sharing policy version the decision was made under: the policy engine's header, else its default policy's. */
  static String policyVersion(Exchange exchange) {
    String version = exchange.getIn().getHeader(WildexHeaders.POLICY_VERSION, String.class);
    return version != null ? version : RedactPerRecipient.POLICY_VERSION;
  }

  /** RECEIVED: the submission as the intake took it (tracking id, submitter, ciphertext hash, intake time). */
  public static Processor received() {
    return exchange -> {
      Draft d = draft(exchange);
      Message in = exchange.getIn();
      d.trackingId = in.getHeader(WildexHeaders.TRACKING_ID, String.class);
      d.originator = in.getHeader(WildexHeaders.CLIENT_ID, String.class);
      d.ciphertextSha256 = in.getHeader(WildexHeaders.CIPHERTEXT_SHA256, String.class);
      d.add(d.event(AuditEventType.RECEIVED, INTAKE_ROUTE).at(receivedAt(in)));
    };
  }

  /** After the package opened: remembers the SHA-256 of the signed content (a header, for later events). */
  public static Processor opened() {
    return exchange -> {
      Cms.Opened opened = exchange.getIn().getBody(Cms.Opened.class);
      String sha = Digests.sha256Hex(opened.content());
      exchange.getIn().setHeader(WildexHeaders.CONTENT_SHA256, sha);
      draft(exchange).contentSha256 = sha;
    };
  }

  /**
   * ACCEPTED: the package is valid, signed by its submitter and has recipients; an update's names its version and the
   * package it supersedes as rule ({@link Superseding#acceptedRule}).
   */
  public static Processor accepted() {
    return exchange -> {
      Draft d = draft(exchange);
      d.packageId = exchange.getIn().getHeader(WildexHeaders.PACKAGE_ID, String.class);
      Superseding update = exchange.getProperty(WildexHeaders.PROP_SUPERSEDING, Superseding.class);
      d.add(d.event(AuditEventType.ACCEPTED, "wildex.process.recipients").policyVersion(policyVersion(exchange))
          .rule(update == null ? null : Superseding.acceptedRule(update.version(), update.earlier().packageId())));
    };
  }

  /**
   * For an accepted update, filed under the package it supersedes: SUPERSEDED (no tracking id, rule
   * {@code superseded-by:<update>}), and RECALLED (reason RECALL_SUPERSEDED, outcome as rule) for each delivery of that
   * package to a recipient the update does not go to ({@link WildexHeaders#PROP_RECALL_RECEIPT}).
   */
  public static Processor superseded(String routeId) {
    return exchange -> {
      Draft d = draft(exchange);
      Superseding update = exchange.getProperty(WildexHeaders.PROP_SUPERSEDING, Superseding.class);
      RecallReceipt withdrawn = exchange.getProperty(WildexHeaders.PROP_RECALL_RECEIPT, RecallReceipt.class);
      String earlier = update.earlier().packageId().toString();
      // no tracking id: the update's submission has its own trail, which a package's trail would otherwise pull in
      d.add(d.event(AuditEventType.SUPERSEDED, routeId).trackingId(null).packageId(earlier).ciphertextSha256(null)
          .contentSha256(null).rule(Superseding.supersededRule(update.update())));
      for (RecallOutcome outcome : withdrawn.recipients()) {
        d.add(d.event(AuditEventType.RECALLED, routeId)
            .trackingId(withdrawn.recallId().toString())
            .packageId(earlier)
            .ciphertextSha256(null)
            .contentSha256(null)
            .recipient(outcome.recipient())
            .deliveryId(outcome.deliveryId().toString())
            .reason(withdrawn.reason().code())
            .rule(outcome.outcome()));
      }
    };
  }

  /**
   * NOT_ROUTED (reason CERT_REVOKED), one per recipient the stage {@code routeId} chose but left out for its revoked
   * certificate ({@link WildexHeaders#PROP_NOT_ROUTED}).
   */
  public static Processor notRouted(String routeId) {
    return exchange -> {
      @SuppressWarnings("unchecked")
      List<String> left = exchange.getProperty(WildexHeaders.PROP_NOT_ROUTED, List.class);
      if (left == null || left.isEmpty()) {
        return;
      }
      Draft d = draft(exchange);
      d.packageId = exchange.getIn().getHeader(WildexHeaders.PACKAGE_ID, String.class);
      for (String recipient : left) {
        d.add(d.event(AuditEventType.NOT_ROUTED, routeId).ciphertextSha256(null).contentSha256(null)
            .recipient(recipient).reason(ReasonCode.CERT_REVOKED).policyVersion(policyVersion(exchange)));
      }
    };
  }

  /**
   * ROUTED, one per delivery in the body: recipient, level, policy version, manifest hash, withheld count; for a
   * recipient of a peer region ({@code directory}) HANDED_OVER instead, with the same fields, the hand-over id (the
   * delivery id, the same in both regions) and the rule {@code peer:<region>}.
   */
  public static Processor routed(Directory directory) {
    return exchange -> {
      Draft d = draft(exchange);
      @SuppressWarnings("unchecked")
      List<Delivery> deliveries = exchange.getIn().getBody(List.class);
      for (Delivery delivery : deliveries) {
        d.packageId = delivery.packageId().toString();
        Optional<Peer> peer = directory.peerOf(delivery.recipient());
        d.add(d.event(peer.isPresent() ? AuditEventType.HANDED_OVER : AuditEventType.ROUTED, "wildex.deliver.fanout")
            .ciphertextSha256(null)
            .contentSha256(null)
            .recipient(delivery.recipient())
            .deliveryId(delivery.deliveryId().toString())
            .level(delivery.level().label())
            .policyVersion(delivery.manifest().policyVersion())
            .manifestSha256(Digests.sha256Hex(RedactPerRecipient.json(exchange, delivery).manifestJson()))
            .withheldCount(delivery.manifest().withheld().size())
            .rule(peer.map(p -> PEER_RULE_PREFIX + p.region()).orElse(delivery.routedBy())));
      }
    };
  }

  /**
   * RECEIVED_FROM_PEER for the hand-over in the body (as {@code OpenHandOver} read it): package id, recipient, the
   * hand-over id (delivery id), the origin's policy version and manifest hash (equal to the origin's HANDED_OVER), the
   * SHA-256 of the sealed hand-over as it arrived, and {@code peer:<origin region>}.
   */
  public static Processor receivedFromPeer() {
    return exchange -> {
      Draft d = draft(exchange);
      Delivery arrived = exchange.getIn().getBody(Delivery.class);
      d.packageId = arrived.packageId().toString();
      d.originator = arrived.originator();
      d.add(d.event(AuditEventType.RECEIVED_FROM_PEER, "wildex.federation.receive")
          .ciphertextSha256(null)
          .contentSha256(null)
          .recipient(arrived.recipient())
          .deliveryId(arrived.deliveryId().toString())
          .level(arrived.level().label())
          .policyVersion(arrived.manifest().policyVersion())
          .manifestSha256(Digests.sha256Hex(DeliveryJson.manifest(arrived.manifest())))
          .messageSha256(exchange.getIn().getHeader(WildexHeaders.CIPHERTEXT_SHA256, String.class))
          .rule(PEER_RULE_PREFIX + exchange.getIn().getHeader(WildexHeaders.PEER_REGION, String.class)));
    };
  }

  /**
   * AUDIT_QUERIED: participant {@code who} searched or read the trail at stage {@code routeId} with {@code query} (its
   * parameters, never what it found). Nothing is taken from the exchange's headers: on an HTTPS read they are the
   * client's.
   */
  public static void queried(Exchange exchange, String routeId, String who, String query) {
    draft(exchange).events.add(AuditEvent.of(AuditEventType.AUDIT_QUERIED, routeId).originator(who).rule(query).build());
  }

  /** REJECTED with the reason code of the caught rejection, named after the stage that refused. */
  public static Processor rejected() {
    return exchange -> {
      Draft d = draft(exchange);
      d.packageId = exchange.getIn().getHeader(WildexHeaders.PACKAGE_ID, String.class);
      d.add(d.event(AuditEventType.REJECTED, failedRoute(exchange, "wildex.process.reject")).reason(reason(exchange))
          .policyVersion(exchange.getIn().getHeader(WildexHeaders.POLICY_VERSION, String.class)));
    };
  }

  /** QUARANTINED: the rejected ciphertext is on {@code wildex.quarantine}, unchanged. */
  public static Processor quarantined() {
    return exchange -> {
      Draft d = draft(exchange);
      d.add(d.event(AuditEventType.QUARANTINED, "wildex.process.reject").reason(reason(exchange)));
    };
  }

  /**
   * RECALLED, one per delivery of the recalled package (body: the {@code RecallReceipt}): recipient, delivery id, the
   * recall's reason code, and what the recall found as its rule (WITHDRAWN, EXPOSED or HANDED_OVER). The tracking id
   * is the recall id (the same in every region). {@code routeId}: the stage that carried it out, this region's
   * recall or a peer region's ({@code wildex.federation.recall}).
   */
  public static Processor recalled(String routeId) {
    return exchange -> {
      Draft d = draft(exchange);
      RecallReceipt recall = exchange.getIn().getBody(RecallReceipt.class);
      d.trackingId = recall.recallId().toString();
      d.packageId = recall.packageId().toString();
      d.originator = recall.originator();
      for (RecallOutcome outcome : recall.recipients()) {
        d.add(d.event(AuditEventType.RECALLED, routeId)
            .ciphertextSha256(null)
            .contentSha256(null)
            .recipient(outcome.recipient())
            .deliveryId(outcome.deliveryId().toString())
            .reason(recall.reason().code())
            .rule(outcome.outcome()));
      }
    };
  }

  /**
   * RELEASE_REQUESTED, after the request went to the originator ({@link WildexHeaders#PROP_RELEASE}): tracking id =
   * request id, recipient = the requesting agency, its delivery id, withheld count = how many paths.
   */
  public static Processor releaseRequested() {
    return exchange -> {
      ReleaseRequests.Row request = exchange.getProperty(WildexHeaders.PROP_RELEASE, ReleaseRequests.Row.class);
      Draft d = draft(exchange);
      d.trackingId = request.requestId().toString();
      d.packageId = request.packageId().toString();
      d.originator = request.originator();
      d.add(d.event(AuditEventType.RELEASE_REQUESTED, "wildex.lifecycle.release-forward")
          .recipient(request.requester())
          .deliveryId(request.deliveryId().toString())
          .withheldCount(request.paths().size()));
    };
  }

  /**
   * RELEASED (the new delivery: recipient, delivery id, level, policy version, manifest hash, withheld count, rule
   * {@code release:<the earlier delivery id>}) or RELEASE_DECLINED (recipient, the earlier delivery id), after the
   * message went to the agency ({@link WildexHeaders#PROP_RELEASE_OUTCOME}); tracking id = request id.
   */
  public static Processor releaseDecided() {
    return exchange -> {
      ReleaseRequests.Decided decided = exchange.getProperty(WildexHeaders.PROP_RELEASE_OUTCOME,
          ReleaseRequests.Decided.class);
      ReleaseRequests.Row request = decided.request();
      Draft d = draft(exchange);
      d.trackingId = request.requestId().toString();
      d.packageId = request.packageId().toString();
      d.originator = request.originator();
      Delivery released = decided.released();
      if (released == null) {
        d.add(d.event(AuditEventType.RELEASE_DECLINED, "wildex.lifecycle.release-apply")
            .recipient(request.requester())
            .deliveryId(request.deliveryId().toString()));
      } else {
        d.add(d.event(AuditEventType.RELEASED, "wildex.lifecycle.release-apply")
            .recipient(released.recipient())
            .deliveryId(released.deliveryId().toString())
            .level(released.level().label())
            .policyVersion(released.manifest().policyVersion())
            .manifestSha256(decided.manifestSha256())
            .withheldCount(released.manifest().withheld().size())
            .rule("release:" + request.deliveryId()));
      }
    };
  }

  /**
   * RECEIPT_SENT after the sealed receipt went to the submitter's address (body: the sealed receipt), keeping the
   * receipt itself for {@code GET /api/v1/packages/{id}/receipt}.
   */
  public static Processor receiptSent() {
    return exchange -> {
      ReasonCode reason = reason(exchange);
      receiptSent(exchange, reason == null ? Receipt.ACCEPTED : Receipt.REJECTED, reason, "wildex.receipts.send");
    };
  }

  /**
   * RECEIPT_SENT for a recall receipt (body: the sealed receipt; tracking id: the recall id), with the recall's reason
   * code; the receipt is kept with status RECALLED, so {@code GET /api/v1/packages/{id}/receipt} answers it for the
   * recall id, and for the package id once the package is recalled.
   */
  public static Processor recallReceiptSent() {
    return exchange -> {
      RecallReceipt recall = exchange.getProperty(WildexHeaders.PROP_RECALL_RECEIPT, RecallReceipt.class);
      receiptSent(exchange, RecallReceipt.STATUS, recall.reason().code(), "wildex.lifecycle.recall-receipt");
    };
  }

  private static void receiptSent(Exchange exchange, String status, ReasonCode reason, String routeId) {
    Draft d = draft(exchange);
    byte[] sealed = exchange.getIn().getBody(byte[].class);
    String trackingId = exchange.getIn().getHeader(WildexHeaders.TRACKING_ID, String.class);
    String packageId = exchange.getIn().getHeader(WildexHeaders.PACKAGE_ID, String.class);
    d.trackingId = trackingId != null ? trackingId : d.trackingId;
    d.packageId = packageId != null ? packageId : d.packageId;
    d.add(d.event(AuditEventType.RECEIPT_SENT, routeId)
        .ciphertextSha256(null)
        .contentSha256(null)
        .recipient(d.originator)
        .reason(reason)
        .messageSha256(Digests.sha256Hex(sealed)));
    if (d.trackingId != null && d.originator != null) {
      d.receipts.add(new SealedReceipt(d.trackingId, d.packageId, d.originator, status,
          Base64.getEncoder().encodeToString(sealed)));
    }
  }


  /**
   * For a submission refused at the HTTPS door (kept in quarantine, answered with its reason at once): RECEIVED,
   * REJECTED and QUARANTINED, published right away.
   */
  public static Processor rejectedAtDoor() {
    Processor publish = publish();
    return exchange -> {
      // the door that refused: the intake, or another HTTPS route that takes signed requests (a recall)
      String door = exchange.getFromRouteId() != null ? exchange.getFromRouteId() : INTAKE_ROUTE;
      Draft d = draft(exchange);
      Message in = exchange.getIn();
      d.add(d.event(AuditEventType.RECEIVED, door).at(receivedAt(in)));
      ReasonCode reason = reason(exchange);
      d.add(d.event(AuditEventType.REJECTED, door).reason(reason));
      d.add(d.event(AuditEventType.QUARANTINED, door).reason(reason));
      publish.process(exchange);
    };
  }

  /**
   * Sends the exchange's events as one message to {@code wildex.audit} (in the caller's broker transaction when there is
   * one) and forgets them; leaves the exchange's own message untouched.
   */
  public static Processor publish() {
    return new Processor() {
      private volatile ProducerTemplate template;
      private volatile Endpoint audit;
      private volatile Optional<AuditObserver> observer;

      @Override
      public void process(Exchange exchange) {
        Draft d = exchange.getProperty(WildexHeaders.PROP_AUDIT, Draft.class);
        if (d == null || (d.events.isEmpty() && d.receipts.isEmpty())) {
          return;
        }
        byte[] json = PackageCodec.toJson(new AuditBatch(d.events, d.receipts));
        template(exchange).sendBody(audit, json);
        observeOnCompletion(exchange, d.events);
        d.events.clear();
        d.receipts.clear();
      }

      /** Tells the hub's {@link AuditObserver} (metrics) about the events once the exchange completed without failure. */
      private void observeOnCompletion(Exchange exchange, List<AuditEvent> events) {
        Optional<AuditObserver> o = observer;
        if (o == null) {
          o = Optional.ofNullable(
              exchange.getContext().getRegistry().lookupByNameAndType(AuditObserver.NAME, AuditObserver.class));
          observer = o;
        }
        if (o.isPresent() && !events.isEmpty()) {
          AuditObserver target = o.get();
          List<AuditEvent> copy = List.copyOf(events);
          exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onComplete(Exchange completed) {
              target.observed(copy);
            }
          });
        }
      }

      /** The template and the audit endpoint, made once (a send by URI looks the endpoint up every time). */
      private ProducerTemplate template(Exchange exchange) {
        ProducerTemplate t = template;
        if (t == null) {
          synchronized (this) {
            if (template == null) {
              audit = exchange.getContext().getEndpoint(Endpoints.AUDIT);
              template = exchange.getContext().createProducerTemplate();
            }
            t = template;
          }
        }
        return t;
      }
    };
  }

  private static Draft draft(Exchange exchange) {
    Draft d = exchange.getProperty(WildexHeaders.PROP_AUDIT, Draft.class);
    if (d == null) {
      d = new Draft();
      Message in = exchange.getIn();
      d.trackingId = in.getHeader(WildexHeaders.TRACKING_ID, String.class);
      d.originator = in.getHeader(WildexHeaders.CLIENT_ID, String.class);
      d.ciphertextSha256 = in.getHeader(WildexHeaders.CIPHERTEXT_SHA256, String.class);
      d.contentSha256 = in.getHeader(WildexHeaders.CONTENT_SHA256, String.class);
      d.packageId = in.getHeader(WildexHeaders.PACKAGE_ID, String.class);
      exchange.setProperty(WildexHeaders.PROP_AUDIT, d);
    }
    return d;
  }

  private static ReasonCode reason(Exchange exchange) {
    WildexException e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, WildexException.class);
    return e == null ? null : e.reason();
  }

  /**
   * The stage that refused: stages behind the consumer are {@code direct:} routes named like their endpoint, and errors
   * propagate from them to the consumer's handler, so the failed endpoint names the stage; else the failed route.
   */
  private static String failedRoute(Exchange exchange, String fallback) {
    String endpoint = exchange.getProperty(Exchange.FAILURE_ENDPOINT, String.class);
    if (endpoint != null && endpoint.startsWith("direct:")) {
      String name = endpoint.substring("direct:".length()).replaceFirst("^//", "");
      int query = name.indexOf('?');
      return query < 0 ? name : name.substring(0, query);
    }
    String failed = exchange.getProperty(Exchange.FAILURE_ROUTE_ID, String.class);
    return failed != null ? failed : fallback;
  }

  private static Instant receivedAt(Message in) {
    String at = in.getHeader(WildexHeaders.RECEIVED_AT, String.class);
    if (at != null) {
      try {
        return Instant.parse(at);
      } catch (DateTimeParseException ignored) {
        // fall through: the hub's own header, so this does not happen; the event still gets a time
      }
    }
    return Instant.now();
  }

  /** The events of one exchange and what they share; lives in one exchange (one thread) at a time. */
  static final class Draft {
    final List<AuditEvent> events = new ArrayList<>(8);
    final List<SealedReceipt> receipts = new ArrayList<>(1);
    String trackingId;
    String packageId;
    String originator;
    String ciphertextSha256;
    String contentSha256;

    AuditEvent.Builder event(AuditEventType type, String routeId) {
      return AuditEvent.of(type, routeId)
          .trackingId(trackingId)
          .packageId(packageId)
          .originator(originator)
          .ciphertextSha256(ciphertextSha256)
          .contentSha256(contentSha256);
    }

    void add(AuditEvent.Builder builder) {
      events.add(builder.build());
    }
  }
}
