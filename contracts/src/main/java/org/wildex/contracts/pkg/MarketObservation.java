package org.wildex.contracts.pkg;

import java.time.Instant;

/** A sighting of wildlife products offered for sale, online or in a physical market. */
public record MarketObservation(
    Market market, String platform, String url, String country, Instant observedAt, String description) {

  /** Where the market is. */
  public enum Market { ONLINE, OFFLINE }
}
