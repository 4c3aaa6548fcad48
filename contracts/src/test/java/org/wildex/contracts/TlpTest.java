package org.wildex.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TlpTest {

  public record Holder(Tlp level, List<Tlp> levels, Map<String, Tlp> markings) {}

  @Test
  void orders_levels_from_clear_to_red() {
    assertThat(Tlp.RED.above(Tlp.AMBER_STRICT)).isTrue();
    assertThat(Tlp.AMBER_STRICT.above(Tlp.AMBER)).isTrue();
    assertThat(Tlp.GREEN.above(Tlp.GREEN)).isFalse();
    assertThat(Tlp.CLEAR.above(Tlp.GREEN)).isFalse();
    assertThat(Tlp.max(Tlp.GREEN, Tlp.AMBER_STRICT)).isEqualTo(Tlp.AMBER_STRICT);
    assertThat(Tlp.max(Tlp.RED, Tlp.CLEAR)).isEqualTo(Tlp.RED);
  }

  @Test
  void parses_labels_and_rejects_others() {
    assertThat(Tlp.fromLabel("AMBER+STRICT")).isEqualTo(Tlp.AMBER_STRICT);
    assertThat(Tlp.fromLabel("CLEAR")).isEqualTo(Tlp.CLEAR);
    assertThatThrownBy(() -> Tlp.fromLabel("WHITE")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Tlp.fromLabel("amber")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void amber_strict_round_trips_through_yasson_as_its_label() throws Exception {
    try (Jsonb jsonb = JsonbBuilder.create(new JsonbConfig().withAdapters(new Tlp.Adapter()))) {
      Holder h =
          new Holder(Tlp.AMBER_STRICT, List.of(Tlp.RED, Tlp.AMBER_STRICT), Map.of("/title", Tlp.AMBER_STRICT));
      String json = jsonb.toJson(h);
      assertThat(json).contains("\"level\":\"AMBER+STRICT\"").doesNotContain("AMBER_STRICT");
      assertThat(jsonb.fromJson(json, Holder.class)).isEqualTo(h);
    }
  }

  @Test
  void every_reason_code_has_a_status_and_description() {
    for (ReasonCode r : ReasonCode.values()) {
      assertThat(r.httpStatus()).isBetween(400, 599);
      assertThat(r.description()).isNotBlank();
    }
    assertThat(ReasonCode.PAYLOAD_TOO_LARGE.httpStatus()).isEqualTo(413);
    assertThat(ReasonCode.DUPLICATE_PACKAGE.httpStatus()).isEqualTo(409);
    assertThat(ReasonCode.INTERNAL_ERROR.httpStatus()).isEqualTo(500);
    WildexException e = new WildexException(ReasonCode.NOT_CMS, "no ContentInfo");
    assertThat(e.reason()).isEqualTo(ReasonCode.NOT_CMS);
    assertThat(e.getMessage()).isEqualTo("no ContentInfo");
  }
}
