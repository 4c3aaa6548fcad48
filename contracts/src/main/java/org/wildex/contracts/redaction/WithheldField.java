package org.wildex.contracts.redaction;

import org.wildex.contracts.Tlp;

/**
 * One path of the original package left out of a view: a leaf, or a container when everything under it went by the
 * same rule; the highest level withheld under it; and the rule (policy rule id or built-in) that left it out.
 */
public record WithheldField(String path, Tlp level, String rule) {}
