package org.wildex.routes.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.WildexException;
import org.wildex.contracts.directory.Participant;
import org.wildex.routes.Participants;
import org.wildex.routes.errors.ErrorHandling;

/**
 * The auditor's web page and the two reads only it needs, on the HTTPS port, for {@code AUDITOR} certificates only
 * (403 {@code CLIENT_NOT_AUDITOR} for every other participant; no certificate, no TLS handshake):
 *
 * <ul>
 *   <li>{@code GET /audit/} and its {@code app.js}, {@code app.css}, {@code icon.svg} ({@code wildex.audit.page}): plain HTML and JS that
 *       search a package (or tracking) id, draw its timeline from {@code GET /api/v1/audit/packages/{id}} with the level
 *       each recipient received, show the verification below and download the evidence bundle. The page shows only
 *       what the trail holds: ids, participants, levels, reason codes, hashes; never package content;
 *   <li>{@code GET /api/v1/audit/packages/{id}/verification} ({@code wildex.audit.verification}): the package's
 *       evidence bundle built and checked as {@code wildex audit verify-bundle} checks it (every entry's hash, its chain
 *       to a hub-signed checkpoint, the checkpoint's signature, the CA), as JSON;
 *   <li>{@code GET /api/v1/audit/packages/{id}/bundle} ({@code wildex.audit.bundle}): that bundle as a zip download.
 * </ul>
 */
public final class AuditPageRoute extends RouteBuilder {

  public static final String PAGE_PATH = "/audit/";
  public static final String VERIFICATION_PATH = "/api/v1/audit/packages/{id}/verification";
  public static final String BUNDLE_PATH = "/api/v1/audit/packages/{id}/bundle";
  static final String RESOURCES = "/org/wildex/routes/audit/page/";
  /** The files of the page: name to content type. Nothing else under {@code /audit/} is served. */
  static final Map<String, String> FILES = Map.of(
      "index.html", "text/html; charset=utf-8",
      "app.js", "text/javascript; charset=utf-8",
      "app.css", "text/css; charset=utf-8",
      "icon.svg", "image/svg+xml");

  /** What the page may load and do: its own files and same-origin reads, nothing inline, no frames. */
  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self';"
      + " base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  /** The verification answer: {@code ok} when every entry verifies up to a hub-signed checkpoint. */
  public record VerificationAnswer(String id, boolean ok, int entries, int checkpoints, List<String> problems,
      String hubSubject, String caSha256) {}

  private final Participants participants;
  private final Supplier<AuditStore> store;
  private final Processor publish = AuditTrail.publish();
  private final List<X509Certificate> hubCertificates;
  private final List<X509Certificate> cas;

  public AuditPageRoute(Participants participants, Supplier<AuditStore> store, X509Certificate hubCertificate) {
    this(participants, store, List.of(hubCertificate), participants.cas());
  }

  /**
   * With the hub's certificates (current first, then those retired by key renewals) and the CAs that issued them
   * (trusted, then retired), so trails older than a renewal or a CA rotation still verify.
   */
  public AuditPageRoute(Participants participants, Supplier<AuditStore> store, List<X509Certificate> hubCertificates,
      List<X509Certificate> cas) {
    this.participants = participants;
    this.store = store;
    this.hubCertificates = List.copyOf(hubCertificates);
    this.cas = List.copyOf(cas);
  }

  @Override
  public void configure() {
    from("platform-http:" + PAGE_PATH + "?httpMethodRestrict=GET")
        .routeId("wildex.audit.page")
        .routeConfigurationId(ErrorHandling.QUERY)
        .process(exchange -> page(exchange, "index.html"));

    // the address people type: send it to the page (relative links in the page need the trailing slash)
    from("platform-http:/audit?httpMethodRestrict=GET")
        .routeId("wildex.audit.page.redirect")
        .routeConfigurationId(ErrorHandling.QUERY)
        .process(exchange -> {
          auditor(exchange);
          QueryAnswer.write(exchange, 301, new byte[0], "text/plain");
          exchange.getIn().setHeader("Location", PAGE_PATH);
        });

    from("platform-http:" + PAGE_PATH + "{file}?httpMethodRestrict=GET")
        .routeId("wildex.audit.page.files")
        .routeConfigurationId(ErrorHandling.QUERY)
        .process(exchange -> page(exchange, exchange.getIn().getHeader("file", String.class)));

    from("platform-http:" + VERIFICATION_PATH + "?httpMethodRestrict=GET")
        .routeId("wildex.audit.verification")
        .routeConfigurationId(ErrorHandling.QUERY)
        .process(this::verification);

    from("platform-http:" + BUNDLE_PATH + "?httpMethodRestrict=GET")
        .routeId("wildex.audit.bundle")
        .routeConfigurationId(ErrorHandling.QUERY)
        .process(this::bundle);
  }

  private void page(Exchange exchange, String file) throws IOException {
    auditor(exchange);
    String type = file == null ? null : FILES.get(file);
    if (type == null) {
      throw new WildexException(ReasonCode.PACKAGE_NOT_FOUND, "no such page");
    }
    byte[] body;
    try (InputStream in = AuditPageRoute.class.getResourceAsStream(RESOURCES + file)) {
      if (in == null) {
        throw new IOException("page resource missing from the build: " + file);
      }
      body = in.readAllBytes();
    }
    QueryAnswer.write(exchange, 200, body, type);
    secure(exchange);
  }

  private void verification(Exchange exchange) throws Exception {
    Participant auditor = auditor(exchange);
    String id = AuditHttpRoute.id(exchange);
    AuditTrail.queried(exchange, "wildex.audit.verification", auditor.id(), "id=" + id);
    publish.process(exchange);
    Path file = Files.createTempFile("wildex-bundle-", ".zip");
    try {
      EvidenceBundle.export(store.get(), id, hubCertificates, cas, file);
      EvidenceBundle.Verification v = EvidenceBundle.verify(file, cas);
      QueryAnswer.write(exchange, 200, new VerificationAnswer(id, v.ok(), v.entries(), v.checkpoints(), v.problems(),
          v.hubSubject(), v.caSha256()), "application/json");
      secure(exchange);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private void bundle(Exchange exchange) throws Exception {
    Participant auditor = auditor(exchange);
    String id = AuditHttpRoute.id(exchange);
    AuditTrail.queried(exchange, "wildex.audit.bundle", auditor.id(), "id=" + id);
    publish.process(exchange);
    Path file = Files.createTempFile("wildex-bundle-", ".zip");
    try {
      EvidenceBundle.export(store.get(), id, hubCertificates, cas, file);
      QueryAnswer.write(exchange, 200, Files.readAllBytes(file), "application/zip");
      secure(exchange);
      exchange.getIn().setHeader("Content-Disposition", "attachment; filename=\"wildex-audit-" + id + ".zip\"");
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** Headers every answer of this route carries: no caching, no sniffing, no framing, the page's CSP. */
  private static void secure(Exchange exchange) {
    exchange.getIn().setHeader("Content-Security-Policy", CSP);
    exchange.getIn().setHeader("X-Content-Type-Options", "nosniff");
    exchange.getIn().setHeader("Cache-Control", "no-store");
    exchange.getIn().setHeader("Referrer-Policy", "no-referrer");
    exchange.getIn().setHeader("X-Frame-Options", "DENY");
  }

  private Participant auditor(Exchange exchange) {
    return AuditSearchRoute.auditor(exchange, participants);
  }
}
