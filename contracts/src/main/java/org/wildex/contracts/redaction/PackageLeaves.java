package org.wildex.contracts.redaction;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.Tlp;
import org.wildex.contracts.WildexException;
import org.wildex.contracts.pkg.IdentifierNormaliser;
import org.wildex.contracts.pkg.IntelligencePackage;
import org.wildex.contracts.pkg.PackageCodec;

/**
 * A package as its leaves, computed once per package: the canonical JSON tree (as {@link PackageCodec#toJson} writes
 * the records, without {@code commitment}), every leaf in document order with its JSON Pointer, catalog field,
 * effective level (the package tlp raised by markings on the leaf and its ancestors) and canonical value bytes. The
 * commitments, the routing and every recipient's view are computed from this one object.
 */
public final class PackageLeaves {

  /** Looked up once: every {@code jakarta.json.Json.createX} call repeats the service lookup. */
  static final JsonProvider JSON = JsonProvider.provider();

  /** One node of the canonical tree: an object, an array or a leaf. */
  static final class Node {
    final String key; // object key, or null for an array element
    final String path;
    final Tlp level;
    final boolean array;
    final Node[] children; // null for a leaf
    final JsonValue value; // leaf only
    final int leaf; // leaf index, -1 for containers
    final int field; // catalog index for leaves, -1 for containers

    Node(String key, String path, Tlp level, boolean array, Node[] children, JsonValue value, int leaf, int field) {
      this.key = key;
      this.path = path;
      this.level = level;
      this.array = array;
      this.children = children;
      this.value = value;
      this.leaf = leaf;
      this.field = field;
    }

    boolean isLeaf() {
      return children == null;
    }
  }

  private final IntelligencePackage pkg;
  private final Node root;
  private final List<Node> leaves;
  private final String[] paths;
  private final byte[][] encoded;
  private final String[] pseudonymKinds;
  private final String[] countryHints;

  private PackageLeaves(IntelligencePackage pkg, Node root, List<Node> leaves, String[] kinds, String[] hints) {
    this.pkg = pkg;
    this.root = root;
    this.leaves = leaves;
    this.pseudonymKinds = kinds;
    this.countryHints = hints;
    this.paths = new String[leaves.size()];
    this.encoded = new byte[leaves.size()][];
    for (int i = 0; i < paths.length; i++) {
      paths[i] = leaves.get(i).path;
      encoded[i] = encode(leaves.get(i).value);
    }
  }

  /** The leaves of a (validated) package. */
  public static PackageLeaves of(IntelligencePackage p) {
    JsonObject tree = canonicalTree(p);
    Walk walk = new Walk(p.markings());
    Node root = walk.node(tree, null, "", "", p.tlp(), null);
    return new PackageLeaves(
        p, root, List.copyOf(walk.leaves), walk.kinds.toArray(String[]::new), walk.hints.toArray(String[]::new));
  }

  /**
   * The canonical JSON tree of a package, without {@code commitment}: the tree of what {@link PackageCodec#toJson}
   * writes for it, built directly (not written out and parsed again).
   */
  static JsonObject canonicalTree(IntelligencePackage p) {
    return PackageCodec.toTree(p.withCommitment(null));
  }

  public IntelligencePackage pkg() {
    return pkg;
  }

  public int size() {
    return paths.length;
  }

  /** JSON Pointer of leaf {@code i}, in document order. */
  public String path(int i) {
    return paths[i];
  }

  /** All leaf paths, in order (an unmodifiable view). */
  public List<String> paths() {
    return Arrays.asList(paths.clone());
  }

  /** Canonical bytes of leaf {@code i}'s value (see {@link #encode}); do not modify. */
  public byte[] encoded(int i) {
    return encoded[i];
  }

  /** Canonical value bytes of every leaf, in order. */
  public List<byte[]> encodedValues() {
    return Arrays.asList(encoded.clone());
  }

  public Tlp level(int i) {
    return leaves.get(i).level;
  }

  /** Catalog field of leaf {@code i}. */
  public FieldCatalog.Field field(int i) {
    return FieldCatalog.field(leaves.get(i).field);
  }

  Node root() {
    return root;
  }

  Node leafNode(int i) {
    return leaves.get(i);
  }

  /** Pseudonym kind of leaf {@code i} (resolved from the identifier type), or null. */
  String pseudonymKind(int i) {
    return pseudonymKinds[i];
  }

  /** Country of the identifier that leaf {@code i} is the value of, or null (used for national phone numbers). */
  String countryHint(int i) {
    return countryHints[i];
  }

  /**
   * The bytes a leaf commitment covers for a value: {@code s} + UTF-8 for strings, {@code n} + the plain decimal
   * (trailing zeros stripped) for numbers, {@code t}, {@code f}, {@code z} for true, false and null.
   */
  public static byte[] encode(JsonValue value) {
    return switch (value.getValueType()) {
      case STRING -> prefixed('s', ((JsonString) value).getString());
      case NUMBER -> prefixed('n', ((JsonNumber) value).bigDecimalValue().stripTrailingZeros().toPlainString());
      case TRUE -> new byte[] {'t'};
      case FALSE -> new byte[] {'f'};
      case NULL -> new byte[] {'z'};
      default -> throw new IllegalArgumentException("not a leaf: " + value.getValueType());
    };
  }

  /** Calls {@code visit(path, value)} for every leaf (string, number, boolean, null) of a JSON tree, in order. */
  public static void forEachLeaf(JsonValue tree, String at, BiConsumer<String, JsonValue> visit) {
    switch (tree.getValueType()) {
      case OBJECT -> tree.asJsonObject().forEach((k, v) -> forEachLeaf(v, at + "/" + escape(k), visit));
      case ARRAY -> {
        int i = 0;
        for (JsonValue v : tree.asJsonArray()) {
          forEachLeaf(v, at + "/" + i++, visit);
        }
      }
      default -> visit.accept(at, tree);
    }
  }

  /** RFC 6901 escaping of one reference token. */
  static String escape(String key) {
    return key.indexOf('~') < 0 && key.indexOf('/') < 0 ? key : key.replace("~", "~0").replace("/", "~1");
  }

  private static byte[] prefixed(char tag, String text) {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[body.length + 1];
    out[0] = (byte) tag;
    System.arraycopy(body, 0, out, 1, body.length);
    return out;
  }

  /** Builds the tree of nodes and collects the leaves in document order, one small method per kind of node. */
  private static final class Walk {
    private final Map<String, Tlp> markings;
    private final List<Node> leaves = new ArrayList<>();
    private final List<String> kinds = new ArrayList<>();
    private final List<String> hints = new ArrayList<>();

    Walk(Map<String, Tlp> markings) {
      this.markings = markings;
    }

    Node node(JsonValue value, String key, String path, String template, Tlp inherited, JsonObject parent) {
      Tlp level = path.isEmpty() ? inherited : Tlp.max(inherited, markings.getOrDefault(path, inherited));
      return switch (value.getValueType()) {
        case OBJECT -> object(value.asJsonObject(), key, path, template, level);
        case ARRAY -> array(value.asJsonArray(), key, path, template, level);
        default -> leaf(value, key, path, template, level, parent);
      };
    }

    private Node object(JsonObject object, String key, String path, String template, Tlp level) {
      boolean freeKeys = path.equals("/markings");
      Node[] children = new Node[object.size()];
      int i = 0;
      for (Map.Entry<String, JsonValue> e : object.entrySet()) {
        String k = escape(e.getKey());
        String childTemplate = child(template, freeKeys ? "*" : k);
        children[i++] = node(e.getValue(), e.getKey(), child(path, k), childTemplate, level, object);
      }
      return new Node(key, path, level, false, children, null, -1, -1);
    }

    private Node array(JsonArray array, String key, String path, String template, Tlp level) {
      Node[] children = new Node[array.size()];
      String elements = child(template, "*");
      for (int i = 0; i < children.length; i++) {
        children[i] = node(array.get(i), null, child(path, Integer.toString(i)), elements, level, null);
      }
      return new Node(key, path, level, true, children, null, -1, -1);
    }

    private Node leaf(JsonValue value, String key, String path, String template, Tlp level, JsonObject parent) {
      int field = FieldCatalog.indexOf(template);
      if (field < 0) {
        throw new WildexException(ReasonCode.INTERNAL_ERROR, "leaf " + template + " is not in the field catalog");
      }
      String kind = FieldCatalog.field(field).pseudonymKind();
      String hint = null;
      if (FieldCatalog.FROM_TYPE.equals(kind)) {
        JsonValue type = parent == null ? null : parent.get("type");
        kind = type instanceof JsonString s ? s.getString().toLowerCase(java.util.Locale.ROOT) : "identifier";
        JsonValue country = parent == null ? null : parent.get("country");
        hint = country instanceof JsonString c ? c.getString() : null;
      }
      Node leaf = new Node(key, path, level, false, null, value, leaves.size(), field);
      leaves.add(leaf);
      kinds.add(kind);
      hints.add(hint);
      return leaf;
    }

    /** {@code parent + "/" + token}, sized once. */
    private static String child(String parent, String token) {
      StringBuilder joined = new StringBuilder(parent.length() + 1 + token.length());
      return joined.append(parent).append('/').append(token).toString();
    }
  }

  /** The normalised value that the pseudonym of leaf {@code i} is computed from. */
  String normalisedForPseudonym(int i) {
    JsonValue v = leaves.get(i).value;
    String text = v instanceof JsonString s ? s.getString() : v.toString();
    return IdentifierNormaliser.normalise(pseudonymKinds[i], text, countryHints[i]);
  }
}
