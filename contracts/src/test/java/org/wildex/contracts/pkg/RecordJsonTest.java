package org.wildex.contracts.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.Tlp;
import org.wildex.contracts.WildexException;
import org.wildex.contracts.delivery.Delivery;
import org.wildex.contracts.receipt.Receipt;
import org.wildex.contracts.receipt.ReceiptDelivery;
import org.wildex.contracts.redaction.RedactionManifest;
import org.wildex.contracts.redaction.Proof;
import org.wildex.contracts.redaction.ProofLeaf;
import org.wildex.contracts.redaction.TransformedField;
import org.wildex.contracts.redaction.WithheldField;

class RecordJsonTest {

  static IntelligencePackage minimal() {
    return new IntelligencePackage(
        UUID.fromString("00000000-0000-4000-8000-000000000001"),
        Instant.parse("2024-03-04T09:15:00Z"),
        new Originator("eia", "EIA-1"),
        "title",
        null,
        Tlp.AMBER_STRICT,
        null,
        new Handling("contact-for-instruction", "must-not", "must-not", "must", Instant.parse("2030-01-01T00:00:00Z"), null),
        List.of(new Subject("S1", Subject.Type.PERSON, "A. Person", List.of("CN"), null, null, null, null, null)),
        null,
        List.of(new Movement("KE", "LA", null, null, Movement.Mode.AIR, null, "2024-03-02", null)),
        null,
        null,
        null,
        "INTERDICT",
        null,
        null,
        Map.of("/subjects/0/name", Tlp.RED),
        null,
        null,
        null);
  }

  @Test
  void writes_camel_case_names_labels_iso_dates_and_omits_nulls() {
    String json = new String(PackageCodec.toJson(minimal()), StandardCharsets.UTF_8);
    assertThat(json)
        .contains("\"createdAt\":\"2024-03-04T09:15:00Z\"")
        .contains("\"tlp\":\"AMBER+STRICT\"")
        .contains("\"type\":\"PERSON\"")
        .contains("\"mode\":\"AIR\"")
        .contains("\"departed\":\"2024-03-02\"")
        .contains("\"markings\":{\"/subjects/0/name\":\"RED\"}")
        .contains("\"permitted_actions\":\"contact-for-instruction\"")
        .contains("\"encrypt_in_transit\":\"must\"")
        .contains("\"expires\":\"2030-01-01T00:00:00Z\"")
        .doesNotContain("null")
        .doesNotContain("summary")
        .doesNotContain("arrived");
  }

  @Test
  void package_round_trips_and_absent_lists_read_as_empty() {
    IntelligencePackage p = minimal();
    IntelligencePackage back = PackageCodec.fromJson(PackageCodec.toJson(p), IntelligencePackage.class);
    assertThat(back).isEqualTo(p);
    assertThat(back.sources()).isEmpty();
    assertThat(back.subjects().get(0).identifiers()).isEmpty();

    IntelligencePackage sparse =
        PackageCodec.fromJson(
            "{\"id\":\"00000000-0000-4000-8000-000000000002\",\"tlp\":\"GREEN\"}".getBytes(StandardCharsets.UTF_8),
            IntelligencePackage.class);
    assertThat(sparse.subjects()).isEmpty();
    assertThat(sparse.markings()).isEmpty();
    assertThat(sparse.tlp()).isEqualTo(Tlp.GREEN);
  }

  @Test
  void delivery_and_receipt_round_trip() {
    RedactionManifest manifest =
        new RedactionManifest("policy-1", List.of(new WithheldField("/subjects/0/name", Tlp.RED, "r")),
            List.of(new TransformedField("/movements/0/departed", null, Tlp.AMBER, "generalise", "month", "g")), 2,
            new Proof("wildex-merkle-sha256-v1", "00ff", "eia", "c2ln", List.of(
                new ProofLeaf("/id", null, "0a", null), new ProofLeaf(null, null, null, "0b"))));
    Delivery d =
        new Delivery(
            UUID.randomUUID(), UUID.randomUUID(), "eia", "cn-ncb", Tlp.AMBER, Instant.parse("2024-03-04T10:00:00Z"),
            "route.interdict", manifest, minimal());
    assertThat(PackageCodec.fromJson(PackageCodec.toJson(d), Delivery.class)).isEqualTo(d);

    Receipt accepted =
        new Receipt(
            UUID.randomUUID(), UUID.randomUUID(), "eia", Receipt.ACCEPTED, null, null, Instant.parse("2024-03-04T10:00:00Z"),
            List.of(new ReceiptDelivery("cn-ncb", Tlp.AMBER_STRICT, 1, UUID.randomUUID())), null, null, null);
    assertThat(PackageCodec.fromJson(PackageCodec.toJson(accepted), Receipt.class)).isEqualTo(accepted);

    Receipt update =
        new Receipt(
            UUID.randomUUID(), UUID.randomUUID(), "eia", Receipt.ACCEPTED, null, null, Instant.parse("2024-03-05T10:00:00Z"),
            List.of(new ReceiptDelivery("cn-ncb", Tlp.AMBER_STRICT, 1, UUID.randomUUID())), UUID.randomUUID(), 2,
            List.of(new org.wildex.contracts.lifecycle.RecallOutcome("la-ncb", UUID.randomUUID(), "WITHDRAWN")));
    assertThat(new String(PackageCodec.toJson(update), StandardCharsets.UTF_8)).contains("\"version\":2");
    assertThat(PackageCodec.fromJson(PackageCodec.toJson(update), Receipt.class)).isEqualTo(update);

    Receipt rejected =
        new Receipt(UUID.randomUUID(), null, "eia", Receipt.REJECTED, ReasonCode.SIGNATURE_INVALID, "bad signature",
            Instant.parse("2024-03-04T10:00:00Z"), null, null, null, null);
    String json = new String(PackageCodec.toJson(rejected), StandardCharsets.UTF_8);
    assertThat(json).contains("\"reason\":\"SIGNATURE_INVALID\"").doesNotContain("packageId");
    assertThat(PackageCodec.fromJson(json.getBytes(StandardCharsets.UTF_8), Receipt.class)).isEqualTo(rejected);
  }

  @Test
  void from_json_reports_unbindable_input_as_json_malformed() {
    assertThatThrownBy(() -> PackageCodec.fromJson("{\"id\":".getBytes(StandardCharsets.UTF_8), Receipt.class))
        .isInstanceOf(WildexException.class)
        .extracting(e -> ((WildexException) e).reason())
        .isEqualTo(ReasonCode.JSON_MALFORMED);
  }

  @Test
  void quantities_keep_decimal_precision() {
    Commodity c =
        new Commodity("Panthera tigris", null, Commodity.CitesAppendix.I, "bone glue", new BigDecimal("12.50"), null, "kg");
    assertThat(PackageCodec.fromJson(PackageCodec.toJson(c), Commodity.class).quantity()).isEqualByComparingTo("12.5");
  }
}
