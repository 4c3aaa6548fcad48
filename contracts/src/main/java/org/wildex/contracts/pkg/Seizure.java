package org.wildex.contracts.pkg;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A seizure already made by an agency. */
public record Seizure(
    String country, String place, LocalDate date, String agency, String description, BigDecimal quantity, String unit) {}
