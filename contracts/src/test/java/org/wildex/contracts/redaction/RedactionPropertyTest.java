package org.wildex.contracts.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.wildex.contracts.TestSharing;
import org.wildex.contracts.Tlp;
import org.wildex.contracts.delivery.Delivery;
import org.wildex.contracts.delivery.DeliveryJson;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.directory.ParticipantKind;
import org.wildex.contracts.pkg.Commodity;
import org.wildex.contracts.pkg.Grading;
import org.wildex.contracts.pkg.Handling;
import org.wildex.contracts.pkg.Identifier;
import org.wildex.contracts.pkg.IntelligencePackage;
import org.wildex.contracts.pkg.MarketObservation;
import org.wildex.contracts.pkg.Movement;
import org.wildex.contracts.pkg.Originator;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.contracts.pkg.Seizure;
import org.wildex.contracts.pkg.Source;
import org.wildex.contracts.pkg.Subject;
import org.wildex.contracts.policy.Action;
import org.wildex.contracts.policy.Policy;

/**
 * The sharing guarantees for any valid package (random shape, random markings on existing paths, random levels) and
 * any recipient (random kind, clearance, country relation, named or not), under the default policy. Every planted text
 * is a unique fixed-width token ({@code tok00017}), so its presence in the bytes of a delivery can be checked by text;
 * "above the recipient's level" is worked out here independently from the guarantees in docs/policy.md.
 */
class RedactionPropertyTest {

  private static final int TRIES = 1000;
  private static final JsonProvider JSON = JsonProvider.provider();
  private static final Set<String> UNMARKABLE = Set.of("id", "createdAt", "originator", "tlp", "handling", "markings");
  private static final Pattern TOKEN = Pattern.compile("tok[0-9]{5}");
  private static final Redactor REDACTOR = TestSharing.redactor();

  /** A recipient as generated: where its country is relative to the package, and whether it is named. */
  record Who(ParticipantKind kind, Tlp clearance, int where, boolean named) {}

  record Case(IntelligencePackage pkg, List<Participant> recipients) {}

  record Shape(
      Tlp tlp,
      List<Integer> identifiersPerSubject,
      List<Integer> carrierRefsPerMovement,
      List<Integer> counts,
      List<Integer> markingPicks,
      List<Tlp> markingLevels,
      String requestedAction,
      boolean ukGrading) {}

  // ---- properties -------------------------------------------------------------------------------------------------

  @Property(tries = TRIES)
  void no_value_above_the_recipients_level_nor_any_source_appears_in_its_delivery(@ForAll("cases") Case c) {
    IntelligencePackage p = c.pkg();
    Redactor.Prepared prepared = TestSharing.prepare(p);
    Map<String, List<String>> planted = planted(p);
    Set<String> touched = touched(p);
    for (Participant r : c.recipients()) {
      Tlp ceiling = ceiling(r, p, touched);
      Optional<RedactedView> v = prepared.redact(r);
      if (ceiling == null || p.tlp().above(ceiling)) {
        assertThat(v).as("nothing for %s (ceiling %s, package %s)", r, ceiling, p.tlp()).isEmpty();
        continue;
      }
      String delivery = deliveryJson(v.orElseThrow(), r);
      for (Map.Entry<String, List<String>> leaf : planted.entrySet()) {
        String path = leaf.getKey();
        boolean secret = path.startsWith("/sources/") || path.startsWith("/exclusions/") || levelOf(path, p).above(ceiling);
        if (secret) {
          for (String token : leaf.getValue()) {
            assertThat(delivery).as("%s of %s reached %s (ceiling %s)", token, path, r.id(), ceiling).doesNotContain(token);
          }
        }
      }
      assertThat(v.get().level().above(ceiling)).isFalse();
      assertThat(v.get().view().markings().values()).noneMatch(level -> level.above(ceiling));
      assertThat(v.get().view().sources()).isEmpty();
      assertThat(v.get().manifest().sourcesWithheld()).isEqualTo(p.sources().size());
    }
  }

  @Property(tries = TRIES)
  void releasing_every_path_an_originator_may_release_still_reveals_nothing_a_guarantee_withholds(
      @ForAll("cases") Case c) {
    IntelligencePackage p = c.pkg();
    Redactor.Prepared prepared = TestSharing.prepare(p);
    Map<String, List<String>> planted = planted(p);
    Set<String> touched = touched(p);
    for (Participant r : c.recipients()) {
      Optional<RedactedView> before = prepared.redact(r);
      if (before.isEmpty()) {
        assertThat(prepared.redact(r, List.of("/"))).isEmpty();
        continue;
      }
      // the agency asks for everything its manifest lists as withheld or transformed and the originator approves it all
      RedactionManifest manifest = before.get().manifest();
      List<String> asked = Stream.concat(manifest.withheld().stream().map(WithheldField::path),
          manifest.transformed().stream().map(TransformedField::path)).toList();
      List<String> releasable = manifest.withheld().stream()
          .filter(w -> Releases.releasable(w.rule())).map(WithheldField::path).toList();
      List<String> releasableTransformed = manifest.transformed().stream()
          .filter(t -> Releases.releasable(t.rule())).map(TransformedField::path).toList();
      RedactedView after = prepared.redact(r, asked).orElseThrow();
      Tlp ceiling = ceiling(r, p, touched);
      String delivery = deliveryJson(after, r);
      for (Map.Entry<String, List<String>> leaf : planted.entrySet()) {
        String path = leaf.getKey();
        boolean secret = path.startsWith("/sources/") || path.startsWith("/exclusions/") || levelOf(path, p).above(ceiling);
        for (String token : leaf.getValue()) {
          if (secret) {
            assertThat(delivery).as("%s of %s reached %s after a release", token, path, r.id()).doesNotContain(token);
          }
        }
      }
      assertThat(after.level().above(ceiling)).isFalse();
      // what was releasable is now in the view and no longer withheld; the rest is withheld as before
      assertThat(after.manifest().withheld()).extracting(WithheldField::path).noneMatch(releasable::contains);
      assertThat(after.manifest().withheld()).containsAll(manifest.withheld().stream()
          .filter(w -> !Releases.releasable(w.rule())).toList());
      assertThat(after.manifest().transformed()).extracting(TransformedField::path).noneMatch(releasableTransformed::contains);
      assertThat(after.manifest().transformed()).containsAll(manifest.transformed().stream()
          .filter(t -> !Releases.releasable(t.rule())).toList());
      // and the new view proves against the same root
      assertThat(after.manifest().proof().root()).isEqualTo(before.get().manifest().proof().root());
    }
  }

  @Property(tries = TRIES)
  void a_higher_clearance_never_sees_less_than_a_lower_one(@ForAll("cases") Case c) {
    IntelligencePackage p = c.pkg();
    Redactor.Prepared prepared = TestSharing.prepare(p);
    for (Participant template : c.recipients()) {
      Redactor.Explanation lower = null;
      Set<String> lowerVisible = null;
      for (Tlp clearance : Tlp.values()) {
        Participant r = new Participant(template.id(), template.kind(), template.name(), template.countries(), clearance,
            template.certificate());
        Redactor.Explanation e = prepared.explain(r);
        Set<String> visible = prepared.redact(r).map(v -> visibleTokens(PackageCodec.toJson(v.view()))).orElse(Set.of());
        if (lower != null) {
          assertThat(!lower.delivered() || e.delivered()).as("delivered at %s but not at %s", lower.context().clearance(), clearance).isTrue();
          for (int i = 0; i < e.leaves().size(); i++) {
            Action was = lower.leaves().get(i).decision().action();
            Action now = e.leaves().get(i).decision().action();
            assertThat(was.revealsAtMost(now))
                .as("%s: %s at %s but %s at %s", e.leaves().get(i).path(), was, lower.context().clearance(), now, clearance)
                .isTrue();
          }
          assertThat(visible).as("readable values at %s ⊇ at the lower clearance", clearance).containsAll(lowerVisible);
        }
        lower = e;
        lowerVisible = visible;
      }
    }
  }

  @Property(tries = TRIES)
  void every_withheld_or_transformed_path_is_listed_in_the_manifest(@ForAll("cases") Case c) {
    IntelligencePackage p = c.pkg();
    Redactor.Prepared prepared = TestSharing.prepare(p);
    for (Participant r : c.recipients()) {
      Optional<RedactedView> v = prepared.redact(r);
      if (v.isEmpty()) {
        continue;
      }
      RedactionManifest m = v.get().manifest();
      Redactor.Explanation e = prepared.explain(r);
      Set<String> transformed = new HashSet<>();
      m.transformed().forEach(t -> transformed.add(t.path()));
      for (Redactor.LeafDecision d : e.leaves()) {
        Action a = d.decision().action();
        boolean listed = m.withheld().stream().anyMatch(w -> within(d.path(), w.path()));
        switch (a) {
          case WITHHOLD -> {
            assertThat(listed).as("withheld %s (%s) is listed", d.path(), d.decision().rule()).isTrue();
            assertThat(m.withheld()).as("listed with the rule that withheld it")
                .anyMatch(w -> within(d.path(), w.path()) && w.rule().equals(d.decision().rule()) && !d.level().above(w.level()));
          }
          case PSEUDONYMISE, GENERALISE -> {
            assertThat(transformed).as("transformed %s is listed", d.path()).contains(d.path());
            assertThat(listed).isFalse();
          }
          case INCLUDE -> assertThat(listed).as("included %s is not listed as withheld", d.path()).isFalse();
          case REWRITE -> assertThat(d.path()).startsWith("/markings/");
        }
      }
      assertThat(transformed).hasSize(m.transformed().size());
    }
  }

  @Property(tries = TRIES)
  void the_canonical_tree_is_the_tree_of_the_package_json(@ForAll("cases") Case c) {
    // leaves and commitments come from this tree: built directly, it must equal the written JSON read back
    IntelligencePackage p = c.pkg().withCommitment(null);
    assertThat(PackageLeaves.canonicalTree(p).toString()).isEqualTo(tree(PackageCodec.toJson(p)).toString());
  }

  @Example
  void the_canonical_tree_of_every_example_package_is_the_tree_of_its_json() throws Exception {
    assertThat(org.wildex.contracts.Examples.all()).isNotEmpty();
    for (java.nio.file.Path file : org.wildex.contracts.Examples.all()) {
      IntelligencePackage p = PackageCodec.parse(java.nio.file.Files.readAllBytes(file)).withCommitment(null);
      assertThat(PackageLeaves.canonicalTree(p).toString()).as(file.toString()).isEqualTo(tree(PackageCodec.toJson(p)).toString());
    }
  }

  @Property(tries = TRIES)
  void decisions_and_deliveries_are_deterministic(@ForAll("cases") Case c) {
    IntelligencePackage again = PackageCodec.parse(PackageCodec.toJson(c.pkg()));
    Redactor.Prepared a = TestSharing.prepare(c.pkg());
    Redactor.Prepared b = new Redactor(Policy.parse(Policy.defaultText(), "again"), TestSharing.PSEUDONYMS)
        .prepare(PackageLeaves.of(again), TestSharing.commit(PackageLeaves.of(again)));
    for (Participant r : c.recipients()) {
      assertThat(a.explain(r)).isEqualTo(b.explain(r));
      Optional<RedactedView> x = a.redact(r);
      Optional<RedactedView> y = b.redact(r);
      assertThat(x.isPresent()).isEqualTo(y.isPresent());
      if (x.isPresent()) {
        assertThat(deliveryJson(x.get(), r)).isEqualTo(deliveryJson(y.get(), r));
      }
    }
  }

  @Property(tries = TRIES)
  void every_delivery_verifies_against_the_one_root_of_its_package(@ForAll("cases") Case c) {
    Redactor.Prepared prepared = TestSharing.prepare(c.pkg());
    String root = TestSharing.commit(prepared.leaves()).root();
    for (Participant r : c.recipients()) {
      Optional<RedactedView> v = prepared.redact(r);
      if (v.isPresent()) {
        ProofCheck.Result result =
            ProofCheck.verify(deliveryJson(v.get(), r).getBytes(StandardCharsets.UTF_8), TestSharing.HASHER);
        assertThat(result.problems()).as("proof for %s", r.id()).isEmpty();
        assertThat(result.root()).isEqualTo(root);
      }
    }
  }

  // ---- an independent, simple reading of the guarantees ------------------------------------------------------------

  /** The highest level a recipient may read (docs/policy.md, built-in guarantees), or null for nothing. */
  private static Tlp ceiling(Participant r, IntelligencePackage p, Set<String> touched) {
    if (r.kind() == ParticipantKind.AUDITOR) {
      return null;
    }
    boolean named = p.recipients().contains(r.id());
    boolean agencyOfNamedCountry = r.kind().isAgency() && r.countries().stream().anyMatch(touched::contains);
    Tlp c = r.clearance();
    if (!named) {
      c = min(c, Tlp.AMBER_STRICT);
      if (!agencyOfNamedCountry) {
        c = min(c, Tlp.AMBER);
      }
      if (r.kind() == ParticipantKind.NGO) {
        c = min(c, Tlp.GREEN);
      }
    }
    return c;
  }

  private static Tlp min(Tlp a, Tlp b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static Set<String> touched(IntelligencePackage p) {
    Set<String> out = new HashSet<>();
    p.subjects().forEach(s -> {
      out.addAll(s.nationalities());
      if (s.country() != null) {
        out.add(s.country());
      }
    });
    p.movements().forEach(m -> {
      out.add(m.from());
      out.add(m.to());
    });
    p.seizures().forEach(s -> out.add(s.country()));
    p.marketObservations().forEach(o -> out.add(o.country()));
    return out;
  }

  private static Tlp levelOf(String path, IntelligencePackage p) {
    Tlp level = p.tlp();
    for (Map.Entry<String, Tlp> m : p.markings().entrySet()) {
      if (within(path, m.getKey())) {
        level = Tlp.max(level, m.getValue());
      }
    }
    return level;
  }

  private static boolean within(String path, String ancestor) {
    return path.equals(ancestor) || path.startsWith(ancestor + "/");
  }

  /** Leaf path → the tokens planted in its value. */
  private static Map<String, List<String>> planted(IntelligencePackage p) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    PackageLeaves.forEachLeaf(tree(PackageCodec.toJson(p)), "", (path, value) -> {
      if (value instanceof JsonString s) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(s.getString());
        while (m.find()) {
          tokens.add(m.group());
        }
        if (!tokens.isEmpty()) {
          out.put(path, tokens);
        }
      }
    });
    return out;
  }

  private static Set<String> visibleTokens(byte[] json) {
    Set<String> out = new HashSet<>();
    Matcher m = TOKEN.matcher(new String(json, StandardCharsets.UTF_8));
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  private static String deliveryJson(RedactedView v, Participant r) {
    Delivery d = new Delivery(UUID.nameUUIDFromBytes(r.id().getBytes(StandardCharsets.UTF_8)), v.view().id(), "eia",
        r.id(), v.level(), Instant.parse("2024-06-02T00:00:00Z"), "route.x", v.manifest(), v.view());
    byte[] written = DeliveryJson.of(d, v.tree()).json(); // as the hub writes it: the view from the redactor's tree
    // the same JSON as the records serialised, but for the order of an object's members and a list withheld whole,
    // which the records give as [] and the tree leaves out (the manifest names it); it binds back to the same records
    assertThat(withoutEmptyLists(tree(written))).isEqualTo(withoutEmptyLists(tree(PackageCodec.toJson(d))));
    assertThat(PackageCodec.fromJson(written, Delivery.class)).isEqualTo(d);
    return new String(written, StandardCharsets.UTF_8);
  }

  private static JsonValue withoutEmptyLists(JsonValue v) {
    if (v instanceof JsonObject o) {
      JsonObjectBuilder b = JSON.createObjectBuilder();
      o.forEach((k, x) -> {
        if (!(x instanceof JsonArray a && a.isEmpty())) {
          b.add(k, withoutEmptyLists(x));
        }
      });
      return b.build();
    }
    if (v instanceof JsonArray a) {
      JsonArrayBuilder b = JSON.createArrayBuilder();
      a.forEach(x -> b.add(withoutEmptyLists(x)));
      return b.build();
    }
    return v;
  }

  private static JsonObject tree(byte[] json) {
    try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(json))) {
      return reader.readObject();
    }
  }

  // ---- generation -------------------------------------------------------------------------------------------------

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<Shape> shapes = Combinators.combine(
            Arbitraries.of(Tlp.class),
            Arbitraries.integers().between(0, 3).list().ofMaxSize(4),
            Arbitraries.integers().between(0, 2).list().ofMaxSize(3),
            Arbitraries.integers().between(0, 2).list().ofSize(5),
            Arbitraries.integers().greaterOrEqual(0).list().ofMaxSize(8),
            Arbitraries.of(Tlp.class).list().ofSize(8),
            Arbitraries.of(IntelligencePackage.REQUESTED_ACTIONS),
            Arbitraries.of(true, false))
        .as(Shape::new);
    Arbitrary<Who> who = Combinators.combine(
            Arbitraries.of(ParticipantKind.class), Arbitraries.of(Tlp.class), Arbitraries.integers().between(0, 2),
            Arbitraries.of(false, false, true))
        .as(Who::new);
    return Combinators.combine(shapes, who.list().ofMinSize(1).ofMaxSize(6)).as(RedactionPropertyTest::build);
  }

  private static Case build(Shape s, List<Who> whos) {
    int[] n = {0};
    java.util.function.Supplier<String> tok = () -> "tok%05d".formatted(n[0]++);
    String letters = "ABCDEFGHJKLMNOPQRSTUVWXYZ"; // no I, so no code collides with CITES appendix "II"
    int[] c = {0};
    java.util.function.Supplier<String> country = () -> {
      int i = c[0]++;
      return "" + letters.charAt(i / 24 % 24) + letters.charAt(i % 24); // never ZZ (used for "elsewhere")
    };
    Identifier.Type[] types = Identifier.Type.values();
    List<Subject> subjects = new ArrayList<>();
    for (int ids : s.identifiersPerSubject()) {
      List<Identifier> identifiers = new ArrayList<>();
      for (int i = 0; i < ids; i++) {
        identifiers.add(new Identifier(types[(n[0] + i) % types.length], tok.get(), country.get()));
      }
      subjects.add(new Subject(tok.get(), n[0] % 2 == 0 ? Subject.Type.PERSON : Subject.Type.ORGANISATION, tok.get(),
          List.of(country.get()), null, tok.get(), tok.get(), tok.get(), identifiers));
    }
    List<Movement> movements = new ArrayList<>();
    for (int refs : s.carrierRefsPerMovement()) {
      List<String> carrierRefs = new ArrayList<>();
      for (int i = 0; i < refs; i++) {
        carrierRefs.add(tok.get());
      }
      movements.add(new Movement(country.get(), country.get(), tok.get(), tok.get(), Movement.Mode.ROAD, carrierRefs,
          "2024-01-02", n[0] % 2 == 0 ? "2024-01" : null));
    }
    List<Source> sources = new ArrayList<>();
    List<Seizure> seizures = new ArrayList<>();
    List<MarketObservation> markets = new ArrayList<>();
    List<Commodity> commodities = new ArrayList<>();
    List<String> exclusions = new ArrayList<>();
    for (int i = 0; i < s.counts().get(0); i++) {
      sources.add(new Source(tok.get(), Source.Type.INFORMANT, tok.get(), tok.get()));
    }
    for (int i = 0; i < s.counts().get(1); i++) {
      seizures.add(new Seizure(country.get(), tok.get(), tok.get(), "2024-02-03", tok.get(), tok.get(),
          i % 2 == 0 ? BigDecimal.valueOf(410) : null, i % 2 == 0 ? null : "10-100", tok.get()));
    }
    for (int i = 0; i < s.counts().get(2); i++) {
      markets.add(new MarketObservation(MarketObservation.Market.ONLINE, tok.get(),
          "https://" + tok.get() + ".example/" + tok.get(), country.get(), tok.get(), tok.get(), "2024-03-04T05:06:07Z",
          tok.get()));
    }
    for (int i = 0; i < s.counts().get(3); i++) {
      commodities.add(new Commodity(tok.get(), tok.get(), Commodity.CitesAppendix.I, tok.get(), new BigDecimal("12.5"),
          null, tok.get()));
    }
    for (int i = 0; i < s.counts().get(4); i++) {
      exclusions.add(tok.get());
    }
    Grading grading = s.ukGrading()
        ? new Grading(Grading.UK_3X5X2, "2", "B", "C", tok.get())
        : new Grading(Grading.ADMIRALTY, "B", "2", null, null);
    Handling handling = new Handling("contact-for-instruction", "must-not", "may", "must", null, true);

    List<String> ids = new ArrayList<>();
    List<String> named = new ArrayList<>();
    for (int i = 0; i < whos.size(); i++) {
      ids.add("r" + i);
      if (whos.get(i).named()) {
        named.add("r" + i);
      }
    }
    IntelligencePackage unmarked = new IntelligencePackage(
        UUID.nameUUIDFromBytes((s + "" + whos).getBytes(StandardCharsets.UTF_8)), Instant.parse("2024-06-01T00:00:00Z"),
        new Originator("eia", tok.get()), tok.get(), tok.get(), s.tlp(), grading, handling, subjects, commodities,
        movements, seizures, markets, sources, s.requestedAction(), named, exclusions, null, null, null, null);

    List<String> paths = new ArrayList<>();
    collectPaths(tree(PackageCodec.toJson(unmarked)), "", paths);
    paths.removeIf(path -> UNMARKABLE.contains(path.substring(1).split("/")[0]));
    Map<String, Tlp> markings = new HashMap<>();
    for (int i = 0; i < s.markingPicks().size() && !paths.isEmpty(); i++) {
      markings.put(paths.get(s.markingPicks().get(i) % paths.size()), Tlp.max(s.tlp(), s.markingLevels().get(i)));
    }
    IntelligencePackage u = unmarked;
    IntelligencePackage p = new IntelligencePackage(u.id(), u.createdAt(), u.originator(), u.title(), u.summary(),
        u.tlp(), u.grading(), u.handling(), u.subjects(), u.commodities(), u.movements(), u.seizures(),
        u.marketObservations(), u.sources(), u.requestedAction(), u.recipients(), u.exclusions(), markings, null, null, null);
    assertThat(PackageCodec.parse(PackageCodec.toJson(p))).as("generated package is valid").isEqualTo(p);

    // recipients: where 0 = a country where the case is, 1 = a transit country (if any), 2 = elsewhere
    List<String> own = new ArrayList<>();
    subjects.forEach(x -> own.addAll(x.nationalities()));
    seizures.forEach(x -> own.add(x.country()));
    List<String> route = new ArrayList<>();
    movements.forEach(m -> {
      route.add(m.from());
      route.add(m.to());
    });
    List<Participant> recipients = new ArrayList<>();
    for (int i = 0; i < whos.size(); i++) {
      Who w = whos.get(i);
      List<String> countries;
      if (w.kind() == ParticipantKind.BLO) {
        countries = route.size() >= 2 && w.where() < 2 ? List.of(route.get(0), route.get(1)) : List.of("ZZ", "ZY");
      } else if (w.where() == 0 && !own.isEmpty()) {
        countries = List.of(own.get(i % own.size()));
      } else if (w.where() == 1 && !route.isEmpty()) {
        countries = List.of(route.get(route.size() - 1));
      } else {
        countries = List.of("ZZ");
      }
      recipients.add(new Participant(ids.get(i), w.kind(), "org " + i, countries, w.clearance(), "r.pem"));
    }
    return new Case(p, recipients);
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
}
