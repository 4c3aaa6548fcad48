package org.wildex.contracts.redaction;

import org.wildex.contracts.Tlp;

/**
 * A leaf of the original package that reaches the view changed: pseudonymised (a token) or generalised (a coarser
 * value, or dropped in favour of a coarser sibling field).
 *
 * @param path its path in the original package
 * @param at where the changed value is in the view; null when the value was dropped (address → city, place → country),
 *     so a value in the view is never excused by an entry without {@code at}
 * @param level its effective level
 * @param action {@code pseudonymise} or {@code generalise}
 * @param to {@code token}, or what it was generalised to: month, band, site, city, country
 * @param rule the rule that decided
 */
public record TransformedField(String path, String at, Tlp level, String action, String to, String rule) {}
