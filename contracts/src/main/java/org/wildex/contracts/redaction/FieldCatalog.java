package org.wildex.contracts.redaction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.wildex.contracts.pkg.IdentifierNormaliser;

/**
 * Every leaf of a package v1 as a template ({@code /subjects/&#42;/identifiers/&#42;/value}: {@code *} stands for an
 * array index, or for a key of {@code markings}), with what the hub may do to it: which kind of pseudonym it takes, how
 * it generalises, and whether it is part of the envelope that always travels. {@code FieldCatalogTest} checks this
 * list against the JSON Schema.
 */
public final class FieldCatalog {

  /** What a leaf is, for the built-in guarantees. */
  public enum Role {
    /** Identifies the package and its handling; always in the view. */
    ENVELOPE,
    /** Intelligence: decided by the policy within the built-in guarantees. */
    CONTENT,
    /** Under {@code /sources}: never leaves the hub. */
    SOURCE,
    /** Under {@code /exclusions}: who the originator excluded never leaves the hub. */
    EXCLUSION,
    /** Under {@code /markings}: rewritten for each view, never copied. */
    MARKING
  }

  /** How a leaf generalises; {@link #label} names the result in the manifest ({@code to}). */
  public enum Generalisation {
    /** A date or date-time becomes its month ({@code 2026-12-02} → {@code 2026-12}). */
    MONTH("month"),
    /** A quantity becomes an order-of-magnitude band in the sibling {@code quantityBand} ({@code 410} → {@code 100-1000}). */
    BAND("band"),
    /** A URL becomes its site ({@code https://host/path?q} → {@code https://host/}). */
    SITE("site"),
    /** A street address is dropped; the sibling city or place remains. */
    CITY("city"),
    /** A city or place is dropped; the sibling country remains. */
    COUNTRY("country");

    private final String label;

    Generalisation(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * One leaf template.
   *
   * @param template JSON Pointer with {@code *} for array indices (and markings keys)
   * @param role envelope, content, source, exclusion or marking
   * @param pseudonymKind the pseudonym kind ({@link #FROM_TYPE}: the identifier's own {@code type}), or null if the
   *     leaf cannot be pseudonymised
   * @param generalisation how it generalises, or null if it cannot
   */
  public record Field(String template, Role role, String pseudonymKind, Generalisation generalisation) {
    public boolean pseudonymisable() {
      return pseudonymKind != null;
    }

    public boolean generalisable() {
      return generalisation != null;
    }
  }

  /** Pseudonym kind placeholder: the sibling {@code type} of an identifier value, lower case. */
  public static final String FROM_TYPE = "@type";

  private static final List<Field> FIELDS = new ArrayList<>();
  private static final Map<String, Integer> INDEX = new HashMap<>();

  static {
    envelope("/id", "/createdAt", "/supersedes", "/version", "/originator/org", "/originator/reference", "/tlp");
    envelope("/handling/permitted_actions", "/handling/affected_party_notifications", "/handling/attribution",
        "/handling/encrypt_in_transit", "/handling/expires", "/handling/originator_control");
    content("/title", "/summary", "/requestedAction", "/recipients/*");
    content("/grading/scale", "/grading/source", "/grading/information", "/grading/handling", "/grading/conditions");

    content("/subjects/*/ref", "/subjects/*/type");
    add("/subjects/*/name", Role.CONTENT, IdentifierNormaliser.NAME, null);
    content("/subjects/*/nationalities/*", "/subjects/*/country");
    add("/subjects/*/city", Role.CONTENT, null, Generalisation.COUNTRY);
    add("/subjects/*/address", Role.CONTENT, null, Generalisation.CITY);
    content("/subjects/*/role", "/subjects/*/identifiers/*/type");
    add("/subjects/*/identifiers/*/value", Role.CONTENT, FROM_TYPE, null);
    content("/subjects/*/identifiers/*/country");

    content("/commodities/*/species", "/commodities/*/commonName", "/commodities/*/citesAppendix",
        "/commodities/*/product");
    add("/commodities/*/quantity", Role.CONTENT, null, Generalisation.BAND);
    content("/commodities/*/quantityBand", "/commodities/*/unit");

    content("/movements/*/from", "/movements/*/to");
    add("/movements/*/fromPlace", Role.CONTENT, null, Generalisation.COUNTRY);
    add("/movements/*/toPlace", Role.CONTENT, null, Generalisation.COUNTRY);
    content("/movements/*/mode");
    add("/movements/*/carrierRefs/*", Role.CONTENT, IdentifierNormaliser.CARRIER_REF, null);
    add("/movements/*/departed", Role.CONTENT, null, Generalisation.MONTH);
    add("/movements/*/arrived", Role.CONTENT, null, Generalisation.MONTH);

    content("/seizures/*/country");
    add("/seizures/*/place", Role.CONTENT, null, Generalisation.COUNTRY);
    add("/seizures/*/address", Role.CONTENT, null, Generalisation.CITY);
    add("/seizures/*/date", Role.CONTENT, null, Generalisation.MONTH);
    content("/seizures/*/agency", "/seizures/*/description");
    add("/seizures/*/quantity", Role.CONTENT, null, Generalisation.BAND);
    content("/seizures/*/quantityBand", "/seizures/*/unit");

    content("/marketObservations/*/market", "/marketObservations/*/platform");
    add("/marketObservations/*/url", Role.CONTENT, IdentifierNormaliser.URL, Generalisation.SITE);
    content("/marketObservations/*/country");
    add("/marketObservations/*/place", Role.CONTENT, null, Generalisation.COUNTRY);
    add("/marketObservations/*/address", Role.CONTENT, null, Generalisation.CITY);
    add("/marketObservations/*/observedAt", Role.CONTENT, null, Generalisation.MONTH);
    content("/marketObservations/*/description");

    for (String s : List.of("/sources/*/ref", "/sources/*/type", "/sources/*/description", "/sources/*/reliability")) {
      add(s, Role.SOURCE, null, null);
    }
    add("/exclusions/*", Role.EXCLUSION, null, null);
    add("/markings/*", Role.MARKING, null, null);
  }

  private FieldCatalog() {}

  /** All leaf templates, in catalog order. */
  public static List<Field> fields() {
    return List.copyOf(FIELDS);
  }

  public static int size() {
    return FIELDS.size();
  }

  public static Field field(int index) {
    return FIELDS.get(index);
  }

  /** Index of a template, or -1 when the contract has no such leaf. */
  public static int indexOf(String template) {
    Integer i = INDEX.get(template);
    return i == null ? -1 : i;
  }

  /**
   * True when policy path {@code pattern} covers {@code template}: the pattern's segments are a prefix of the
   * template's, where a {@code *} in the pattern stands for any one segment.
   */
  public static boolean covers(String pattern, String template) {
    String[] p = pattern.substring(1).split("/", -1);
    String[] t = template.substring(1).split("/", -1);
    if (p.length > t.length) {
      return false;
    }
    for (int i = 0; i < p.length; i++) {
      if (!p[i].equals("*") && !p[i].equals(t[i])) {
        return false;
      }
    }
    return true;
  }

  private static void envelope(String... templates) {
    for (String t : templates) {
      add(t, Role.ENVELOPE, null, null);
    }
  }

  private static void content(String... templates) {
    for (String t : templates) {
      add(t, Role.CONTENT, null, null);
    }
  }

  private static void add(String template, Role role, String pseudonymKind, Generalisation g) {
    INDEX.put(template, FIELDS.size());
    FIELDS.add(new Field(template, role, pseudonymKind, g));
  }
}
