package org.wildex.contracts.pkg;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.wildex.contracts.Tlp;

/**
 * Intelligence package v1, as submitted by an NGO; absent lists and markings read as empty.
 *
 * <p>An update names the package it replaces ({@code supersedes}, the same originator's latest version) and its own
 * {@code version} (that one's + 1); a first package has neither (version 1).
 */
public record IntelligencePackage(
    UUID id,
    Instant createdAt,
    Originator originator,
    String title,
    String summary,
    Tlp tlp,
    Grading grading,
    Handling handling,
    List<Subject> subjects,
    List<Commodity> commodities,
    List<Movement> movements,
    List<Seizure> seizures,
    List<MarketObservation> marketObservations,
    List<Source> sources,
    String requestedAction,
    List<String> recipients,
    List<String> exclusions,
    Map<String, Tlp> markings,
    Commitment commitment,
    UUID supersedes,
    Integer version) {

  /** Values allowed in {@code requestedAction}. */
  public static final List<String> REQUESTED_ACTIONS =
      List.of("INVESTIGATE", "INTERDICT", "CONTROLLED_DELIVERY", "MONITOR_MARKET", "INFORMATION_ONLY");

  public IntelligencePackage {
    subjects = Lists.of(subjects);
    commodities = Lists.of(commodities);
    movements = Lists.of(movements);
    seizures = Lists.of(seizures);
    marketObservations = Lists.of(marketObservations);
    sources = Lists.of(sources);
    recipients = Lists.of(recipients);
    exclusions = Lists.of(exclusions);
    markings = Lists.of(markings);
  }

  /** This package with {@code commitment} set (or removed when null). */
  public IntelligencePackage withCommitment(Commitment c) {
    return new IntelligencePackage(id, createdAt, originator, title, summary, tlp, grading, handling, subjects,
        commodities, movements, seizures, marketObservations, sources, requestedAction, recipients, exclusions,
        markings, c, supersedes, version);
  }

  /** Which version of the intelligence this is: {@code version}, or 1 when absent. */
  public int versionNumber() {
    return version == null ? 1 : version;
  }
}
