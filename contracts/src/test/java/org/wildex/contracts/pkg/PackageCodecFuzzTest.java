package org.wildex.contracts.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Combinators;
import org.wildex.contracts.WildexException;

/**
 * Fuzz of the intake parser: whatever bytes an opened package holds, {@link PackageCodec#parse} either returns a
 * package or refuses with a reason code; it never throws anything else and never echoes the input in its message.
 */
class PackageCodecFuzzTest {

  private static final byte[] VALID = example();

  @Property(tries = 2000)
  void random_bytes_are_refused_with_a_reason_code(@ForAll("randomBytes") byte[] input) {
    assertParsesOrRefusesCleanly(input);
  }

  @Property(tries = 3000)
  void mutated_valid_packages_parse_or_are_refused_with_a_reason_code(@ForAll("mutations") byte[] input) {
    assertParsesOrRefusesCleanly(input);
  }

  @Property(tries = 1000)
  void truncated_valid_packages_are_refused_with_a_reason_code(@ForAll("cuts") int cut) {
    byte[] input = java.util.Arrays.copyOf(VALID, cut);
    assertParsesOrRefusesCleanly(input);
  }

  private static void assertParsesOrRefusesCleanly(byte[] input) {
    try {
      IntelligencePackage parsed = PackageCodec.parse(input);
      assertThat(parsed.id()).isNotNull();
      assertThat(parsed.originator()).isNotNull();
      assertThat(parsed.tlp()).isNotNull();
    } catch (WildexException e) {
      assertThat(e.reason()).isNotNull();
      String message = String.valueOf(e.getMessage());
      assertThat(message).doesNotContain("Rhino horn couriers").doesNotContain("C0000001");
    }
  }

  @Provide
  Arbitrary<byte[]> randomBytes() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(2048);
  }

  @Provide
  Arbitrary<Integer> cuts() {
    return Arbitraries.integers().between(0, VALID.length);
  }

  /** The valid example with 1–8 bytes overwritten, inserted or deleted at random places. */
  @Provide
  Arbitrary<byte[]> mutations() {
    Arbitrary<int[]> edit = Combinators.combine(
            Arbitraries.integers().between(0, 2),
            Arbitraries.integers().between(0, VALID.length - 1),
            Arbitraries.integers().between(0, 255))
        .as((kind, at, value) -> new int[] {kind, at, value});
    return edit.list().ofMinSize(1).ofMaxSize(8).map(edits -> {
      byte[] current = VALID.clone();
      for (int[] e : edits) {
        int at = Math.min(e[1], current.length - 1);
        if (current.length == 0) {
          break;
        }
        switch (e[0]) {
          case 0 -> current[at] = (byte) e[2];
          case 1 -> {
            byte[] longer = new byte[current.length + 1];
            System.arraycopy(current, 0, longer, 0, at);
            longer[at] = (byte) e[2];
            System.arraycopy(current, at, longer, at + 1, current.length - at);
            current = longer;
          }
          default -> {
            byte[] shorter = new byte[current.length - 1];
            System.arraycopy(current, 0, shorter, 0, at);
            System.arraycopy(current, at + 1, shorter, at, current.length - at - 1);
            current = shorter;
          }
        }
      }
      return current;
    });
  }

  private static byte[] example() {
    String json = """
        {"id": "0b8f4a52-8e57-4c55-9d0e-7d1c55f0a001", "createdAt": "2026-11-20T10:00:00Z",
         "originator": {"org": "eia", "reference": "FUZZ-1"},
         "title": "Rhino horn couriers through Vientiane", "tlp": "AMBER",
         "subjects": [{"ref": "S1", "type": "PERSON", "name": "Courier One", "nationalities": ["VN"],
                       "identifiers": [{"type": "PASSPORT", "value": "C0000001", "country": "VN"}]}],
         "movements": [{"from": "LA", "to": "VN", "mode": "ROAD"}],
         "requestedAction": "INVESTIGATE", "markings": {"/subjects/0/identifiers": "AMBER+STRICT"}}
        """;
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    PackageCodec.parse(bytes); // the seed itself must be valid, or the mutations prove little
    return bytes;
  }
}
