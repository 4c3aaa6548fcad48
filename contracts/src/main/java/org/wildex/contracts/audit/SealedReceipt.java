package org.wildex.contracts.audit;

/**
 * A receipt as the submitter got it (signed by the hub and encrypted to the submitter, base64 of the DER), kept so the
 * submitter can fetch it again over HTTPS. Ciphertext only; the trail's {@code RECEIPT_SENT} entry holds its SHA-256.
 */
public record SealedReceipt(String trackingId, String packageId, String originator, String status, String cmsBase64) {}
