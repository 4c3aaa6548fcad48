package org.wildex.contracts.redaction;

import org.wildex.contracts.Tlp;

/** One path of the original package left out of a view, its level and the rule that left it out. */
public record WithheldField(String path, Tlp level, String rule) {}
