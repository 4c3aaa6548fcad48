package org.wildex.contracts.pkg;

/** Where the intelligence came from; never leaves the hub. */
public record Source(String ref, Type type, String description, String reliability) {

  /** Kinds of source. */
  public enum Type { INFORMANT, UNDERCOVER, OPEN_SOURCE, PARTNER }
}
