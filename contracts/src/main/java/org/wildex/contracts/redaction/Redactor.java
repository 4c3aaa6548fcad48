package org.wildex.contracts.redaction;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonPointer;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.Tlp;
import org.wildex.contracts.WildexException;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.pkg.IntelligencePackage;
import org.wildex.contracts.pkg.PackageCodec;

/** Cuts a package down to what one recipient may see: fields above its clearance and all sources are removed. */
public final class Redactor {

  /** Rule id: a marked field whose level is above the recipient's clearance. */
  public static final String RULE_ABOVE_CLEARANCE = "first-cut.above-clearance";

  /** Rule id: sources (informants, undercover identities) never leave the hub. */
  public static final String RULE_SOURCES = "builtin.sources-never-leave";

  private static final String SOURCES = "/sources";

  /** Looked up once: every {@code jakarta.json.Json.createX} call repeats the service lookup. */
  private static final JsonProvider JSON = JsonProvider.provider();

  private Redactor() {}

  /**
   * The recipient's view, or empty when the package level is above its clearance. Marked fields (JSON Pointers in
   * {@code markings}) above the clearance are removed, {@code sources} always; the manifest lists original paths and
   * rule ids. A field's level is the highest of the package tlp and the markings on it and on its ancestors. Kept
   * markings are carried into the view with their paths adjusted for removed array elements.
   */
  public static Optional<RedactedView> redact(IntelligencePackage p, Participant recipient, String policyVersion) {
    Tlp clearance = Objects.requireNonNull(recipient.clearance(), "recipient clearance");
    Tlp packageLevel = Tlp.max(p.tlp(), p.markings().getOrDefault("", p.tlp()));
    if (packageLevel.above(clearance)) {
      return Optional.empty();
    }
    JsonObject original = toTree(p);

    List<String> remove = new ArrayList<>();
    List<WithheldField> withheld = new ArrayList<>();
    Map<String, Tlp> keptMarkings = new TreeMap<>();
    for (String path : p.markings().keySet()) {
      if (path.isEmpty() || within(path, SOURCES) || !exists(original, path)) {
        continue; // root is the package level; sources go anyway; an absent path cannot leak
      }
      Tlp level = levelOf(path, p);
      if (level.above(clearance)) {
        remove.add(path);
        withheld.add(new WithheldField(path, level, RULE_ABOVE_CLEARANCE));
      }
    }
    if (!p.sources().isEmpty()) {
      withheld.add(new WithheldField(SOURCES, levelOf(SOURCES, p), RULE_SOURCES));
    }
    for (String path : p.markings().keySet()) {
      boolean gone = path.isEmpty() || within(path, SOURCES) || remove.stream().anyMatch(r -> within(path, r));
      if (!gone && exists(original, path)) {
        keptMarkings.put(shifted(path, remove, original), levelOf(path, p));
      }
    }
    if (original.containsKey("sources")) {
      remove.add(SOURCES);
    }

    JsonStructure view = original;
    remove.sort(DEEPEST_AND_HIGHEST_INDEX_FIRST);
    for (String path : remove) {
      try {
        view = JSON.createPointer(path).remove(view);
      } catch (RuntimeException e) { // parsson's messages quote the document: never pass them on
        throw new WildexException(ReasonCode.INTERNAL_ERROR, "redaction could not remove " + path);
      }
    }
    JsonObjectBuilder markings = JSON.createObjectBuilder();
    keptMarkings.forEach((path, level) -> markings.add(path, level.label()));
    JsonObject result = JSON.createObjectBuilder(view.asJsonObject()).add("markings", markings).build();

    Tlp viewLevel = keptMarkings.values().stream().reduce(packageLevel, Tlp::max);
    withheld.sort(Comparator.comparing(WithheldField::path));
    IntelligencePackage bound =
        PackageCodec.fromJson(result.toString().getBytes(StandardCharsets.UTF_8), IntelligencePackage.class);
    return Optional.of(
        new RedactedView(bound, new RedactionManifest(policyVersion, withheld, p.sources().size()), viewLevel));
  }

  /** Highest of the package tlp and every marking on {@code path} or one of its ancestors. */
  private static Tlp levelOf(String path, IntelligencePackage p) {
    Tlp level = p.tlp();
    for (Map.Entry<String, Tlp> marking : p.markings().entrySet()) {
      if (within(path, marking.getKey())) {
        level = Tlp.max(level, marking.getValue());
      }
    }
    return level;
  }

  /** True when {@code path} is {@code ancestor} itself or lies below it. */
  private static boolean within(String path, String ancestor) {
    return path.equals(ancestor) || path.startsWith(ancestor + "/");
  }

  private static boolean exists(JsonObject tree, String path) {
    try {
      return JSON.createPointer(path).containsValue(tree);
    } catch (RuntimeException e) { // malformed pointer or an index into a non-array
      return false;
    }
  }

  /** The kept {@code path} after array elements listed in {@code removed} are gone (later siblings move down). */
  private static String shifted(String path, List<String> removed, JsonObject original) {
    String[] segments = segments(path);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < segments.length; i++) {
      String parent = join(segments, i);
      String segment = segments[i];
      if (isIndex(segment) && isArray(original, parent)) {
        int index = Integer.parseInt(segment);
        int gone = 0;
        for (String r : removed) {
          String[] rs = segments(r);
          if (rs.length == i + 1 && join(rs, i).equals(parent) && isIndex(rs[i]) && Integer.parseInt(rs[i]) < index) {
            gone++;
          }
        }
        segment = Integer.toString(index - gone);
      }
      out.append('/').append(segment);
    }
    return out.toString();
  }

  private static boolean isArray(JsonObject tree, String path) {
    return JSON.createPointer(path).getValue(tree).getValueType() == JsonValue.ValueType.ARRAY;
  }

  /** Descending by segments (indices compared as numbers), a path before its own ancestors. */
  private static final Comparator<String> DEEPEST_AND_HIGHEST_INDEX_FIRST =
      (a, b) -> {
        String[] x = segments(a);
        String[] y = segments(b);
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
          int c =
              isIndex(x[i]) && isIndex(y[i])
                  ? Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]))
                  : x[i].compareTo(y[i]);
          if (c != 0) {
            return -c;
          }
        }
        return -Integer.compare(x.length, y.length);
      };

  /** Raw (still escaped) reference tokens of a non-empty JSON Pointer. */
  private static String[] segments(String pointer) {
    return pointer.substring(1).split("/", -1);
  }

  private static String join(String[] segments, int count) {
    return count == 0 ? "" : "/" + String.join("/", Arrays.copyOf(segments, count));
  }

  private static boolean isIndex(String segment) {
    return segment.matches("0|[1-9][0-9]{0,8}");
  }

  private static JsonObject toTree(IntelligencePackage p) {
    try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(PackageCodec.toJson(p)))) {
      return reader.readObject();
    }
  }
}
