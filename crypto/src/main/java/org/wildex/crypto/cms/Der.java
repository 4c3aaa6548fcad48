package org.wildex.crypto.cms;

/**
 * The outer DER layers of the two structures {@link Cms} seals (SignedData, AuthEnvelopedData), written into one array
 * of the exact size: the small parts (certificate, signer and recipient infos, algorithm identifiers) come encoded by
 * Bouncy Castle, the content is copied once; a sealed message's SignedData is written where its ciphertext goes and
 * encrypted there by the cipher. Bouncy Castle's generators buffer the content in growing streams and copy it five to
 * seven times per seal.
 */
final class Der {

  static final int SEQUENCE = 0x30;
  static final int SET = 0x31;
  static final int OCTET_STRING = 0x04;
  /** [0] EXPLICIT, or [0] IMPLICIT of a constructed type. */
  static final int CONTEXT_0_CONSTRUCTED = 0xA0;
  /** [0] IMPLICIT of a primitive type (an OCTET STRING). */
  static final int CONTEXT_0_PRIMITIVE = 0x80;

  private final byte[] out;
  private int at;

  Der(int size) {
    out = new byte[size];
  }

  /** Bytes of a whole TLV whose value is {@code length} bytes. */
  static int tlv(int length) {
    return 1 + lengthOctets(length) + length;
  }

  private static int lengthOctets(int length) {
    if (length < 0x80) {
      return 1;
    }
    int n = 1;
    for (int rest = length; rest != 0; rest >>>= 8) {
      n++;
    }
    return n;
  }

  /** A tag and a definite length. */
  Der header(int tag, int length) {
    out[at++] = (byte) tag;
    int n = lengthOctets(length) - 1;
    if (n == 0) {
      out[at++] = (byte) length;
    } else {
      out[at++] = (byte) (0x80 | n);
      for (int i = n - 1; i >= 0; i--) {
        out[at++] = (byte) (length >>> (8 * i));
      }
    }
    return this;
  }

  /** Already encoded bytes. */
  Der raw(byte[] encoded) {
    System.arraycopy(encoded, 0, out, at, encoded.length);
    at += encoded.length;
    return this;
  }

  /** Reserves {@code length} bytes someone else writes (at {@link #position()} before the call) into {@link #array()}. */
  Der skip(int length) {
    at += length;
    return this;
  }

  int position() {
    return at;
  }

  byte[] array() {
    return out;
  }

  /** The array, once every byte of it is written. */
  byte[] done() {
    if (at != out.length) {
      throw new IllegalStateException("DER size mismatch: wrote " + at + " of " + out.length + " bytes");
    }
    return out;
  }
}
