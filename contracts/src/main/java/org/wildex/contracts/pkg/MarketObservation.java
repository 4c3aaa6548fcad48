package org.wildex.contracts.pkg;

/**
 * A sighting of wildlife products offered for sale, online (platform, url) or in a physical market (place, address).
 * {@code observedAt} is an RFC 3339 date-time, a date, or a month/year.
 */
public record MarketObservation(
    Market market,
    String platform,
    String url,
    String country,
    String place,
    String address,
    String observedAt,
    String description) {

  /** Where the market is. */
  public enum Market { ONLINE, OFFLINE }
}
