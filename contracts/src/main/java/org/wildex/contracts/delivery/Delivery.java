package org.wildex.contracts.delivery;

import java.time.Instant;
import java.util.UUID;
import org.wildex.contracts.Tlp;
import org.wildex.contracts.pkg.IntelligencePackage;
import org.wildex.contracts.redaction.RedactionManifest;

/**
 * What one recipient receives (signed and encrypted by the hub): its view of a package, the level of the view, why it
 * was routed to it, and the manifest (withheld and transformed paths with rule ids, the policy version, the proof).
 *
 * @param deliveryId UUIDv3 of (package id, recipient): the same on every redelivery
 * @param packageId the package's id
 * @param originator participant id of the NGO that submitted it
 * @param recipient participant id of the recipient
 * @param level highest level of anything readable in the view
 * @param routedAt when the hub decided
 * @param routedBy the routing rule (or built-in) that made this participant a recipient
 * @param manifest what was withheld or transformed and why, and the proof
 * @param view the package as this recipient may see it (null only inside the hub, between redaction and sealing,
 *     where the view travels as the delivery's JSON written from the redactor's tree: {@link DeliveryJson})
 */
public record Delivery(
    UUID deliveryId,
    UUID packageId,
    String originator,
    String recipient,
    Tlp level,
    Instant routedAt,
    String routedBy,
    RedactionManifest manifest,
    IntelligencePackage view) {}
