package org.wildex.contracts.pkg;

/** Who sent the package: the participant id of the NGO and its own case reference. */
public record Originator(String org, String reference) {}
