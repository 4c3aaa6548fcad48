package org.wildex.contracts.pkg;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.yasson.YassonJsonb;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.Tlp;
import org.wildex.contracts.WildexException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonPointer;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads and writes contract JSON: {@link #parse} checks a package against the v1 contract, the rest just bind. */
public final class PackageCodec {

  /** Classpath location of the package v1 JSON Schema. */
  public static final String SCHEMA_RESOURCE = "schemas/package-v1.schema.json";

  /** Largest package (plaintext JSON) {@link #parse} reads; the hub may set a lower limit on its inputs. */
  public static final int MAX_PACKAGE_BYTES = 8 * 1024 * 1024;

  /** Top-level fields that identify the package and its handling; a marking may not withhold them. */
  public static final Set<String> UNMARKABLE =
      Set.of("id", "createdAt", "supersedes", "version", "originator", "tlp", "handling", "markings", "commitment");

  /**
   * Most decimal places a number may have. With the contract's range (quantities 0 to 1e9) that is at most 15
   * significant digits, which an IEEE 754 double holds exactly: every JSON reader gets back the number that was sent.
   */
  public static final int MAX_DECIMAL_PLACES = 6;

  private static final int MAX_REPORTED_ERRORS = 5;

  /** Yasson, shared (thread-safe); properties in lexicographic order so output is deterministic. */
  private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withAdapters(new Tlp.Adapter()));

  private static final JsonMapper STRICT_READER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(16)
                          .maxStringLength(100_000)
                          .maxNameLength(1_000)
                          .maxNumberLength(50)
                          .maxDocumentLength(MAX_PACKAGE_BYTES)
                          .build())
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  private static final Schema SCHEMA = loadSchema();

  private PackageCodec() {}

  /**
   * Parses and checks a submitted package: strict UTF-8, well-formed JSON without duplicate keys, strings of Unicode
   * text and numbers every reader gets exactly ({@link #checkValues}), the v1 schema, then markings (each must point at
   * a field present in the document and never lower its level below the package tlp). Failure details name JSON paths
   * and rules, never values.
   */
  public static IntelligencePackage parse(byte[] json) {
    if (json == null || json.length == 0) {
      throw new WildexException(ReasonCode.EMPTY_BODY, "package is empty");
    }
    if (json.length > MAX_PACKAGE_BYTES) {
      throw new WildexException(ReasonCode.PAYLOAD_TOO_LARGE, "package exceeds " + MAX_PACKAGE_BYTES + " bytes");
    }
    String text = strictUtf8(json);
    JsonNode tree = readTree(text);
    checkValues(tree, "");
    checkSchema(tree);
    checkMarkings(tree);
    try {
      return JSONB.fromJson(text, IntelligencePackage.class);
    } catch (JsonbException | IllegalArgumentException | NullPointerException | ArithmeticException e) {
      // Binding messages can echo input values, and exception names are the hub's business: keep neither.
      throw new WildexException(ReasonCode.CONTRACT_INVALID, "package cannot be bound to v1 records");
    }
  }

  /** Serialises any contract record to UTF-8 JSON; null fields are left out. */
  public static byte[] toJson(Object record) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    writeJson(record, out);
    return out.toByteArray();
  }

  /**
   * As {@link #toJson(Object)}, written as UTF-8 straight into {@code out} (Yasson's {@code toJson(Object)} grows a
   * {@code StringBuffer} from 16 characters, then the string is encoded again).
   */
  public static void writeJson(Object record, OutputStream out) {
    JSONB.toJson(record, out);
  }

  /** The JSON tree of a contract record: what {@link #toJson(Object)} writes, as a tree, without the text in between. */
  public static JsonObject toTree(Object record) {
    return (JsonObject) ((YassonJsonb) JSONB).toJsonStructure(record);
  }

  /**
   * Binds a JSON tree the hub built itself (a redacted view) to a contract type, as {@link #fromJson} would bind its
   * text, without writing the tree out and parsing it again.
   */
  public static <T> T fromTree(JsonStructure tree, Class<T> type) {
    try {
      return ((YassonJsonb) JSONB).fromJsonStructure(tree, type);
    } catch (JsonbException | IllegalArgumentException | NullPointerException | ArithmeticException e) {
      throw new WildexException(
          ReasonCode.JSON_MALFORMED,
          "cannot bind JSON to " + type.getSimpleName() + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** Binds UTF-8 JSON to a contract type without the schema check (for Delivery, Receipt, ...). */
  public static <T> T fromJson(byte[] json, Class<T> type) {
    try {
      return JSONB.fromJson(strictUtf8(json), type);
    } catch (JsonbException | IllegalArgumentException | NullPointerException | ArithmeticException e) {
      throw new WildexException(
          ReasonCode.JSON_MALFORMED,
          "cannot bind JSON to " + type.getSimpleName() + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** The text of strict UTF-8 ({@link StrictUtf8}: JSON_MALFORMED naming the first bad byte), without a byte order mark. */
  private static String strictUtf8(byte[] bytes) {
    int bad = StrictUtf8.firstInvalid(bytes);
    if (bad >= 0) {
      throw new WildexException(ReasonCode.JSON_MALFORMED, "invalid UTF-8 at byte " + bad);
    }
    String text = StrictUtf8.decode(bytes);
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      throw new WildexException(ReasonCode.JSON_MALFORMED, "byte order mark is not allowed");
    }
    return text;
  }

  private static JsonNode readTree(String text) {
    try {
      return STRICT_READER.readTree(text);
    } catch (StreamConstraintsException e) {
      throw new WildexException(ReasonCode.JSON_MALFORMED, "JSON exceeds parser limits (depth, string, name or number length)" + where(e));
    } catch (JacksonException e) {
      String message = String.valueOf(e.getOriginalMessage());
      String what = message.startsWith("Duplicate") ? "duplicate object key"
          : message.contains("surrogate") ? "an object key holds an escaped lone surrogate; keys must be Unicode text"
          : "not well-formed JSON";
      throw new WildexException(ReasonCode.JSON_MALFORMED, what + where(e));
    } catch (NumberFormatException e) {
      // Jackson's own text quotes the number: keep only what is wrong
      throw new WildexException(ReasonCode.JSON_MALFORMED, "JSON exceeds parser limits (a number's exponent)");
    }
  }

  /**
   * Refuses what the hub could only carry altered (as RFC 7493, I-JSON): a string that is not Unicode text because an
   * escape stands for a lone surrogate (U+D800 to U+DFFF alone, or a high one not followed by a low one) is
   * JSON_MALFORMED, never replaced by {@code ?}; a number with more than {@link #MAX_DECIMAL_PLACES} decimal places
   * (1e-400, which a double reads as 0.0) is CONTRACT_INVALID. Jackson itself refuses a lone surrogate in a key.
   */
  private static void checkValues(JsonNode node, String at) {
    if (node.isString()) {
      if (hasLoneSurrogate(node.stringValue())) {
        throw new WildexException(ReasonCode.JSON_MALFORMED,
            (at.isEmpty() ? "/" : at) + ": the string holds an escaped lone surrogate (U+D800 to U+DFFF outside a pair); strings must be Unicode text");
      }
    } else if (node.isNumber()) {
      if (!carriedExactly(node.decimalValue())) {
        throw new WildexException(ReasonCode.CONTRACT_INVALID,
            (at.isEmpty() ? "/" : at) + ": the number has more than " + MAX_DECIMAL_PLACES + " decimal places, so not every reader would get it exactly");
      }
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        checkValues(e.getValue(), at + "/" + e.getKey().replace("~", "~0").replace("/", "~1"));
      }
    } else if (node.isArray()) {
      int i = 0;
      for (JsonNode element : node) {
        checkValues(element, at + "/" + i++);
      }
    }
  }

  private static boolean hasLoneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  private static boolean carriedExactly(BigDecimal n) {
    try {
      return n.signum() == 0 || n.stripTrailingZeros().scale() <= MAX_DECIMAL_PLACES;
    } catch (ArithmeticException e) {
      return false; // the exponent overflows as trailing zeros are stripped: far beyond any contract range
    }
  }

  private static String where(JacksonException e) {
    TokenStreamLocation at = e.getLocation();
    return at == null || at.getLineNr() < 0 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
  }

  private static void checkSchema(JsonNode tree) {
    List<Error> errors = SCHEMA.validate(tree);
    if (!errors.isEmpty()) {
      String detail =
          errors.stream().limit(MAX_REPORTED_ERRORS).map(PackageCodec::describe).collect(Collectors.joining("; "));
      if (errors.size() > MAX_REPORTED_ERRORS) {
        detail += "; and " + (errors.size() - MAX_REPORTED_ERRORS) + " more";
      }
      throw new WildexException(ReasonCode.CONTRACT_INVALID, detail);
    }
  }

  /** "path: keyword [property]" - the schema's own messages may quote values, so they are not used. */
  private static String describe(Error error) {
    String path = error.getInstanceLocation().toString();
    String property = error.getProperty() == null ? "" : " '" + error.getProperty() + "'";
    return (path.isEmpty() ? "/" : path) + ": " + error.getKeyword() + property;
  }

  private static void checkMarkings(JsonNode tree) {
    JsonNode markings = tree.path("markings");
    Tlp packageLevel = Tlp.fromLabel(tree.path("tlp").asString());
    for (Map.Entry<String, JsonNode> marking : markings.properties()) {
      String pointer = marking.getKey();
      String shown = pointer.length() > 120 ? pointer.substring(0, 120) + "..." : pointer;
      String topLevel = pointer.isEmpty() ? "" : pointer.substring(1).split("/", -1)[0];
      if (pointer.isEmpty() || UNMARKABLE.contains(topLevel)) {
        throw new WildexException(
            ReasonCode.CONTRACT_INVALID,
            "/markings: '" + shown + "' may not be marked (root, id, createdAt, originator, tlp, handling, markings, commitment)");
      }
      if (tree.at(compile(pointer, shown)).isMissingNode()) {
        throw new WildexException(ReasonCode.MARKING_PATH_UNKNOWN, "/markings: '" + shown + "' is not in the package");
      }
      Tlp level = Tlp.fromLabel(marking.getValue().asString());
      if (packageLevel.above(level)) {
        throw new WildexException(
            ReasonCode.CONTRACT_INVALID,
            "/markings: '" + shown + "' is " + level.label() + ", below the package tlp " + packageLevel.label()
                + "; a field is never more shareable than its package");
      }
    }
  }

  private static JsonPointer compile(String pointer, String shown) {
    try {
      return JsonPointer.compile(pointer);
    } catch (IllegalArgumentException e) {
      throw new WildexException(ReasonCode.CONTRACT_INVALID, "/markings: '" + shown + "' is not a JSON Pointer");
    }
  }

  private static Schema loadSchema() {
    SchemaRegistryConfig config =
        SchemaRegistryConfig.builder().formatAssertionsEnabled(true).pathType(PathType.JSON_POINTER).build();
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, b -> b.schemaRegistryConfig(config));
    try (InputStream in = PackageCodec.class.getClassLoader().getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + SCHEMA_RESOURCE);
      }
      Schema schema = registry.getSchema(in);
      schema.initializeValidators(); // resolve everything now so validation is read-only and thread-safe
      return schema;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
