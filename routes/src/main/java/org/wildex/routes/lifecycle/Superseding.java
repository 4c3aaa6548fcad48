package org.wildex.routes.lifecycle;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.wildex.contracts.audit.AuditEvent;
import org.wildex.contracts.lifecycle.Updates;

/**
 * An accepted update's earlier version, as the intake stages carry it (exchange property
 * {@link org.wildex.routes.WildexHeaders#PROP_SUPERSEDING}): the update's id and version, the earlier version as
 * recorded and its deliveries as the trail lists them (ROUTED, and HANDED_OVER to a peer region).
 */
public record Superseding(UUID update, int version, Updates.Earlier earlier, List<AuditEvent> deliveries) {

  /** The rule of an update's ACCEPTED event: {@code version:<n> supersedes:<earlier package id>}. */
  public static String acceptedRule(int version, UUID earlier) {
    return "version:" + version + " supersedes:" + earlier;
  }

  /** The version an ACCEPTED event's rule names: 1 for a first package (no rule). */
  static int versionOf(String acceptedRule) {
    if (acceptedRule == null || !acceptedRule.startsWith("version:")) {
      return 1;
    }
    return Integer.parseInt(acceptedRule.substring("version:".length(), acceptedRule.indexOf(' ')));
  }

  /** The rule of the SUPERSEDED event filed under the earlier package: {@code superseded-by:<update's package id>}. */
  public static String supersededRule(UUID update) {
    return SUPERSEDED_BY + update;
  }

  static final String SUPERSEDED_BY = "superseded-by:";

  /** The participants that received the earlier version. */
  public Set<String> recipients() {
    return deliveries.stream().map(AuditEvent::recipient).collect(Collectors.toUnmodifiableSet());
  }

  /** The id under which the update's withdrawals of the earlier version are recorded and its notices sent. */
  public static UUID withdrawalId(UUID update) {
    return UUID.nameUUIDFromBytes(("wildex-supersede:" + update).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
