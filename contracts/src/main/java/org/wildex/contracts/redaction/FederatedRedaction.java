package org.wildex.contracts.redaction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.wildex.contracts.delivery.Delivery;
import org.wildex.contracts.directory.Participant;

/**
 * The second redaction of a delivery handed over between regional hubs: the origin hub cut the package down for a
 * recipient of the other region with its own policy; the receiving hub applies its own policy to what arrived, so a leaf
 * reaches the recipient only when both policies let it through (the stricter of the two, leaf by leaf), and the proof
 * still verifies against the originator's Merkle root.
 *
 * <p>How: the arrived view is itself a package, so the receiving {@link Redactor} runs over it unchanged, with one
 * positional marker per leaf of the arrived view in place of salts; those markers tell, for each leaf the second pass
 * reveals, where it now sits. The final proof is the origin's, leaf for leaf: a leaf the origin revealed and the
 * second pass also reveals keeps its salt (and gets its new position); one the second pass withholds or transforms
 * becomes hidden, its commitment recomputed from the origin's salt, its original path and the value that arrived
 * (exactly the commitment the originator made); a leaf the origin hid stays hidden. The manifest lists what either
 * policy withheld or transformed, by paths of the original package.
 */
public final class FederatedRedaction {

  private static final HexFormat HEX = HexFormat.of();
  private static final String MARKERS = "wildex-federation-positions";

  private FederatedRedaction() {}

  /**
   * Narrows {@code arrived} (as the origin hub redacted it, with its proof) for {@code recipient} with the receiving
   * hub's {@code redactor}; empty when the receiving policy lets the recipient read nothing of it.
   *
   * @throws IllegalArgumentException when the arrived delivery has no proof or its proof names a value its view lacks
   */
  public static Optional<RedactedView> narrow(
      Delivery arrived, Redactor redactor, Participant recipient, ProofCheck.Hasher hasher) {
    RedactionManifest first = arrived.manifest();
    if (first == null || first.proof() == null || arrived.view() == null) {
      throw new IllegalArgumentException("a handed-over delivery needs its view and its proof");
    }
    PackageLeaves arrivedLeaves = PackageLeaves.of(arrived.view());
    Map<String, Integer> arrivedIndex = new HashMap<>();
    List<String> positions = new ArrayList<>(arrivedLeaves.size());
    for (int i = 0; i < arrivedLeaves.size(); i++) {
      arrivedIndex.put(arrivedLeaves.path(i), i);
      positions.add(Integer.toString(i));
    }
    PackageCommitments markers = new PackageCommitments(MARKERS, "", positions, positions, null, null);
    Optional<RedactedView> second = redactor.prepare(arrivedLeaves, markers).redact(recipient);
    if (second.isEmpty()) {
      return Optional.empty();
    }
    RedactedView view = second.get();
    RedactionManifest again = view.manifest();
    // arrived-view path → where the second pass put it (revealed leaves only)
    Map<String, String> kept = new HashMap<>();
    for (ProofLeaf l : again.proof().leaves()) {
      if (l.revealed()) {
        kept.put(l.path(), l.at() == null ? l.path() : l.at());
      }
    }
    Map<String, TransformedField> transformedAgain = new HashMap<>();
    for (TransformedField t : again.transformed()) {
      transformedAgain.put(t.path(), t);
    }

    List<ProofLeaf> proof = new ArrayList<>(first.proof().leaves().size());
    List<WithheldField> withheld = new ArrayList<>(first.withheld());
    List<TransformedField> transformed = new ArrayList<>();
    for (ProofLeaf leaf : first.proof().leaves()) {
      if (!leaf.revealed()) {
        proof.add(leaf);
        continue;
      }
      String at = leaf.at() == null ? leaf.path() : leaf.at();
      String now = kept.get(at);
      if (now != null) {
        proof.add(new ProofLeaf(leaf.path(), now.equals(leaf.path()) ? null : now, leaf.salt(), null));
        continue;
      }
      Integer i = arrivedIndex.get(at);
      if (i == null) {
        throw new IllegalArgumentException("the proof reveals " + leaf.path() + " but the view has nothing at " + at);
      }
      byte[] commitment = hasher.leaf(HEX.parseHex(leaf.salt()), leaf.path(), arrivedLeaves.encoded(i));
      proof.add(new ProofLeaf(null, null, null, HEX.formatHex(commitment)));
      TransformedField t = transformedAgain.get(at);
      if (t != null) {
        transformed.add(new TransformedField(leaf.path(), t.at(), t.level(), t.action(), t.to(), t.rule()));
      } else {
        withheld.add(new WithheldField(leaf.path(), arrivedLeaves.level(i), ruleWithholding(again, at)));
      }
    }
    for (TransformedField t : first.transformed()) {
      if (t.at() == null) {
        transformed.add(t);
        continue;
      }
      String now = kept.get(t.at());
      TransformedField t2 = transformedAgain.get(t.at());
      if (now != null) {
        transformed.add(new TransformedField(t.path(), now, t.level(), t.action(), t.to(), t.rule()));
      } else if (t2 != null) {
        transformed.add(new TransformedField(t.path(), t2.at(), t.level(), t2.action(), t2.to(), t.rule() + "+" + t2.rule()));
      } else {
        withheld.add(new WithheldField(t.path(), t.level(), ruleWithholding(again, t.at())));
      }
    }
    withheld.sort(java.util.Comparator.comparing(WithheldField::path));
    Proof p = first.proof();
    RedactionManifest manifest = new RedactionManifest(
        first.policyVersion() + "+" + again.policyVersion(), withheld, transformed, first.sourcesWithheld(),
        new Proof(p.scheme(), p.root(), p.rootSignedBy(), p.rootSignature(), proof));
    return Optional.of(new RedactedView(view.tree(), manifest, view.level()));
  }

  /** The rule of the second pass that withheld {@code path} (or a container of it); "federation" when none names it. */
  private static String ruleWithholding(RedactionManifest again, String path) {
    for (WithheldField w : again.withheld()) {
      if (path.equals(w.path()) || path.startsWith(w.path() + "/")) {
        return w.rule();
      }
    }
    return "federation";
  }
}
