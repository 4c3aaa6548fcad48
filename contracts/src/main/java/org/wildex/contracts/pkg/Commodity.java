package org.wildex.contracts.pkg;

import java.math.BigDecimal;

/** A wildlife commodity: species by scientific name, CITES appendix, product and quantity. */
public record Commodity(
    String species, String commonName, CitesAppendix citesAppendix, String product, BigDecimal quantity, String unit) {

  /** CITES appendices. */
  public enum CitesAppendix { I, II, III }
}
