package org.wildex.contracts.policy;

/** How a recipient's countries relate to a package's geography. */
public enum Relation {
  /**
   * One of its countries is where the case is: a subject's nationality or base, a seizure, a market, or an end of the
   * route (the first leg's origin, the last leg's destination).
   */
  OWN,
  /** Not OWN, but one of its countries is on a movement leg (a transit country). */
  ON_ROUTE,
  /** None of its countries appears in the package (a named foreign or international recipient). */
  ELSEWHERE
}
