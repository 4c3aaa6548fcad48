package org.wildex.contracts.policy;

/**
 * The decision on one leaf for one recipient.
 *
 * @param action what happens to the value
 * @param rule the id of the policy rule or built-in guarantee that decided it
 * @param to for {@code GENERALISE} what the value became (month, band, site, city, country); {@code token} for a
 *     pseudonym; otherwise null
 */
public record Decision(Action action, String rule, String to) {}
