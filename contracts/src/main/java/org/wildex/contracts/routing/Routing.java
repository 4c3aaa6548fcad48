package org.wildex.contracts.routing;

import org.wildex.contracts.directory.Participant;

/**
 * Whether one participant receives a package, and the rule that says so.
 *
 * @param participant who
 * @param routed true when it receives a delivery (if the policy leaves it anything to see)
 * @param named true when the originator named it in {@code recipients}
 * @param rule the routing rule id or built-in that decided
 * @param reason one line for people, naming kinds and countries, never content
 */
public record Routing(Participant participant, boolean routed, boolean named, String rule, String reason) {}
