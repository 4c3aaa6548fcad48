package org.wildex.contracts.pkg;

import java.util.List;

/**
 * A person or organisation of interest; {@code country} is where an organisation is based or a person lives,
 * {@code city} and {@code address} narrow that down (a policy may generalise the address to the city, the city to the
 * country).
 */
public record Subject(
    String ref,
    Type type,
    String name,
    List<String> nationalities,
    String country,
    String city,
    String address,
    String role,
    List<Identifier> identifiers) {

  public Subject {
    nationalities = Lists.of(nationalities);
    identifiers = Lists.of(identifiers);
  }

  /** Kinds of subject. */
  public enum Type { PERSON, ORGANISATION }
}
