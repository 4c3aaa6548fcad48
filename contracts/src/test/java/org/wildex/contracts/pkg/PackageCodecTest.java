package org.wildex.contracts.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.wildex.contracts.Examples;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.Tlp;
import org.wildex.contracts.WildexException;

class PackageCodecTest {

  private static final String IVORY = Examples.text("ivory-shipment.json");

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static AbstractThrowableAssert<?, ?> rejecting(String json, ReasonCode reason) {
    return assertThatThrownBy(() -> PackageCodec.parse(utf8(json)))
        .isInstanceOf(WildexException.class)
        .satisfies(e -> assertThat(((WildexException) e).reason()).isEqualTo(reason));
  }

  static List<Path> examples() {
    return Examples.all();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void every_example_package_is_valid(Path example) throws Exception {
    IntelligencePackage p = PackageCodec.parse(Files.readAllBytes(example));
    assertThat(p.id()).isNotNull();
    assertThat(p.title()).isNotBlank();
    // what we write back is itself a valid package
    assertThat(PackageCodec.parse(PackageCodec.toJson(p))).isEqualTo(p);
  }

  @Test
  void there_are_example_packages() {
    assertThat(Examples.all()).hasSizeGreaterThanOrEqualTo(3);
  }

  @Test
  void parses_the_ivory_shipment() {
    IntelligencePackage p = PackageCodec.parse(utf8(IVORY));
    assertThat(p.id()).isEqualTo(UUID.fromString("3f6c2a1e-8b4d-4e7a-9c21-5d0b7e9a4f13"));
    assertThat(p.tlp()).isEqualTo(Tlp.AMBER);
    assertThat(p.originator().org()).isEqualTo("eia");
    assertThat(p.movements()).extracting(Movement::mode).containsExactly(Movement.Mode.AIR, Movement.Mode.ROAD);
    assertThat(p.markings()).containsEntry("/subjects/0/identifiers", Tlp.AMBER_STRICT);
    assertThat(p.commodities().get(0).citesAppendix()).isEqualTo(Commodity.CitesAppendix.I);
    assertThat(p.seizures()).isEmpty();
  }

  @Test
  void accepts_created_at_with_an_offset() {
    IntelligencePackage p =
        PackageCodec.parse(utf8(IVORY.replace("2024-03-04T09:15:00Z", "2024-03-04T12:15:00+03:00")));
    assertThat(p.createdAt()).hasToString("2024-03-04T09:15:00Z");
  }

  @Test
  void rejects_empty_body() {
    rejecting("", ReasonCode.EMPTY_BODY);
  }

  @Test
  void rejects_invalid_utf8() {
    byte[] bytes = utf8(IVORY);
    int at = IVORY.indexOf("Chen");
    bytes[at] = (byte) 0xC3; // start of a two-byte sequence followed by ASCII
    assertThatThrownBy(() -> PackageCodec.parse(bytes))
        .isInstanceOf(WildexException.class)
        .hasMessageContaining("invalid UTF-8")
        .satisfies(e -> assertThat(((WildexException) e).reason()).isEqualTo(ReasonCode.JSON_MALFORMED));
  }

  @Test
  void rejects_duplicate_keys() {
    rejecting(IVORY.replace("\"tlp\": \"AMBER\",", "\"tlp\": \"AMBER\", \"tlp\": \"CLEAR\","), ReasonCode.JSON_MALFORMED)
        .hasMessageContaining("duplicate");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{", "[]x", "{\"id\": 1} {}", "{'id': 1}", "nul"})
  void rejects_malformed_json(String json) {
    rejecting(json, ReasonCode.JSON_MALFORMED);
  }

  @Test
  void rejects_deeply_nested_json_before_the_schema() {
    rejecting("[".repeat(1000) + "]".repeat(1000), ReasonCode.JSON_MALFORMED).hasMessageContaining("limits");
  }

  @Test
  void rejects_a_missing_required_field_naming_it() {
    rejecting(IVORY.replace("\"requestedAction\": \"INTERDICT\",", ""), ReasonCode.CONTRACT_INVALID)
        .hasMessageContaining("required")
        .hasMessageContaining("requestedAction");
  }

  @Test
  void rejects_unknown_properties() {
    rejecting(IVORY.replace("\"title\":", "\"colour\": \"x\", \"title\":"), ReasonCode.CONTRACT_INVALID)
        .hasMessageContaining("additionalProperties");
  }

  @Test
  void rejects_a_bad_uuid_and_date_time() {
    rejecting(IVORY.replace("3f6c2a1e-8b4d", "3f6c2a1e-8b4z"), ReasonCode.CONTRACT_INVALID).hasMessageContaining("/id");
    rejecting(IVORY.replace("2024-03-04T09:15:00Z", "2024-03-04 09:15"), ReasonCode.CONTRACT_INVALID)
        .hasMessageContaining("/createdAt");
  }

  @Test
  void rejects_a_country_that_is_not_iso2_without_echoing_it() {
    rejecting(IVORY.replace("\"from\": \"LA\"", "\"from\": \"Laos\""), ReasonCode.CONTRACT_INVALID)
        .hasMessageContaining("/movements/1/from")
        .hasMessageContaining("pattern")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Laos"));
  }

  @Test
  void rejects_unknown_tlp_and_enum_values() {
    rejecting(IVORY.replace("\"tlp\": \"AMBER\"", "\"tlp\": \"WHITE\""), ReasonCode.CONTRACT_INVALID);
    rejecting(IVORY.replace("\"mode\": \"AIR\"", "\"mode\": \"CAMEL\""), ReasonCode.CONTRACT_INVALID);
    rejecting(IVORY.replace("\"requestedAction\": \"INTERDICT\"", "\"requestedAction\": \"ARREST\""),
        ReasonCode.CONTRACT_INVALID);
  }

  @Test
  void rejects_oversized_strings_and_arrays() {
    rejecting(IVORY.replace("\"title\": \"Raw", "\"title\": \"" + "x".repeat(301) + "Raw"), ReasonCode.CONTRACT_INVALID)
        .hasMessageContaining("maxLength");
    String manyCarriers = "\"carrierRefs\": [" + "\"a\",".repeat(50) + "\"a\"],";
    rejecting(IVORY.replace("\"carrierRefs\": [\"AWB 000-41238876\"],", manyCarriers), ReasonCode.CONTRACT_INVALID)
        .hasMessageContaining("maxItems");
  }

  @Test
  void rejects_a_grade_outside_its_scale() {
    rejecting(IVORY.replace("\"source\": \"B\", \"information\": \"2\"", "\"source\": \"B\", \"information\": \"9\""),
        ReasonCode.CONTRACT_INVALID).hasMessageContaining("/grading/information");
  }

  @Test
  void rejects_a_marking_key_that_is_not_a_json_pointer() {
    rejecting(IVORY.replace("\"/movements/1/carrierRefs\": \"RED\"", "\"movements.1\": \"RED\""),
        ReasonCode.CONTRACT_INVALID).hasMessageContaining("/markings");
  }

  @Test
  void rejects_a_marking_on_a_path_not_in_the_package() {
    rejecting(IVORY.replace("\"/movements/1/carrierRefs\"", "\"/movements/2/carrierRefs\""),
        ReasonCode.MARKING_PATH_UNKNOWN).hasMessageContaining("/movements/2/carrierRefs");
    rejecting(IVORY.replace("\"/movements/1/carrierRefs\"", "\"/seizures\""), ReasonCode.MARKING_PATH_UNKNOWN);
    rejecting(IVORY.replace("\"/movements/1/carrierRefs\"", "\"/subjects/01\""), ReasonCode.MARKING_PATH_UNKNOWN);
  }

  @Test
  void rejects_a_marking_below_the_package_level() {
    rejecting(IVORY.replace("\"/movements/1/carrierRefs\": \"RED\"", "\"/movements/1/carrierRefs\": \"GREEN\""),
        ReasonCode.CONTRACT_INVALID).hasMessageContaining("never more shareable than its package");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/id", "/tlp", "/originator/org", "/markings"})
  void rejects_markings_on_the_envelope(String pointer) {
    rejecting(IVORY.replace("\"/movements/1/carrierRefs\"", "\"" + pointer + "\""), ReasonCode.CONTRACT_INVALID)
        .hasMessageContaining("may not be marked");
  }

  @Test
  void rejects_a_byte_order_mark() {
    rejecting("\uFEFF" + IVORY, ReasonCode.JSON_MALFORMED);
  }

  @Test
  void parses_concurrently_with_one_shared_schema() throws Exception {
    byte[] valid = utf8(IVORY);
    byte[] invalid = utf8(IVORY.replace("\"from\": \"LA\"", "\"from\": \"Laos\""));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        boolean good = i % 2 == 0;
        results.add(pool.submit(() -> {
          try {
            return PackageCodec.parse(good ? valid : invalid).id() != null && good;
          } catch (WildexException e) {
            return !good && e.reason() == ReasonCode.CONTRACT_INVALID;
          }
        }));
      }
      for (Future<Boolean> r : results) {
        assertThat(r.get(30, TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void rejects_a_package_above_the_size_cap() {
    byte[] big = new byte[PackageCodec.MAX_PACKAGE_BYTES + 1];
    assertThatThrownBy(() -> PackageCodec.parse(big))
        .satisfies(e -> assertThat(((WildexException) e).reason()).isEqualTo(ReasonCode.PAYLOAD_TOO_LARGE));
  }
}
