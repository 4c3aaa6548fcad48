package org.wildex.contracts.redaction;

import jakarta.json.JsonObject;
import org.wildex.contracts.Tlp;
import org.wildex.contracts.pkg.IntelligencePackage;
import org.wildex.contracts.pkg.PackageCodec;

/**
 * The package as one recipient may see it, with its manifest and the highest level of anything readable kept
 * (pseudonyms do not count: a token reveals nothing readable).
 *
 * <p>The redactor cuts the view as a JSON tree, and the hub writes that tree into the delivery as it is. The view bound
 * to the package records ({@link #view()}) is made from the tree when first asked for: the hub's own delivery path
 * never asks (binding and serialising the records again would give the same JSON, at twice the cost).
 */
public final class RedactedView {

  private final JsonObject tree;
  private final RedactionManifest manifest;
  private final Tlp level;
  private IntelligencePackage view; // bound from the tree on first use; a race binds it twice, to equal records

  /**
   * @param tree the view as the JSON tree the redactor cut it as
   * @param manifest what was withheld or transformed, and the proof
   * @param level the highest level of anything readable in the view
   */
  public RedactedView(JsonObject tree, RedactionManifest manifest, Tlp level) {
    this.tree = tree;
    this.manifest = manifest;
    this.level = level;
  }

  /** The view bound to the package records (bound from {@link #tree()} once). */
  public IntelligencePackage view() {
    IntelligencePackage v = view;
    if (v == null) {
      view = v = PackageCodec.fromTree(tree, IntelligencePackage.class);
    }
    return v;
  }

  /** The view as the redactor's JSON tree. */
  public JsonObject tree() {
    return tree;
  }

  public RedactionManifest manifest() {
    return manifest;
  }

  public Tlp level() {
    return level;
  }
}
