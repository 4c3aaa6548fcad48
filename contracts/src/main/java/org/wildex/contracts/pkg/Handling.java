package org.wildex.contracts.pkg;

import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Instant;
import java.util.List;

/**
 * How recipients may use a package, beyond its TLP level: the FIRST IEP 2.0 statements (JSON names and values as IEP
 * 2.0 writes them), an expiry, and originator control. Travels unchanged in every delivery.
 *
 * @param permittedActions what recipients may do with it (IEP {@code permitted_actions})
 * @param affectedPartyNotifications whether recipients may notify affected parties (IEP)
 * @param attribution whether recipients may, must or must not name the originator when acting on it (IEP)
 * @param encryptInTransit whether recipients must encrypt it when they pass it on (IEP)
 * @param expires after this instant the hub refuses the package ({@code PACKAGE_EXPIRED}) and recipients should
 *     discard it
 * @param originatorControl no onward sharing without the originator's consent; absent means {@code true}
 */
public record Handling(
    @JsonbProperty("permitted_actions") String permittedActions,
    @JsonbProperty("affected_party_notifications") String affectedPartyNotifications,
    @JsonbProperty("attribution") String attribution,
    @JsonbProperty("encrypt_in_transit") String encryptInTransit,
    @JsonbProperty("expires") Instant expires,
    @JsonbProperty("originator_control") Boolean originatorControl) {

  /** Values of {@code permitted_actions}, least to most permissive. */
  public static final List<String> PERMITTED_ACTIONS =
      List.of(
          "none",
          "contact-for-instruction",
          "internally-visible-actions",
          "externally-visible-indirect-actions",
          "externally-visible-direct-actions");

  /** True unless the originator explicitly allowed onward sharing ({@code originator_control: false}). */
  public boolean noOnwardSharing() {
    return originatorControl == null || originatorControl;
  }
}
