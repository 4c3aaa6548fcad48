package org.wildex.contracts.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.MathContext;
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
  @ValueSource(strings = {"", "/id", "/tlp", "/originator/org", "/markings", "/handling", "/handling/expires"})
  void rejects_markings_on_the_envelope(String pointer) {
    rejecting(IVORY.replace("\"/movements/1/carrierRefs\"", "\"" + pointer + "\""), ReasonCode.CONTRACT_INVALID)
        .hasMessageContaining("may not be marked");
  }

  @Test
  void reads_the_iep_handling_statements_and_expiry() {
    IntelligencePackage p = PackageCodec.parse(utf8(IVORY));
    assertThat(p.handling().permittedActions()).isEqualTo("contact-for-instruction");
    assertThat(p.handling().affectedPartyNotifications()).isEqualTo("must-not");
    assertThat(p.handling().attribution()).isEqualTo("must-not");
    assertThat(p.handling().encryptInTransit()).isEqualTo("must");
    assertThat(p.handling().expires()).hasToString("2030-03-04T00:00:00Z");
    assertThat(p.handling().noOnwardSharing()).isTrue();
    assertThat(new Handling(null, null, null, null, null, null).noOnwardSharing()).as("absent means controlled").isTrue();
    assertThat(new Handling(null, null, null, null, null, false).noOnwardSharing()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "\"permitted_actions\": \"contact-for-instruction\"=\"permitted_actions\": \"CONTACT FOR INSTRUCTION\"",
    "\"attribution\": \"must-not\"=\"attribution\": \"never\"",
    "\"encrypt_in_transit\": \"must\"=\"encrypt_in_transit\": true",
    "\"originator_control\": true=\"originator_control\": \"yes\"",
    "\"expires\": \"2030-03-04T00:00:00Z\"=\"expires\": \"soon\"",
    "\"originator_control\": true=\"originator_control\": true, \"unmodified_resale\": \"may\""
  })
  void rejects_handling_outside_iep_2(String edit) {
    String[] parts = edit.split("=", 2);
    assertThat(IVORY).contains(parts[0]);
    rejecting(IVORY.replace(parts[0], parts[1]), ReasonCode.CONTRACT_INVALID).hasMessageContaining("/handling");
  }

  @Test
  void uk_3x5x2_needs_a_handling_code_and_conditions_when_it_is_c() {
    String tiger = Examples.text("tiger-network.json");
    assertThat(PackageCodec.parse(utf8(tiger)).grading().handling()).isEqualTo("C");
    rejecting(tiger.replace("\"handling\": \"C\", ", ""), ReasonCode.CONTRACT_INVALID).hasMessageContaining("/grading");
    rejecting(tiger.replace(", \"conditions\": \"Share with law enforcement of LA and VN only.\"", ""),
        ReasonCode.CONTRACT_INVALID).hasMessageContaining("/grading");
    rejecting(tiger.replace("\"handling\": \"C\"", "\"handling\": \"X\""), ReasonCode.CONTRACT_INVALID);
    rejecting(tiger.replace("\"information\": \"B\"", "\"information\": \"4\""), ReasonCode.CONTRACT_INVALID);
    PackageCodec.parse(utf8(tiger.replace("\"handling\": \"C\", \"conditions\": \"Share with law enforcement of LA and VN only.\"",
        "\"handling\": \"P\"")));
  }

  @Test
  void admiralty_grades_have_no_handling_code() {
    rejecting(IVORY.replace("\"information\": \"2\",", "\"information\": \"2\", \"handling\": \"P\","),
        ReasonCode.CONTRACT_INVALID).hasMessageContaining("/grading");
  }

  @Test
  void a_quantity_is_exact_or_a_band_never_both() {
    String rhino = Examples.text("seizure-controlled-delivery.json");
    IntelligencePackage p = PackageCodec.parse(utf8(rhino));
    assertThat(p.commodities().get(1).quantityBand()).isEqualTo("10-100");
    assertThat(p.commodities().get(1).quantity()).isNull();
    rejecting(rhino.replace("\"quantity\": 23.4, \"unit\": \"kg\" },", "\"quantity\": 23.4, \"quantityBand\": \"10-100\", \"unit\": \"kg\" },"),
        ReasonCode.CONTRACT_INVALID).hasMessageContaining("/commodities/0");
    rejecting(rhino.replace("\"quantityBand\": \"10-100\"", "\"quantityBand\": \"about 50\""), ReasonCode.CONTRACT_INVALID);
  }

  @Test
  void dates_may_be_days_months_or_years_but_real_ones() {
    String rhino = Examples.text("seizure-controlled-delivery.json");
    assertThat(PackageCodec.parse(utf8(rhino)).movements().get(1).departed()).isEqualTo("2025-09");
    PackageCodec.parse(utf8(rhino.replace("\"departed\": \"2025-09\"", "\"departed\": \"2025\"")));
    rejecting(rhino.replace("\"departed\": \"2025-09\"", "\"departed\": \"2025-13\""), ReasonCode.CONTRACT_INVALID)
        .hasMessageContaining("/movements/1/departed");
    rejecting(rhino.replace("\"departed\": \"2025-09\"", "\"departed\": \"2025-02-30\""), ReasonCode.CONTRACT_INVALID);
    rejecting(rhino.replace("\"departed\": \"2025-09\"", "\"departed\": \"Sept 2025\""), ReasonCode.CONTRACT_INVALID);
  }

  @Test
  void a_commitment_must_name_the_scheme_and_hex_values() {
    String c = "\"commitment\": {\"scheme\": \"wildex-merkle-sha256-v1\", \"seed\": \"%s\", \"root\": \"%s\", \"signature\": \"%s\"},";
    String good = c.formatted("ab".repeat(32), "cd".repeat(32), "MIIB");
    PackageCodec.parse(utf8(IVORY.replace("\"title\":", good + " \"title\":")));
    rejecting(IVORY.replace("\"title\":", c.formatted("ab", "cd".repeat(32), "MIIB") + " \"title\":"), ReasonCode.CONTRACT_INVALID)
        .hasMessageContaining("/commitment/seed");
    rejecting(IVORY.replace("\"title\":", good.replace("wildex-merkle-sha256-v1", "md5") + " \"title\":"),
        ReasonCode.CONTRACT_INVALID).hasMessageContaining("/commitment/scheme");
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

  @ParameterizedTest
  @ValueSource(strings = {"\\ud800", "\\udc00", "\\ud800A", "\\ud800\\ud800", "\\udbff\\u0041", "x\\ud83d"})
  void refuses_an_escaped_lone_surrogate_in_a_string_instead_of_altering_it(String escaped) {
    rejecting(IVORY.replace("\"title\": \"Raw", "\"title\": \"Raw" + escaped), ReasonCode.JSON_MALFORMED)
        .hasMessageContaining("/title")
        .hasMessageContaining("surrogate");
    rejecting(IVORY.replace("\"name\": \"Chen", "\"name\": \"" + escaped + "Chen"), ReasonCode.JSON_MALFORMED)
        .hasMessageContaining("/subjects/0/name");
  }

  @Test
  void refuses_an_escaped_lone_surrogate_in_a_key_instead_of_altering_it() {
    rejecting(IVORY.replace("\"title\":", "\"ti\\ud800tle\":"), ReasonCode.JSON_MALFORMED)
        .hasMessageContaining("surrogate");
    rejecting(IVORY.replace("\"/movements/1/carrierRefs\"", "\"/movements/1/carrierRefs\\udc00\""), ReasonCode.JSON_MALFORMED)
        .hasMessageContaining("key")
        .hasMessageContaining("surrogate");
  }

  @Test
  void keeps_an_escaped_surrogate_pair_as_the_character_it_stands_for() {
    IntelligencePackage p = PackageCodec.parse(utf8(IVORY.replace("\"title\": \"Raw", "\"title\": \"\\ud83d\\udc18 Raw")));
    assertThat(p.title()).startsWith("\uD83D\uDC18 Raw");
    assertThat(PackageCodec.parse(PackageCodec.toJson(p))).isEqualTo(p);
  }

  /** Rhino example with its first quantity (23.4) replaced. */
  private static String rhinoWithQuantity(String quantity) {
    return Examples.text("seizure-controlled-delivery.json").replace("\"quantity\": 23.4, \"unit\": \"kg\" },",
        "\"quantity\": " + quantity + ", \"unit\": \"kg\" },");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e-400", "1e-999999999", "0.0000001", "23.4000001", "0.1234567890123456789", "1e-7"})
  void refuses_a_quantity_that_cannot_be_carried_exactly(String quantity) {
    rejecting(rhinoWithQuantity(quantity), ReasonCode.CONTRACT_INVALID)
        .hasMessageContaining("/commodities/0/quantity")
        .hasMessageContaining("decimal places");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e-2147483648", "1e2147483648", "0e-2147483649"})
  void refuses_a_number_beyond_the_parser_as_malformed_not_as_an_internal_error(String quantity) {
    rejecting(rhinoWithQuantity(quantity), ReasonCode.JSON_MALFORMED).hasMessageContaining("number");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "0.000001", "999999999.999999", "1E+2", "23.400000000", "1000000000", "12.5e-3"})
  void carries_a_quantity_with_up_to_six_decimal_places_exactly(String quantity) {
    BigDecimal q = PackageCodec.parse(utf8(rhinoWithQuantity(quantity))).commodities().get(0).quantity();
    assertThat(q).isEqualByComparingTo(quantity);
    // exact in every JSON reader: an IEEE 754 double holds it to 15 significant digits, the most it has
    assertThat(new BigDecimal(Double.parseDouble(quantity)).round(new MathContext(15))).isEqualByComparingTo(quantity);
  }

  @Test
  void a_value_the_schema_allows_but_java_cannot_bind_is_refused_without_exception_names() {
    // RFC 3339 allows offsets up to 23:59; java.time stops at 18:00
    rejecting(IVORY.replace("2024-03-04T09:15:00Z", "2024-03-04T09:15:00+19:00"), ReasonCode.CONTRACT_INVALID)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Exception"));
  }

  @Test
  void rejects_a_package_above_the_size_cap() {
    byte[] big = new byte[PackageCodec.MAX_PACKAGE_BYTES + 1];
    assertThatThrownBy(() -> PackageCodec.parse(big))
        .satisfies(e -> assertThat(((WildexException) e).reason()).isEqualTo(ReasonCode.PAYLOAD_TOO_LARGE));
  }
}
