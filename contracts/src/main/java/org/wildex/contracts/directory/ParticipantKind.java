package org.wildex.contracts.directory;

/** What kind of organisation a participant is; agencies receive deliveries, NGOs submit, auditors read the trail. */
public enum ParticipantKind {
  NGO,
  NCB,
  CUSTOMS,
  CITES_MA,
  BLO,
  FOREIGN_LE,
  IGO,
  AUDITOR;

  /** True for law-enforcement and intergovernmental recipients (NCB, CUSTOMS, CITES_MA, BLO, FOREIGN_LE, IGO). */
  public boolean isAgency() {
    return switch (this) {
      case NCB, CUSTOMS, CITES_MA, BLO, FOREIGN_LE, IGO -> true;
      case NGO, AUDITOR -> false;
    };
  }
}
