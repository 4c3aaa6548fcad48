package org.wildex.contracts.pkg;

import java.nio.charset.StandardCharsets;

/**
 * UTF-8 checked as the JDK's decoder with {@code CodingErrorAction.REPORT} checks it (RFC 3629: no overlong forms, no
 * encoded surrogates, nothing above U+10FFFF, no truncated sequence), then decoded by {@code new String(bytes, UTF_8)},
 * which for valid input gives the same text. The JDK's strict decoder fills a {@code CharBuffer} of two bytes a
 * character and copies it into the string; this allocates only the string (for ASCII text: one copy of the bytes).
 * {@code StrictUtf8Test} holds it to the JDK's decoder: same verdict, same position, same text.
 */
final class StrictUtf8 {

  private StrictUtf8() {}

  /** The index of the first byte of the first malformed sequence, or -1 when all of {@code b} is valid UTF-8. */
  static int firstInvalid(byte[] b) {
    int n = b.length;
    int i = 0;
    while (i < n) {
      int c = b[i];
      if (c >= 0) {
        i++;
        continue;
      }
      c &= 0xff;
      if (c < 0xc2) {
        return i; // a continuation byte without a lead, or C0/C1 (a two-byte form of ASCII)
      } else if (c < 0xe0) {
        if (!continuation(b, i + 1)) {
          return i;
        }
        i += 2;
      } else if (c < 0xf0) {
        // E0: A0..BF (no overlong form); ED: 80..9F (no surrogates); others: any continuation byte
        if (!inRange(b, i + 1, c == 0xe0 ? 0xa0 : 0x80, c == 0xed ? 0x9f : 0xbf) || !continuation(b, i + 2)) {
          return i;
        }
        i += 3;
      } else if (c < 0xf5) {
        // F0: 90..BF (no overlong form); F4: 80..8F (nothing above U+10FFFF)
        if (!inRange(b, i + 1, c == 0xf0 ? 0x90 : 0x80, c == 0xf4 ? 0x8f : 0xbf)
            || !continuation(b, i + 2) || !continuation(b, i + 3)) {
          return i;
        }
        i += 4;
      } else {
        return i;
      }
    }
    return -1;
  }

  /** {@code b} as text; only for bytes {@link #firstInvalid} found valid. */
  static String decode(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  private static boolean continuation(byte[] b, int i) {
    return inRange(b, i, 0x80, 0xbf);
  }

  private static boolean inRange(byte[] b, int i, int low, int high) {
    if (i >= b.length) {
      return false;
    }
    int c = b[i] & 0xff;
    return c >= low && c <= high;
  }
}
