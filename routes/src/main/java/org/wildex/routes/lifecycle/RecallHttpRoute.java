package org.wildex.routes.lifecycle;

import java.util.List;
import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;
import org.wildex.crypto.pki.KeyHolder;
import org.wildex.routes.Endpoints;
import org.wildex.routes.Participants;
import org.wildex.routes.errors.ErrorHandling;
import org.wildex.routes.intake.CheckStorage;
import org.wildex.routes.intake.CheckSubmission;
import org.wildex.routes.intake.ConfirmDurable;
import org.wildex.routes.intake.DataDirectory;
import org.wildex.routes.intake.IdentifySubmitter;
import org.wildex.routes.intake.ReceiveSubmission;

/**
 * Stage {@code wildex.lifecycle.recall.http}: {@code POST /api/v1/packages/{id}/recall} from an NGO's client
 * certificate, the body a recall request sealed like a package (signed by the NGO, encrypted to the hub). Answers 202
 * with the recall id once the sealed request is durably on {@code wildex.recall}; refuses at once, with a reason code,
 * a request not signed by the client, for a package the client did not submit, or for one already recalled. Refused
 * requests are quarantined and audited like refused submissions.
 */
public final class RecallHttpRoute extends RouteBuilder {

  public static final String ROUTE_ID = "wildex.lifecycle.recall.http";
  public static final String PATH = "/api/v1/packages/{id}/recall";

  private final Participants participants;
  private final List<KeyHolder> hubKeys;
  private final Recalls recalls;
  private final DataDirectory dataDirectory;

  public RecallHttpRoute(Participants participants, List<KeyHolder> hubKeys, Recalls recalls, DataDirectory dataDirectory) {
    this.participants = participants;
    this.hubKeys = List.copyOf(hubKeys);
    this.recalls = recalls;
    this.dataDirectory = dataDirectory;
  }

  @Override
  public void configure() {
    from("platform-http:" + PATH + "?httpMethodRestrict=POST")
        .routeId(ROUTE_ID)
        .routeConfigurationId(ErrorHandling.HTTP)
        .process(new CheckStorage(dataDirectory))
        .setProperty(CheckRecall.PROP_PATH_ID, header(CheckRecall.PATH_ID))
        .process(new ReceiveSubmission())
        .process(new IdentifySubmitter(participants))
        .process(new CheckSubmission())
        .process(new CheckRecall(participants, hubKeys, recalls))
        .setExchangePattern(ExchangePattern.InOnly)
        .to(Endpoints.RECALL)
        .process(new ConfirmDurable(dataDirectory))
        .process(new RecallQueued());
  }
}
