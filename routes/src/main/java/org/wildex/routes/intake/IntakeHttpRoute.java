package org.wildex.routes.intake;

import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;
import org.wildex.routes.Endpoints;
import org.wildex.routes.Participants;
import org.wildex.routes.errors.ErrorHandling;

/**
 * Stage {@code wildex.intake.http}: {@code POST /api/v1/packages} from an NGO's client certificate; answers 202 with a
 * tracking id only once the ciphertext is durably on {@code wildex.intake}; 503 while the data directory is full or
 * read-only. It never decrypts.
 */
public final class IntakeHttpRoute extends RouteBuilder {

  public static final String ROUTE_ID = "wildex.intake.http";
  public static final String PATH = "/api/v1/packages";

  private final Participants participants;
  private final DataDirectory dataDirectory;

  public IntakeHttpRoute(Participants participants, DataDirectory dataDirectory) {
    this.participants = participants;
    this.dataDirectory = dataDirectory;
  }

  @Override
  public void configure() {
    from("platform-http:" + PATH + "?httpMethodRestrict=POST")
        .routeId(ROUTE_ID)
        .routeConfigurationId(ErrorHandling.HTTP)
        // the body is Vert.x's buffer, already in memory (and size-limited): no stream cache copy of it
        .streamCache("false")
        .process(new CheckStorage(dataDirectory))
        .process(new ReceiveSubmission())
        .process(new IdentifySubmitter(participants))
        .process(new CheckSubmission())
        .setExchangePattern(ExchangePattern.InOnly)
        .to(Endpoints.INTAKE)
        .process(new ConfirmDurable(dataDirectory))
        .process(new AcceptedAnswer());
  }
}
