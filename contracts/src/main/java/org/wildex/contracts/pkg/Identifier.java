package org.wildex.contracts.pkg;

/** An identifier of a subject (passport, phone, vessel, ...), with the issuing country where known. */
public record Identifier(Type type, String value, String country) {

  /** Kinds of identifier. */
  public enum Type { PASSPORT, NATIONAL_ID, PHONE, COMPANY_REGISTRATION, VESSEL_IMO, FLIGHT, CONTAINER }
}
