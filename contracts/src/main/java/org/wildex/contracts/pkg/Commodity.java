package org.wildex.contracts.pkg;

import java.math.BigDecimal;

/**
 * A wildlife commodity: species by scientific name, CITES appendix, product and quantity. A quantity is given exactly
 * ({@code quantity}) or as an order-of-magnitude band ({@code quantityBand}, also what a generalised quantity becomes).
 */
public record Commodity(
    String species,
    String commonName,
    CitesAppendix citesAppendix,
    String product,
    BigDecimal quantity,
    String quantityBand,
    String unit) {

  /** CITES appendices. */
  public enum CitesAppendix { I, II, III }
}
