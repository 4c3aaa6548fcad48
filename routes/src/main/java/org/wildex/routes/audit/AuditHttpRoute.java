package org.wildex.routes.audit;

import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.WildexException;
import org.wildex.contracts.audit.SealedReceipt;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.directory.ParticipantKind;
import org.wildex.routes.Participants;
import org.wildex.routes.errors.ErrorHandling;
import org.wildex.routes.http.HttpsClient;

/**
 * HTTPS reads of the trail, identity from the verified TLS client certificate only:
 *
 * <ul>
 *   <li>{@code GET /api/v1/audit/packages/{id}} ({@code wildex.audit.http}): the package's trail as JSON, for
 *       {@code AUDITOR} participants only (403 {@code CLIENT_NOT_AUDITOR} for everyone else);
 *   <li>{@code GET /api/v1/packages/{id}/receipt} ({@code wildex.receipts.http}): the signed receipt
 *       ({@code application/pkcs7-mime}, encrypted to the submitter) for the NGO that submitted the package; another
 *       NGO's package is answered like an unknown one (404), so nobody learns what others submitted.
 * </ul>
 *
 * {@code id} is a package id or a tracking id (a submission rejected before its package id was read has only that).
 */
public final class AuditHttpRoute extends RouteBuilder {

  /** The header platform-http fills with a path's {@code {id}}. */
  static final String PATH_ID = "id";

  public static final String TRAIL_PATH = "/api/v1/audit/packages/{id}";
  public static final String RECEIPT_PATH = "/api/v1/packages/{id}/receipt";
  public static final String TRAIL_ROUTE = "wildex.audit.http";
  public static final String RECEIPT_ROUTE = "wildex.receipts.http";
  static final String PKCS7_MIME = "application/pkcs7-mime";

  /** The JSON answer of the trail endpoint. */
  public record TrailAnswer(String id, int count, List<AuditEntry> entries) {}

  private final Participants participants;
  private final Supplier<AuditStore> store;
  private final Processor publish = AuditTrail.publish();

  public AuditHttpRoute(Participants participants, Supplier<AuditStore> store) {
    this.participants = participants;
    this.store = store;
  }

  @Override
  public void configure() {
    from("platform-http:" + TRAIL_PATH + "?httpMethodRestrict=GET")
        .routeId(TRAIL_ROUTE)
        .routeConfigurationId(ErrorHandling.QUERY)
        .process(this::trail);

    from("platform-http:" + RECEIPT_PATH + "?httpMethodRestrict=GET")
        .routeId(RECEIPT_ROUTE)
        .routeConfigurationId(ErrorHandling.QUERY)
        .process(this::receipt);
  }

  private void trail(Exchange exchange) throws Exception {
    Participant client = AuditSearchRoute.auditor(exchange, participants);
    String id = id(exchange);
    AuditTrail.queried(exchange, TRAIL_ROUTE, client.id(), "id=" + id);
    publish.process(exchange);
    List<AuditEntry> entries = store.get().trail(id);
    if (entries.isEmpty()) {
      throw new WildexException(ReasonCode.PACKAGE_NOT_FOUND, "the trail holds nothing for " + id);
    }
    QueryAnswer.write(exchange, 200, new TrailAnswer(id, entries.size(), entries), "application/json");
  }

  private void receipt(Exchange exchange) throws Exception {
    Participant client = HttpsClient.identify(exchange, participants);
    if (client.kind() != ParticipantKind.NGO) {
      throw new WildexException(ReasonCode.CLIENT_NOT_NGO, "participant " + client.id() + " is " + client.kind()
          + "; receipts are for the NGO that submitted");
    }
    String id = id(exchange);
    SealedReceipt receipt =
        store.get().receipt(id, client.id())
            .orElseThrow(() -> new WildexException(ReasonCode.PACKAGE_NOT_FOUND, "no receipt of yours for " + id
                + " (yet: receipts are stored within a second of being sent)"));
    QueryAnswer.write(exchange, 200, Base64.getDecoder().decode(receipt.cmsBase64()), PKCS7_MIME);
  }

  /** The {@code {id}} of a request path: a package or tracking id (a UUID), or PACKAGE_NOT_FOUND. */
  static String id(Exchange exchange) {
    String id = exchange.getIn().getHeader(PATH_ID, String.class);
    try {
      return UUID.fromString(id).toString();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new WildexException(ReasonCode.PACKAGE_NOT_FOUND, "not a package or tracking id");
    }
  }
}
