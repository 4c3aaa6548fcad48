package org.wildex.contracts;

import jakarta.json.bind.adapter.JsonbAdapter;
import jakarta.json.bind.annotation.JsonbTypeAdapter;

/** Traffic Light Protocol 2.0 sharing levels, least to most restrictive; JSON text is the TLP label. */
@JsonbTypeAdapter(Tlp.Adapter.class)
public enum Tlp {
  CLEAR("CLEAR"),
  GREEN("GREEN"),
  AMBER("AMBER"),
  AMBER_STRICT("AMBER+STRICT"),
  RED("RED");

  private final String label;

  Tlp(String label) {
    this.label = label;
  }

  /** The TLP 2.0 label, e.g. {@code AMBER+STRICT}. */
  public String label() {
    return label;
  }

  /** Parses a TLP 2.0 label (exact, upper case); also accepts the constant name {@code AMBER_STRICT}. */
  public static Tlp fromLabel(String label) {
    for (Tlp t : values()) {
      if (t.label.equals(label) || t.name().equals(label)) {
        return t;
      }
    }
    throw new IllegalArgumentException("not a TLP label: " + label);
  }

  /** True when this level is more restrictive than {@code other}. */
  public boolean above(Tlp other) {
    return compareTo(other) > 0;
  }

  /** The more restrictive of the two. */
  public static Tlp max(Tlp a, Tlp b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /**
   * JSON-B adapter writing and reading the TLP label. The type annotation covers fields and lists; Yasson ignores it
   * for {@code Map} values, so register it with {@code JsonbConfig.withAdapters} too (PackageCodec does).
   */
  public static final class Adapter implements JsonbAdapter<Tlp, String> {
    @Override
    public String adaptToJson(Tlp tlp) {
      return tlp.label();
    }

    @Override
    public Tlp adaptFromJson(String label) {
      return fromLabel(label);
    }
  }
}
