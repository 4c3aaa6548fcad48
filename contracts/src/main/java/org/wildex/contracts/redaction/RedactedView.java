package org.wildex.contracts.redaction;

import org.wildex.contracts.Tlp;
import org.wildex.contracts.pkg.IntelligencePackage;

/**
 * The package as one recipient may see it, with its manifest and the highest level of anything readable kept
 * (pseudonyms do not count: a token reveals nothing readable).
 */
public record RedactedView(IntelligencePackage view, RedactionManifest manifest, Tlp level) {}
