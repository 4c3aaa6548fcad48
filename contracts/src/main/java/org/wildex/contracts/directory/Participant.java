package org.wildex.contracts.directory;

import java.util.List;
import org.wildex.contracts.Tlp;

/** One organisation in the directory; {@code certificate} is a path relative to the directory file. */
public record Participant(
    String id, ParticipantKind kind, String name, List<String> countries, Tlp clearance, String certificate) {

  public Participant {
    countries = countries == null ? List.of() : List.copyOf(countries);
  }
}
