package org.wildex.contracts.pkg;

import java.time.LocalDate;
import java.util.List;

/** One leg of a route between two countries (ISO 3166-1 alpha-2). */
public record Movement(
    String from,
    String to,
    String fromPlace,
    String toPlace,
    Mode mode,
    List<String> carrierRefs,
    LocalDate departed,
    LocalDate arrived) {

  public Movement {
    carrierRefs = Lists.of(carrierRefs);
  }

  /** Transport modes. */
  public enum Mode { AIR, SEA, ROAD, RAIL, POST }
}
