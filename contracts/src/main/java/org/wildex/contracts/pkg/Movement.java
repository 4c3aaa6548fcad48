package org.wildex.contracts.pkg;

import java.util.List;

/**
 * One leg of a route between two countries (ISO 3166-1 alpha-2). Dates are ISO 8601 calendar dates or reduced
 * precision ({@code 2026-12} for a month, {@code 2026} for a year).
 */
public record Movement(
    String from,
    String to,
    String fromPlace,
    String toPlace,
    Mode mode,
    List<String> carrierRefs,
    String departed,
    String arrived) {

  public Movement {
    carrierRefs = Lists.of(carrierRefs);
  }

  /** Transport modes. */
  public enum Mode { AIR, SEA, ROAD, RAIL, POST }
}
