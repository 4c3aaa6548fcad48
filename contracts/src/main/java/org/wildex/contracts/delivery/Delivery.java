package org.wildex.contracts.delivery;

import java.time.Instant;
import java.util.UUID;
import org.wildex.contracts.Tlp;
import org.wildex.contracts.pkg.IntelligencePackage;
import org.wildex.contracts.redaction.RedactionManifest;

/** What one recipient receives (signed and encrypted by the hub): its view of a package and the manifest. */
public record Delivery(
    UUID deliveryId,
    UUID packageId,
    String originator,
    String recipient,
    Tlp level,
    Instant routedAt,
    RedactionManifest manifest,
    IntelligencePackage view) {}
