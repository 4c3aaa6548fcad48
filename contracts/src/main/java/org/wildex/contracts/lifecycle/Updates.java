package org.wildex.contracts.lifecycle;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.WildexException;
import org.wildex.contracts.pkg.IntelligencePackage;
import org.wildex.contracts.routing.Routing;

/**
 * The rules of an update (a package that {@code supersedes} an earlier one), as plain functions: whether the hub takes
 * it, and who it goes to.
 */
public final class Updates {

  private Updates() {}

  /**
   * The earlier version as the hub recorded it.
   *
   * @param packageId its id
   * @param originator the NGO that submitted it
   * @param version its version number
   * @param recalled whether its originator recalled it
   * @param supersededBy the id of the update that already replaced it, or null
   */
  public record Earlier(UUID packageId, String originator, int version, boolean recalled,
      UUID supersededBy) {}

  /**
   * Refuses an update the hub must not take: of another originator's package ({@code NOT_ORIGINATOR}), of a recalled
   * one ({@code PACKAGE_RECALLED}), of a version already replaced or with another number than the earlier one's + 1
   * ({@code VERSION_CONFLICT}). An unknown earlier package is the caller's {@code PACKAGE_NOT_FOUND}.
   */
  public static void check(IntelligencePackage update, Earlier earlier) {
    if (!earlier.originator().equals(update.originator().org())) {
      throw new WildexException(ReasonCode.NOT_ORIGINATOR,
          "package " + earlier.packageId() + " was submitted by another participant");
    }
    if (earlier.recalled()) {
      throw new WildexException(ReasonCode.PACKAGE_RECALLED,
          "package " + earlier.packageId() + " was recalled; a recalled package has no updates");
    }
    if (earlier.supersededBy() != null && !earlier.supersededBy().equals(update.id())) {
      throw new WildexException(ReasonCode.VERSION_CONFLICT, "package " + earlier.packageId()
          + " was superseded already, by " + earlier.supersededBy() + ": update that one");
    }
    if (update.versionNumber() != earlier.version() + 1) {
      throw new WildexException(ReasonCode.VERSION_CONFLICT, "package " + earlier.packageId() + " is version "
          + earlier.version() + ", so its update is version " + (earlier.version() + 1) + ", not "
          + update.versionNumber());
    }
  }

  /**
   * Who an update goes to, from the policy's routing of it ({@code routed}): under originator control (the default),
   * only participants that received the earlier version ({@code earlierRecipients}) or that the update names; with
   * {@code originator_control: false}, everyone the policy routes.
   */
  public static List<Routing> restrict(List<Routing> routed, IntelligencePackage update,
      Collection<String> earlierRecipients) {
    if (update.handling() != null && !update.handling().noOnwardSharing()) {
      return routed;
    }
    Set<String> earlier = Set.copyOf(earlierRecipients);
    List<Routing> kept = new ArrayList<>(routed.size());
    for (Routing r : routed) {
      String id = r.participant().id();
      if (earlier.contains(id) || update.recipients().contains(id)) {
        kept.add(r);
      }
    }
    return List.copyOf(kept);
  }
}
