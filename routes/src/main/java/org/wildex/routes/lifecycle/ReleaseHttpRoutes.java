package org.wildex.routes.lifecycle;

import java.util.List;
import java.util.function.Supplier;
import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;
import org.wildex.crypto.pki.KeyHolder;
import org.wildex.routes.Endpoints;
import org.wildex.routes.Participants;
import org.wildex.routes.audit.AuditStore;
import org.wildex.routes.errors.ErrorHandling;
import org.wildex.routes.intake.CheckStorage;
import org.wildex.routes.intake.CheckSubmission;
import org.wildex.routes.intake.ConfirmDurable;
import org.wildex.routes.intake.DataDirectory;
import org.wildex.routes.intake.IdentifySubmitter;
import org.wildex.routes.intake.ReceiveSubmission;

/**
 * The two doors of a release, each answering 202 with the request id once the sealed message is durably on
 * {@code wildex.release}, and refusing at once with a reason code (quarantined and audited like refused submissions):
 *
 * <ul>
 *   <li>{@code wildex.lifecycle.release-request.http}: {@code POST /api/v1/packages/{id}/release-requests} from an
 *       agency's client certificate, a request sealed like a package ({@link CheckReleaseRequest});
 *   <li>{@code wildex.lifecycle.release-decision.http}: {@code POST /api/v1/release-requests/{id}/decision} from the
 *       originator's ({@link CheckReleaseDecision}).
 * </ul>
 */
public final class ReleaseHttpRoutes extends RouteBuilder {

  public static final String REQUEST_PATH = "/api/v1/packages/{id}/release-requests";
  public static final String DECISION_PATH = "/api/v1/release-requests/{id}/decision";

  private final Participants participants;
  private final List<KeyHolder> hubKeys;
  private final Recalls recalls;
  private final ReleaseRequests requests;
  private final Supplier<AuditStore> trail;
  private final DataDirectory dataDirectory;

  public ReleaseHttpRoutes(Participants participants, List<KeyHolder> hubKeys, Recalls recalls,
      ReleaseRequests requests, Supplier<AuditStore> trail, DataDirectory dataDirectory) {
    this.participants = participants;
    this.hubKeys = List.copyOf(hubKeys);
    this.recalls = recalls;
    this.requests = requests;
    this.trail = trail;
    this.dataDirectory = dataDirectory;
  }

  @Override
  public void configure() {
    from("platform-http:" + REQUEST_PATH + "?httpMethodRestrict=POST")
        .routeId("wildex.lifecycle.release-request.http")
        .routeConfigurationId(ErrorHandling.HTTP)
        .process(new CheckStorage(dataDirectory))
        .setProperty(CheckRecall.PROP_PATH_ID, header(CheckRecall.PATH_ID))
        .process(new ReceiveSubmission())
        .process(new CheckSubmission())
        .process(new CheckReleaseRequest(participants, hubKeys, recalls))
        .setExchangePattern(ExchangePattern.InOnly)
        .to(Endpoints.RELEASE)
        .process(new ConfirmDurable(dataDirectory))
        .process(new ReleaseQueued());

    from("platform-http:" + DECISION_PATH + "?httpMethodRestrict=POST")
        .routeId("wildex.lifecycle.release-decision.http")
        .routeConfigurationId(ErrorHandling.HTTP)
        .process(new CheckStorage(dataDirectory))
        .setProperty(CheckRecall.PROP_PATH_ID, header(CheckRecall.PATH_ID))
        .process(new ReceiveSubmission())
        .process(new IdentifySubmitter(participants))
        .process(new CheckSubmission())
        .process(new CheckReleaseDecision(participants, hubKeys, requests, recalls, trail))
        .setExchangePattern(ExchangePattern.InOnly)
        .to(Endpoints.RELEASE)
        .process(new ConfirmDurable(dataDirectory))
        .process(new ReleaseQueued());
  }
}
