package org.wildex.routes.process;

import java.time.Duration;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.WildexException;
import org.wildex.contracts.pkg.IntelligencePackage;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.crypto.cms.Cms.Opened;
import org.wildex.routes.WildexHeaders;

/**
 * Checks the opened content against the package v1 contract, that its originator is the NGO that signed it, that it is
 * neither from the future nor expired, and its commitment (or commits to it when it came without one): once per
 * package, kept in {@link WildexHeaders#PROP_COMMITTED} for the redaction stage.
 */
public final class ValidatePackage implements Processor {

  /** How far ahead of the hub's clock a package's {@code createdAt} may be. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  @Override
  public void process(Exchange exchange) {
    Opened opened = exchange.getIn().getBody(Opened.class);
    IntelligencePackage pkg = PackageCodec.parse(opened.content());
    exchange.getIn().setHeader(WildexHeaders.PACKAGE_ID, pkg.id().toString());
    String client = exchange.getIn().getHeader(WildexHeaders.CLIENT_ID, String.class);
    if (!pkg.originator().org().equals(client)) {
      throw new WildexException(
          ReasonCode.ORIGINATOR_NOT_SIGNER,
          "originator.org is not the participant that signed the package");
    }
    Instant now = Instant.now();
    if (pkg.createdAt().isAfter(now.plus(CLOCK_SKEW))) {
      throw new WildexException(ReasonCode.PACKAGE_FROM_FUTURE, "createdAt is in the future");
    }
    if (pkg.handling() != null && pkg.handling().expires() != null && pkg.handling().expires().isBefore(now)) {
      throw new WildexException(ReasonCode.PACKAGE_EXPIRED, "handling.expires lies in the past");
    }
    exchange.setProperty(WildexHeaders.PROP_COMMITTED, PackageCommitter.check(pkg, opened.signer()));
    exchange.getIn().setBody(pkg);
  }
}
