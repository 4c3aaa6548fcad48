package org.wildex.contracts.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.WildexException;
import org.wildex.contracts.pkg.PackageCodec;

class RecallRequestTest {

  private static final UUID ID = UUID.fromString("5a0e0ddd-b1cb-40eb-91a0-ef457f039a72");
  private static final Instant AT = Instant.parse("2026-12-04T16:00:00Z");

  @Test
  void a_complete_request_passes_and_reads_back_from_its_json() {
    RecallRequest r = new RecallRequest(ID, RecallReason.SOURCE_AT_RISK, null, AT).checked();
    String json = new String(PackageCodec.toJson(r), StandardCharsets.UTF_8);
    assertThat(json).contains("\"reason\":\"SOURCE_AT_RISK\"").contains(ID.toString());
    assertThat(PackageCodec.fromJson(json.getBytes(StandardCharsets.UTF_8), RecallRequest.class)).isEqualTo(r);
  }

  @Test
  void other_needs_a_text_and_no_text_may_be_longer_than_500_characters() {
    assertThat(new RecallRequest(ID, RecallReason.OTHER, "the buyer was arrested", AT).checked().text()).isNotBlank();
    for (RecallRequest bad : new RecallRequest[] {
        new RecallRequest(ID, RecallReason.OTHER, null, AT),
        new RecallRequest(ID, RecallReason.OTHER, "  ", AT),
        new RecallRequest(ID, RecallReason.LEGAL, "x".repeat(RecallRequest.MAX_TEXT + 1), AT),
        new RecallRequest(null, RecallReason.LEGAL, null, AT),
        new RecallRequest(ID, null, null, AT),
        new RecallRequest(ID, RecallReason.LEGAL, null, null)}) {
      assertThatThrownBy(bad::checked).isInstanceOf(WildexException.class)
          .extracting(e -> ((WildexException) e).reason()).isEqualTo(ReasonCode.REQUEST_INVALID);
    }
  }

  @Test
  void every_reason_has_its_own_code_in_the_catalogue() {
    for (RecallReason reason : RecallReason.values()) {
      assertThat(reason.code().name()).isEqualTo("RECALL_" + reason.name());
      assertThat(reason.code().httpStatus()).isEqualTo(410);
    }
  }
}
