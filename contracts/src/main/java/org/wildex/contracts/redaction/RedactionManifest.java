package org.wildex.contracts.redaction;

import java.util.List;

/** What a view leaves out and why (paths and rule ids, never content); travels with every delivery. */
public record RedactionManifest(String policyVersion, List<WithheldField> withheld, int sourcesWithheld) {

  public RedactionManifest {
    withheld = withheld == null ? List.of() : List.copyOf(withheld);
  }
}
