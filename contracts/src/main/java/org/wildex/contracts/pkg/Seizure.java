package org.wildex.contracts.pkg;

import java.math.BigDecimal;

/**
 * A seizure already made by an agency: where ({@code country}, {@code place} = city, port or border post,
 * {@code address}), when (a date, or a month/year), by whom, and how much (exact or as a band).
 */
public record Seizure(
    String country,
    String place,
    String address,
    String date,
    String agency,
    String description,
    BigDecimal quantity,
    String quantityBand,
    String unit) {}
