package org.wildex.contracts.pkg;

import java.util.List;

/** A person or organisation of interest; {@code country} is where an organisation is based. */
public record Subject(
    String ref,
    Type type,
    String name,
    List<String> nationalities,
    String country,
    String role,
    List<Identifier> identifiers) {

  public Subject {
    nationalities = Lists.of(nationalities);
    identifiers = Lists.of(identifiers);
  }

  /** Kinds of subject. */
  public enum Type { PERSON, ORGANISATION }
}
