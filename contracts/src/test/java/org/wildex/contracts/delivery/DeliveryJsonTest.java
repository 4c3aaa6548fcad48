package org.wildex.contracts.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.wildex.contracts.Examples;
import org.wildex.contracts.TestDirectory;
import org.wildex.contracts.TestSharing;
import org.wildex.contracts.Tlp;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.pkg.IntelligencePackage;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.contracts.redaction.Proof;
import org.wildex.contracts.redaction.ProofLeaf;
import org.wildex.contracts.redaction.RedactedView;
import org.wildex.contracts.redaction.RedactionManifest;
import org.wildex.contracts.redaction.Redactor;
import org.wildex.contracts.redaction.TransformedField;
import org.wildex.contracts.redaction.WithheldField;

class DeliveryJsonTest {

  private static Delivery delivery(RedactedView v, String recipient, Instant at, String rule) {
    return new Delivery(UUID.nameUUIDFromBytes(recipient.getBytes(StandardCharsets.UTF_8)), v.view().id(), "eia",
        recipient, v.level(), at, rule, v.manifest(), v.view());
  }

  @Test
  void writes_every_example_delivery_byte_for_byte_as_yasson_does() {
    int checked = 0;
    for (Path example : Examples.all()) {
      IntelligencePackage p = PackageCodec.parse(Examples.bytes(example.getFileName().toString()));
      Redactor.Prepared prepared = TestSharing.prepare(p);
      for (Participant r : TestDirectory.load().participants()) {
        for (RedactedView v : prepared.redact(r).stream().toList()) {
          Delivery d = delivery(v, r.id(), Instant.parse("2024-03-05T10:11:12.123456789Z"), "route.interdict");
          DeliveryJson written = DeliveryJson.of(d);
          assertThat(new String(written.json(), StandardCharsets.UTF_8))
              .isEqualTo(new String(PackageCodec.toJson(d), StandardCharsets.UTF_8));
          assertThat(written.manifestJson()).isEqualTo(PackageCodec.toJson(d.manifest()));
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(10);
  }

  @Test
  void escapes_strings_and_leaves_out_nulls_as_yasson_does() {
    StringBuilder every = new StringBuilder();
    for (char c = 0; c < 0x80; c++) {
      every.append(c);
    }
    every.append("é€\u2028\u2029\uD83D\uDC18/\u07ff\u0800\uffff");
    String loneSurrogates = "a\uD800b\uDC00c\uDBFF";
    for (Instant at : new Instant[] {Instant.EPOCH, Instant.parse("2024-03-05T00:00:00Z"),
        Instant.parse("2024-03-05T00:00:00.100Z"), Instant.parse("2024-03-05T00:00:00.000001Z"), null}) {
      for (String text : new String[] {every.toString(), loneSurrogates, "", null}) {
        Delivery d = new Delivery(UUID.randomUUID(), at == null ? null : UUID.randomUUID(), text, text, Tlp.AMBER_STRICT,
            at, text, null, null);
        assertThat(new String(DeliveryJson.of(d).json(), StandardCharsets.UTF_8))
            .isEqualTo(new String(PackageCodec.toJson(d), StandardCharsets.UTF_8));
      }
    }
    Delivery empty = new Delivery(null, null, null, null, null, null, null, null, null);
    assertThat(DeliveryJson.of(empty).json()).isEqualTo(PackageCodec.toJson(empty));
    assertThat(DeliveryJson.of(empty).manifestJson()).isNull();
  }

  @Test
  void writes_manifests_with_escapes_nulls_and_empty_lists_as_yasson_does() {
    String odd = "a\"b\\c\n\u0001/é\uD83D\uDC18";
    List<RedactionManifest> manifests = List.of(
        new RedactionManifest(null, null, null, 0, null),
        new RedactionManifest("v1", List.of(), List.of(), 3, new Proof(null, null, null, null, null)),
        new RedactionManifest(odd,
            List.of(new WithheldField(odd, Tlp.RED, odd), new WithheldField(null, null, null)),
            List.of(new TransformedField(odd, odd, Tlp.AMBER, "pseudonymise", odd, odd),
                new TransformedField(null, null, null, null, null, null)),
            -7,
            new Proof(odd, "ab", odd, "c2ln", List.of(new ProofLeaf(odd, odd, odd, odd), new ProofLeaf(null, null, null, null),
                new ProofLeaf("/title", null, "00ff", null)))));
    for (RedactionManifest m : manifests) {
      assertThat(new String(DeliveryJson.manifest(m), StandardCharsets.UTF_8))
          .isEqualTo(new String(PackageCodec.toJson(m), StandardCharsets.UTF_8));
    }
  }

  @Test
  void a_thread_writes_a_small_manifest_right_after_one_larger_than_the_buffer_it_keeps() {
    List<ProofLeaf> many = java.util.stream.IntStream.range(0, 20_000)
        .mapToObj(i -> new ProofLeaf(null, "%064x".formatted(i), "/people/" + i + "/name", "%064x".formatted(-i))).toList();
    RedactionManifest large = new RedactionManifest("v1", List.of(), List.of(), 0, new Proof("a", "b", "c", "d", many));
    RedactionManifest small = new RedactionManifest("v2", List.of(), List.of(), 1, null);
    for (RedactionManifest m : List.of(small, large, small, large)) {
      assertThat(DeliveryJson.manifest(m)).isEqualTo(PackageCodec.toJson(m));
    }
    assertThat(DeliveryJson.manifest(large).length).isGreaterThan(1 << 21);
  }
}
