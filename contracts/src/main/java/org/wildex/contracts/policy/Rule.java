package org.wildex.contracts.policy;

import java.util.List;
import java.util.Set;
import org.wildex.contracts.Tlp;
import org.wildex.contracts.directory.ParticipantKind;
import org.wildex.contracts.redaction.FieldCatalog;

/**
 * One sharing rule: when every given condition holds (an absent condition always holds; a list means any of), the
 * action applies to the leaf. Rules are tried in file order; the first that matches decides.
 *
 * @param id rule id, named in every decision it makes
 * @param description one line for people
 * @param kinds recipient kinds, or null for any
 * @param relations recipient relations, or null for any
 * @param named whether the recipient is named, or null for either
 * @param clearances recipient clearances, or null for any
 * @param levels the leaf's effective level, or null for any
 * @param packageLevels the package tlp, or null for any
 * @param requestedActions the package's requested action, or null for any
 * @param paths JSON Pointer patterns ({@code *} = any one segment) covering the leaf or an ancestor, or null for every
 *     content leaf
 * @param action what to do
 * @param otherwise for pseudonymise/generalise: what to do with a leaf that has no pseudonym or generalisation
 *     (include or withhold; default withhold)
 */
public record Rule(
    String id,
    String description,
    Set<ParticipantKind> kinds,
    Set<Relation> relations,
    Boolean named,
    Set<Tlp> clearances,
    Set<Tlp> levels,
    Set<Tlp> packageLevels,
    Set<String> requestedActions,
    List<String> paths,
    Action action,
    Action otherwise) {

  /** True when the rule has no condition at all (a catch-all). */
  public boolean catchAll() {
    return kinds == null && relations == null && named == null && clearances == null && levels == null
        && packageLevels == null && requestedActions == null && paths == null;
  }

  /** True when the recipient and leaf level satisfy every condition except paths. */
  boolean matches(RecipientContext ctx, Tlp level) {
    return (kinds == null || kinds.contains(ctx.kind()))
        && (relations == null || relations.contains(ctx.relation()))
        && (named == null || named == ctx.named())
        && (clearances == null || clearances.contains(ctx.clearance()))
        && (levels == null || levels.contains(level))
        && (packageLevels == null || packageLevels.contains(ctx.packageLevel()))
        && (requestedActions == null || requestedActions.contains(ctx.requestedAction()));
  }

  /** True when the rule's paths cover the catalog field (or it has no paths). */
  boolean covers(FieldCatalog.Field field) {
    return paths == null || paths.stream().anyMatch(p -> FieldCatalog.covers(p, field.template()));
  }

  /** The action on a given field: pseudonymise/generalise fall back to {@code otherwise} where they cannot apply. */
  Action actionOn(FieldCatalog.Field field) {
    return switch (action) {
      case PSEUDONYMISE -> field.pseudonymisable() ? action : otherwise;
      case GENERALISE -> field.generalisable() ? action : otherwise;
      default -> action;
    };
  }
}
