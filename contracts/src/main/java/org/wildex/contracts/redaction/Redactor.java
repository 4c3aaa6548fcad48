package org.wildex.contracts.redaction;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.wildex.contracts.Tlp;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.pkg.IntelligencePackage;
import org.wildex.contracts.policy.Action;
import org.wildex.contracts.policy.Decision;
import org.wildex.contracts.policy.Policy;
import org.wildex.contracts.policy.RecipientContext;
import org.wildex.contracts.redaction.PackageLeaves.Node;
import org.wildex.contracts.routing.Geography;

/**
 * The policy engine: cuts a package down to what one recipient may see, as pure functions of package × recipient ×
 * policy. {@link #prepare} does the per-package work once (leaves, levels, geography, commitments); each
 * {@link Prepared#redact} then decides every leaf for one recipient ({@link Policy#decide}), builds the view (withheld
 * leaves gone, pseudonymised ones replaced by tokens, generalised ones coarsened, emptied containers dropped and later
 * array elements moved up), the manifest (withheld and transformed paths with rule ids, never content) and the proof
 * (salts of revealed leaves, commitments of the rest).
 */
public final class Redactor {

  private static final Pattern MONTH = Pattern.compile("^[0-9]{4}-[0-9]{2}.*");
  private static final Pattern YEAR = Pattern.compile("^[0-9]{4}$");

  private final Policy policy;
  private final Pseudonymiser pseudonymiser;

  public Redactor(Policy policy, Pseudonymiser pseudonymiser) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.pseudonymiser = Objects.requireNonNull(pseudonymiser, "pseudonymiser");
  }

  /** The rule of a leaf its originator released to a recipient ({@link Prepared#redact(Participant, Collection)}). */
  public static final String RELEASED = "release.originator-consent";

  public Policy policy() {
    return policy;
  }

  /** Per-package work, once: geography and, when given, the package's commitments (null: views carry no proof). */
  public Prepared prepare(PackageLeaves leaves, PackageCommitments commitments) {
    if (commitments != null && commitments.salts().size() != leaves.size()) {
      throw new IllegalArgumentException("commitments cover " + commitments.salts().size() + " leaves, package has " + leaves.size());
    }
    return new Prepared(leaves, commitments);
  }

  /** Convenience: prepare a package without commitments. */
  public Prepared prepare(IntelligencePackage p) {
    return prepare(PackageLeaves.of(p), null);
  }

  /** One leaf's decision, for explanations. */
  public record LeafDecision(String path, Tlp level, Decision decision) {}

  /**
   * Every leaf's decision for one recipient.
   *
   * @param context what the decisions depended on
   * @param ceiling the highest level the recipient may read (null: nothing)
   * @param delivered false when the package itself is above the ceiling (the recipient gets nothing)
   * @param viewLevel the level of the view when delivered
   * @param leaves one decision per leaf of the original package, in order
   */
  public record Explanation(
      RecipientContext context, Tlp ceiling, boolean delivered, Tlp viewLevel, List<LeafDecision> leaves) {}

  /** A package prepared for redaction; use from one thread at a time. */
  public final class Prepared {
    private final PackageLeaves leaves;
    private final IntelligencePackage pkg;
    private final Geography geography;
    private final PackageCommitments commitments;
    private final String[] tokens;

    private Prepared(PackageLeaves leaves, PackageCommitments commitments) {
      this.leaves = leaves;
      this.pkg = leaves.pkg();
      this.geography = Geography.of(pkg);
      this.commitments = commitments;
      this.tokens = new String[leaves.size()];
    }

    public PackageLeaves leaves() {
      return leaves;
    }

    public Geography geography() {
      return geography;
    }

    /** What decisions for this recipient depend on. */
    public RecipientContext context(Participant r) {
      return new RecipientContext(
          r.kind(), geography.relationOf(r), pkg.recipients().contains(r.id()),
          r.clearance() == null ? Tlp.CLEAR : r.clearance(), pkg.tlp(), pkg.requestedAction());
    }

    /** Every leaf's decision for a recipient. */
    public Explanation explain(Participant r) {
      RecipientContext ctx = context(r);
      Decision[] decisions = decisions(ctx);
      List<LeafDecision> out = new ArrayList<>(decisions.length);
      Tlp level = pkg.tlp();
      for (int i = 0; i < decisions.length; i++) {
        out.add(new LeafDecision(leaves.path(i), leaves.level(i), decisions[i]));
        Action a = decisions[i].action();
        if (a == Action.INCLUDE || a == Action.GENERALISE) {
          level = Tlp.max(level, leaves.level(i));
        }
      }
      boolean delivered = ctx.mayRead(pkg.tlp());
      return new Explanation(ctx, ctx.ceiling(), delivered, delivered ? level : null, List.copyOf(out));
    }

    /** The recipient's view, or empty when the package is above what it may read. */
    public Optional<RedactedView> redact(Participant r) {
      RecipientContext ctx = context(r);
      if (!ctx.mayRead(pkg.tlp())) {
        return Optional.empty();
      }
      Build b = new Build(ctx, decisions(ctx));
      return Optional.of(b.run());
    }

    /**
     * The recipient's view with the paths its originator agreed to release ({@code released}: paths of the recipient's
     * manifest, each a leaf or a container) included as they are where the policy's rules withheld, pseudonymised or
     * generalised them, decided {@link #RELEASED}. What a built-in guarantee decides (sources, exclusions, anything
     * above the recipient's ceiling, RED beyond named recipients) stays as it was whatever is released.
     */
    public Optional<RedactedView> redact(Participant r, Collection<String> released) {
      RecipientContext ctx = context(r);
      if (!ctx.mayRead(pkg.tlp())) {
        return Optional.empty();
      }
      Decision[] decisions = decisions(ctx);
      for (int i = 0; i < decisions.length; i++) {
        Action a = decisions[i].action();
        if ((a == Action.WITHHOLD || a == Action.PSEUDONYMISE || a == Action.GENERALISE)
            && Releases.releasable(decisions[i].rule()) && ctx.mayRead(leaves.level(i))
            && Releases.covered(leaves.path(i), released)) {
          decisions[i] = new Decision(Action.INCLUDE, RELEASED, null);
        }
      }
      return Optional.of(new Build(ctx, decisions).run());
    }

    private Decision[] decisions(RecipientContext ctx) {
      Decision[][] memo = new Decision[FieldCatalog.size()][];
      Decision[] out = new Decision[leaves.size()];
      for (int i = 0; i < out.length; i++) {
        Node n = leaves.leafNode(i);
        Decision[] byLevel = memo[n.field];
        if (byLevel == null) {
          byLevel = memo[n.field] = new Decision[Tlp.values().length];
        }
        Decision d = byLevel[n.level.ordinal()];
        if (d == null) {
          d = byLevel[n.level.ordinal()] = policy.decide(ctx, n.field, n.level);
        }
        out[i] = d;
      }
      return out;
    }

    private String token(int i) {
      String t = tokens[i];
      if (t == null) {
        t = tokens[i] = pseudonymiser.token(leaves.pseudonymKind(i), leaves.normalisedForPseudonym(i));
      }
      return t;
    }

    /** Status of a visited node for the manifest: kept (null), skipped, mixed, or the one rule that withheld all of it. */
    private static final String SKIP = "\u0000skip";

    private static final String MIXED = "\u0000mixed";

    /** One recipient's view under construction. */
    private final class Build {
      private final RecipientContext ctx;
      private final Decision[] decisions;
      private final List<WithheldField> withheld = new ArrayList<>();
      private final List<TransformedField> transformed = new ArrayList<>();
      private final ProofLeaf[] proof;
      private final Map<String, Tlp> markings = new TreeMap<>();
      private Tlp viewLevel;
      // results of the last visit
      private JsonValue out;
      private String outKey;
      private String status;
      private Tlp statusLevel; // highest level withheld under the node, when status names a rule

      Build(RecipientContext ctx, Decision[] decisions) {
        this.ctx = ctx;
        this.decisions = decisions;
        this.proof = commitments == null ? null : new ProofLeaf[leaves.size()];
        this.viewLevel = pkg.tlp();
      }

      RedactedView run() {
        Node root = leaves.root();
        JsonObjectBuilder view = PackageLeaves.JSON.createObjectBuilder();
        for (Node child : root.children) {
          visit(child, child.path);
          if (out != null && !"markings".equals(child.key)) {
            view.add(outKey, out);
          }
          if (status != null && !status.equals(SKIP) && !status.equals(MIXED)) {
            emit(child, status, statusLevel);
          }
        }
        Tlp ceiling = ctx.ceiling();
        JsonObjectBuilder m = PackageLeaves.JSON.createObjectBuilder();
        markings.forEach((path, level) -> {
          if (!level.above(ceiling)) {
            m.add(path, level.label());
          }
        });
        view.add("markings", m);
        JsonObject tree = view.build();
        withheld.sort(Comparator.comparing(WithheldField::path));
        Proof p = commitments == null ? null
            : new Proof(commitments.scheme(), commitments.root(), commitments.rootSignedBy(),
                commitments.rootSignature(), List.of(proof));
        RedactionManifest manifest =
            new RedactionManifest(policy.version(), withheld, transformed, pkg.sources().size(), p);
        return new RedactedView(tree, manifest, viewLevel);
      }

      /** Visits a node whose view path is {@code at}; leaves the result in out/outKey/status. */
      private void visit(Node n, String at) {
        if (n.isLeaf()) {
          leaf(n, at);
          return;
        }
        if (n.children.length == 0) { // an empty list or object as submitted: nothing to decide
          out = n.array ? JsonValue.EMPTY_JSON_ARRAY : JsonValue.EMPTY_JSON_OBJECT;
          outKey = n.key;
          status = null;
          statusLevel = null;
          return;
        }
        boolean same = at.equals(n.path);
        JsonArrayBuilder array = n.array ? PackageLeaves.JSON.createArrayBuilder() : null;
        JsonObjectBuilder object = n.array ? null : PackageLeaves.JSON.createObjectBuilder();
        int kept = 0;
        int skipped = 0;
        int withheldAll = 0;
        String common = null;
        boolean uniform = true;
        Tlp highest = Tlp.CLEAR;
        String[] childStatus = new String[n.children.length];
        Tlp[] childLevel = new Tlp[n.children.length];
        for (int i = 0; i < n.children.length; i++) {
          Node c = n.children[i];
          String childAt;
          if (n.array) {
            childAt = same && kept == i ? c.path : at + "/" + kept;
          } else {
            childAt = same ? c.path : at + c.path.substring(n.path.length());
          }
          visit(c, childAt);
          if (out != null) {
            if (n.array) {
              array.add(out);
            } else {
              object.add(outKey, out);
            }
            kept++;
            if (n.array && !childAt.equals(c.path)) {
              same = false;
            }
          } else if (n.array) {
            same = false; // later elements move up
          }
          childStatus[i] = status;
          childLevel[i] = statusLevel;
          if (SKIP.equals(status)) {
            skipped++;
          } else if (status != null) {
            withheldAll++;
            if (MIXED.equals(status)) {
              uniform = false;
            } else if (common == null) {
              common = status;
              highest = Tlp.max(highest, statusLevel);
            } else if (!common.equals(status)) {
              uniform = false;
            } else {
              highest = Tlp.max(highest, statusLevel);
            }
          }
        }
        int decided = n.children.length - skipped;
        if (decided == 0) {
          status = SKIP;
          out = null;
        } else if (withheldAll == decided && uniform) {
          status = common; // the parent may report this whole node as one withheld path
          statusLevel = highest;
          out = null;
        } else {
          for (int i = 0; i < n.children.length; i++) {
            String s = childStatus[i];
            if (s != null && !SKIP.equals(s) && !MIXED.equals(s)) {
              emit(n.children[i], s, childLevel[i]);
            }
          }
          status = withheldAll == decided ? MIXED : null;
          out = kept == 0 ? null : n.array ? array.build() : object.build();
        }
        if (out != null && !pkg.markings().isEmpty() && pkg.markings().containsKey(n.path)) {
          markings.put(at, n.level);
        }
        outKey = n.key;
      }

      private void leaf(Node n, String at) {
        int i = n.leaf;
        Decision d = decisions[i];
        outKey = n.key;
        status = null;
        statusLevel = null;
        out = null;
        switch (d.action()) {
          case INCLUDE -> {
            out = n.value;
            viewLevel = Tlp.max(viewLevel, n.level);
            if (proof != null) {
              proof[i] = new ProofLeaf(n.path, at.equals(n.path) ? null : at, commitments.salts().get(i), null);
            }
          }
          case PSEUDONYMISE -> {
            out = PackageLeaves.JSON.createValue(token(i));
            transformed.add(new TransformedField(n.path, at, n.level, "pseudonymise", d.to(), d.rule()));
            hidden(i);
          }
          case GENERALISE -> {
            FieldCatalog.Generalisation g = FieldCatalog.field(n.field).generalisation();
            String target = at;
            switch (g) {
              case MONTH -> out = month(n.value);
              case SITE -> out = site(n.value);
              case BAND -> {
                out = band(n.value);
                outKey = "quantityBand";
                target = at.substring(0, at.lastIndexOf('/') + 1) + "quantityBand";
              }
              case CITY, COUNTRY -> out = null;
            }
            if (out != null) {
              viewLevel = Tlp.max(viewLevel, n.level);
            }
            transformed.add(new TransformedField(n.path, out == null ? null : target, n.level, "generalise", d.to(), d.rule()));
            hidden(i);
          }
          case WITHHOLD -> {
            status = d.rule();
            statusLevel = n.level;
            hidden(i);
          }
          case REWRITE -> {
            status = SKIP;
            hidden(i);
          }
        }
        if (out != null && !pkg.markings().isEmpty() && pkg.markings().containsKey(n.path)) {
          markings.put(Objects.equals(outKey, n.key) ? at : at.substring(0, at.lastIndexOf('/') + 1) + outKey, n.level);
        }
      }

      private void hidden(int i) {
        if (proof != null) {
          proof[i] = new ProofLeaf(null, null, null, commitments.commitments().get(i));
        }
      }

      private void emit(Node n, String rule, Tlp level) {
        withheld.add(new WithheldField(n.path, level, rule));
      }
    }
  }

  // ---- generalisations ----------------------------------------------------------------------------------------------

  /** A date or date-time to its month ({@code YYYY-MM}); a year stays; anything else is dropped. */
  static JsonValue month(JsonValue v) {
    if (v instanceof JsonString s) {
      String t = s.getString();
      if (MONTH.matcher(t).matches()) {
        return PackageLeaves.JSON.createValue(t.substring(0, 7));
      }
      if (YEAR.matcher(t).matches()) {
        return v;
      }
    }
    return null;
  }

  /** A quantity to its order-of-magnitude band. */
  static JsonValue band(JsonValue v) {
    if (!(v instanceof JsonNumber n)) {
      return null;
    }
    BigDecimal q = n.bigDecimalValue();
    String band;
    if (q.compareTo(BigDecimal.ONE) < 0) {
      band = "<1";
    } else if (q.compareTo(BigDecimal.TEN) < 0) {
      band = "1-10";
    } else if (q.compareTo(BigDecimal.valueOf(100)) < 0) {
      band = "10-100";
    } else if (q.compareTo(BigDecimal.valueOf(1000)) < 0) {
      band = "100-1000";
    } else if (q.compareTo(BigDecimal.valueOf(10000)) < 0) {
      band = "1000-10000";
    } else {
      band = ">=10000";
    }
    return PackageLeaves.JSON.createValue(band);
  }

  /** A URL to its site ({@code scheme://host/}); unparseable ones are dropped. */
  static JsonValue site(JsonValue v) {
    if (v instanceof JsonString s) {
      try {
        URI u = new URI(s.getString().strip());
        if (u.getScheme() != null && u.getHost() != null) {
          return PackageLeaves.JSON.createValue(
              u.getScheme().toLowerCase(Locale.ROOT) + "://" + u.getHost().toLowerCase(Locale.ROOT) + "/");
        }
      } catch (URISyntaxException e) {
        return null;
      }
    }
    return null;
  }
}
