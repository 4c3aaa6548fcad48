package org.wildex.contracts.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link StrictUtf8} against the JDK's decoder with REPORT: the same verdict, at the same byte, and the same text. */
class StrictUtf8Test {

  /** What the JDK's strict decoder says: the text, or the position of the first malformed byte. */
  private record Verdict(String text, int invalidAt) {}

  private static Verdict jdk(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(in)
          .toString();
      return new Verdict(text, -1);
    } catch (CharacterCodingException e) {
      return new Verdict(null, in.position());
    }
  }

  private static Verdict ours(byte[] bytes) {
    int at = StrictUtf8.firstInvalid(bytes);
    return new Verdict(at < 0 ? StrictUtf8.decode(bytes) : null, at);
  }

  /** Every boundary of RFC 3629's table, and just past it, alone, truncated and between ASCII. */
  @ParameterizedTest
  @ValueSource(strings = {
      "", "41", "7f", "80", "bf", "c0af", "c1bf", "c280", "dfbf", "df", "e08080", "e09fbf", "e0a080", "e0a0", "efbfbf",
      "ed9fbf", "eda080", "edbfbf", "ee8080", "f08f bfbf", "f0908080", "f09080", "f48fbfbf", "f4908080", "f5808080",
      "f8", "fe", "ff", "efbbbf41", "41c3", "41e282", "41f09f98", "c3a9", "e282ac", "f09f9898", "c328", "e228a1",
      "f0288cbc", "e2ac82", "80c3a9"})
  void agrees_with_the_jdk_on_the_boundaries(String hex) {
    byte[] bytes = HexFormat.of().parseHex(hex.replace(" ", ""));
    for (byte[] b : new byte[][] {bytes, concat("4142", bytes), concat(bytes, "4142")}) {
      assertThat(ours(b)).as(HexFormat.of().formatHex(b)).isEqualTo(jdk(b));
    }
  }

  @Property(tries = 5000)
  void agrees_with_the_jdk_on_random_bytes(@ForAll("bytes") byte[] bytes) {
    assertThat(ours(bytes)).isEqualTo(jdk(bytes));
  }

  @Property(tries = 3000)
  void agrees_with_the_jdk_on_text_with_one_byte_changed(@ForAll("damagedText") byte[] bytes) {
    assertThat(ours(bytes)).isEqualTo(jdk(bytes));
  }

  @Provide
  Arbitrary<byte[]> bytes() {
    // high bytes weighted up, so lead and continuation bytes meet often
    Arbitrary<Byte> b = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(1, Arbitraries.bytes().between((byte) 0, (byte) 0x7f)),
        net.jqwik.api.Tuple.of(3, Arbitraries.bytes().between(Byte.MIN_VALUE, (byte) -1)));
    return b.array(byte[].class).ofMaxSize(64);
  }

  @Provide
  Arbitrary<byte[]> damagedText() {
    Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(40);
    return Combinators.combine(text, Arbitraries.integers().between(0, 1000), Arbitraries.bytes()).as((s, at, value) -> {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      if (b.length > 0) {
        b[at % b.length] = value;
      }
      return b;
    });
  }

  private static byte[] concat(String hex, byte[] b) {
    byte[] a = HexFormat.of().parseHex(hex);
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static byte[] concat(byte[] a, String hex) {
    byte[] b = HexFormat.of().parseHex(hex);
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
