package org.wildex.contracts.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.wildex.contracts.Tlp;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.directory.ParticipantKind;
import org.wildex.contracts.pkg.Commodity;
import org.wildex.contracts.pkg.Identifier;
import org.wildex.contracts.pkg.IntelligencePackage;
import org.wildex.contracts.pkg.MarketObservation;
import org.wildex.contracts.pkg.Movement;
import org.wildex.contracts.pkg.Originator;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.contracts.pkg.Seizure;
import org.wildex.contracts.pkg.Source;
import org.wildex.contracts.pkg.Subject;

/**
 * For any valid package (random shape, random markings on existing paths, random levels) and any clearance, the view
 * holds no field above the clearance and no source, keeps everything else, and its markings point at the right fields.
 * Every text value is a unique token ("tok17") and every country code unique, so presence in the view can be checked
 * by text.
 */
class RedactionPropertyTest {

  private static final JsonProvider JSON = JsonProvider.provider();
  private static final Set<String> UNMARKABLE = Set.of("id", "createdAt", "originator", "tlp", "markings");

  record Shape(
      Tlp tlp,
      List<Integer> identifiersPerSubject,
      List<Integer> carrierRefsPerMovement,
      List<Integer> counts,
      List<Integer> markingPicks,
      List<Tlp> markingLevels) {}

  @Provide
  Arbitrary<IntelligencePackage> packages() {
    return Combinators.combine(
            Arbitraries.of(Tlp.class),
            Arbitraries.integers().between(0, 3).list().ofMaxSize(4),
            Arbitraries.integers().between(0, 2).list().ofMaxSize(3),
            Arbitraries.integers().between(0, 2).list().ofSize(4),
            Arbitraries.integers().greaterOrEqual(0).list().ofMaxSize(8),
            Arbitraries.of(Tlp.class).list().ofSize(8))
        .as(Shape::new)
        .map(RedactionPropertyTest::build);
  }

  @Property(tries = 200)
  void a_view_never_holds_a_field_above_the_clearance_nor_any_source(@ForAll("packages") IntelligencePackage p) {
    assertThat(PackageCodec.parse(PackageCodec.toJson(p))).as("generated package is valid").isEqualTo(p);
    JsonObject original = tree(p);

    for (Tlp clearance : Tlp.values()) {
      Optional<RedactedView> result = Redactor.redact(p, recipient(clearance), "prop");
      if (p.tlp().above(clearance)) {
        assertThat(result).isEmpty();
        continue;
      }
      RedactedView v = result.orElseThrow();
      assertThat(v.level().above(clearance)).isFalse();
      assertThat(v.view().markings().values()).noneMatch(level -> level.above(clearance));
      assertThat(v.view().sources()).isEmpty();
      assertThat(v.manifest().sourcesWithheld()).isEqualTo(p.sources().size());

      Set<String> hidden = new HashSet<>(tokensUnder(original, "/sources"));
      for (String path : p.markings().keySet()) {
        if (levelOf(path, p).above(clearance)) {
          hidden.addAll(tokensUnder(original, path));
        }
      }
      String view = new String(PackageCodec.toJson(v.view()), StandardCharsets.UTF_8);
      for (String token : tokensUnder(original, "")) {
        assertThat(view.contains("\"" + token + "\""))
            .as("%s at clearance %s", token, clearance)
            .isEqualTo(!hidden.contains(token));
      }

      JsonObject viewTree = tree(v.view());
      v.view().markings().forEach((path, level) -> {
        List<String> kept = tokensUnder(viewTree, path);
        assertThat(p.markings().keySet())
            .as("view marking %s (%s) points at the same field as an original marking", path, level)
            .anyMatch(o -> levelOf(o, p) == level
                && lastSegment(o).equals(lastSegment(path))
                && tokensUnder(original, o).stream().filter(t -> !hidden.contains(t)).toList().equals(kept));
      });
    }
  }

  private static String lastSegment(String path) {
    String last = path.substring(path.lastIndexOf('/') + 1);
    return last.matches("[0-9]+") ? "#" : last;
  }

  // ---- generation ---------------------------------------------------------------------------------------------

  private static IntelligencePackage build(Shape s) {
    int[] n = {0};
    java.util.function.Supplier<String> tok = () -> "tok" + (n[0]++);
    String letters = "ABCDEFGHJKLMNOPQRSTUVWXYZ"; // no I, so no code collides with CITES appendix "II"
    java.util.function.Supplier<String> country = () -> {
      int i = n[0]++;
      return "" + letters.charAt(i / 25 % 25) + letters.charAt(i % 25);
    };
    List<Subject> subjects = new ArrayList<>();
    for (int ids : s.identifiersPerSubject()) {
      List<Identifier> identifiers = new ArrayList<>();
      for (int i = 0; i < ids; i++) {
        identifiers.add(new Identifier(Identifier.Type.PHONE, tok.get(), country.get()));
      }
      subjects.add(new Subject(tok.get(), Subject.Type.PERSON, tok.get(), List.of(country.get()), null, tok.get(), identifiers));
    }
    List<Movement> movements = new ArrayList<>();
    for (int refs : s.carrierRefsPerMovement()) {
      List<String> carrierRefs = new ArrayList<>();
      for (int i = 0; i < refs; i++) {
        carrierRefs.add(tok.get());
      }
      movements.add(new Movement(country.get(), country.get(), tok.get(), tok.get(), Movement.Mode.ROAD, carrierRefs,
          LocalDate.of(2024, 1, 2), null));
    }
    List<Source> sources = new ArrayList<>();
    List<Seizure> seizures = new ArrayList<>();
    List<MarketObservation> markets = new ArrayList<>();
    List<Commodity> commodities = new ArrayList<>();
    for (int i = 0; i < s.counts().get(0); i++) {
      sources.add(new Source(tok.get(), Source.Type.INFORMANT, tok.get(), tok.get()));
    }
    for (int i = 0; i < s.counts().get(1); i++) {
      seizures.add(new Seizure(country.get(), tok.get(), LocalDate.of(2024, 2, 3), tok.get(), tok.get(), BigDecimal.TEN, tok.get()));
    }
    for (int i = 0; i < s.counts().get(2); i++) {
      markets.add(new MarketObservation(MarketObservation.Market.ONLINE, tok.get(), tok.get(), country.get(),
          Instant.parse("2024-03-04T05:06:07Z"), tok.get()));
    }
    for (int i = 0; i < s.counts().get(3); i++) {
      commodities.add(new Commodity(tok.get(), tok.get(), Commodity.CitesAppendix.I, tok.get(), BigDecimal.ONE, tok.get()));
    }
    IntelligencePackage unmarked =
        new IntelligencePackage(
            UUID.nameUUIDFromBytes(s.toString().getBytes(StandardCharsets.UTF_8)), Instant.parse("2024-06-01T00:00:00Z"),
            new Originator("eia", tok.get()), tok.get(), tok.get(), s.tlp(), null, subjects, commodities, movements,
            seizures, markets, sources, "INVESTIGATE", null, null, null);

    List<String> paths = new ArrayList<>();
    collectPaths(tree(unmarked), "", paths);
    paths.removeIf(path -> UNMARKABLE.contains(path.substring(1).split("/")[0]));
    Map<String, Tlp> markings = new HashMap<>();
    for (int i = 0; i < s.markingPicks().size() && !paths.isEmpty(); i++) {
      markings.put(paths.get(s.markingPicks().get(i) % paths.size()), Tlp.max(s.tlp(), s.markingLevels().get(i)));
    }
    IntelligencePackage u = unmarked;
    return new IntelligencePackage(u.id(), u.createdAt(), u.originator(), u.title(), u.summary(), u.tlp(), u.grading(),
        u.subjects(), u.commodities(), u.movements(), u.seizures(), u.marketObservations(), u.sources(),
        u.requestedAction(), u.recipients(), u.exclusions(), markings);
  }

  // ---- an independent, simple reading of the rules --------------------------------------------------------------

  private static Tlp levelOf(String path, IntelligencePackage p) {
    Tlp level = p.tlp();
    for (Map.Entry<String, Tlp> m : p.markings().entrySet()) {
      if (path.equals(m.getKey()) || path.startsWith(m.getKey() + "/")) {
        level = Tlp.max(level, m.getValue());
      }
    }
    return level;
  }

  private static Participant recipient(Tlp clearance) {
    return new Participant("r", ParticipantKind.CUSTOMS, "r", List.of("CN"), clearance, "r.pem");
  }

  private static JsonObject tree(IntelligencePackage p) {
    try (JsonReader r = JSON.createReader(new ByteArrayInputStream(PackageCodec.toJson(p)))) {
      return r.readObject();
    }
  }

  private static void collectPaths(JsonValue value, String at, List<String> out) {
    if (!at.isEmpty()) {
      out.add(at);
    }
    if (value.getValueType() == JsonValue.ValueType.OBJECT) {
      value.asJsonObject().forEach((k, v) -> collectPaths(v, at + "/" + k, out));
    } else if (value.getValueType() == JsonValue.ValueType.ARRAY) {
      for (int i = 0; i < value.asJsonArray().size(); i++) {
        collectPaths(value.asJsonArray().get(i), at + "/" + i, out);
      }
    }
  }

  /** Unique values (tokens and country codes) under a path, in document order. */
  private static List<String> tokensUnder(JsonObject tree, String path) {
    if (!path.isEmpty() && !JSON.createPointer(path).containsValue(tree)) {
      return List.of();
    }
    List<String> leaves = new ArrayList<>();
    collectTokens(JSON.createPointer(path).getValue(tree), leaves);
    return leaves;
  }

  private static void collectTokens(JsonValue value, List<String> out) {
    switch (value.getValueType()) {
      case STRING -> {
        String s = ((JsonString) value).getString();
        if (s.startsWith("tok") || s.matches("[A-Z]{2}")) {
          out.add(s);
        }
      }
      case OBJECT -> value.asJsonObject().values().forEach(v -> collectTokens(v, out));
      case ARRAY -> value.asJsonArray().forEach(v -> collectTokens(v, out));
      default -> { }
    }
  }
}
