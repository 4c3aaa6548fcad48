package org.wildex.contracts.redaction;

import jakarta.json.JsonObject;
import org.wildex.contracts.Tlp;
import org.wildex.contracts.pkg.IntelligencePackage;

/**
 * The package as one recipient may see it, with its manifest and the highest level of anything readable kept
 * (pseudonyms do not count: a token reveals nothing readable).
 *
 * @param view the view bound to the package records
 * @param tree the same view as the JSON tree the redactor cut it as, which the hub writes into the delivery as it is
 *     (binding it and serialising the records again would give the same JSON, at twice the cost)
 */
public record RedactedView(IntelligencePackage view, JsonObject tree, RedactionManifest manifest, Tlp level) {}
