package org.wildex.crypto.pseudonym;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.wildex.crypto.Providers;

/**
 * Keyed pseudonyms: {@code ps1:} + the first 128 bits (hex) of HMAC-SHA256(hub secret, "wildex-pseudonym-v1" NUL kind
 * NUL normalised value). The same identifier gives the same token in every package; without the hub secret a token
 * cannot be reversed or recomputed, even for low-entropy values such as phone numbers. Thread-safe; the MAC is set up
 * once per thread (no provider lookup per token).
 *
 * <p>The secret is 32 or more random bytes, base64: from the environment variable {@value #ENV} if set, else from a
 * file (the hub uses {@code WORKDIR/pki/pseudonym.key}, written by {@code wildex pki demo}). Changing the secret
 * changes every token: keep it as long as tokens must keep linking.
 */
public final class HmacPseudonymiser {

  /** Environment variable holding the secret (base64), taking precedence over the file. */
  public static final String ENV = "WILDEX_PSEUDONYM_SECRET";

  /** Smallest secret accepted, in bytes. */
  public static final int MIN_SECRET_BYTES = 32;

  /** Prefix of every token of this scheme. */
  public static final String PREFIX = "ps1:";

  private static final byte[] DOMAIN = "wildex-pseudonym-v1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] KEY_ID_DOMAIN = "wildex-pseudonym-key-id-v1".getBytes(StandardCharsets.US_ASCII);
  private static final HexFormat HEX = HexFormat.of();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;
  private final ThreadLocal<Mac> macs;

  private HmacPseudonymiser(byte[] secret) {
    if (secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException("pseudonym secret must be at least " + MIN_SECRET_BYTES + " bytes");
    }
    this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    this.macs = ThreadLocal.withInitial(this::newMac);
    newMac(); // fail now, not at the first token
  }

  /** A pseudonymiser over raw secret bytes. */
  public static HmacPseudonymiser of(byte[] secret) {
    return new HmacPseudonymiser(secret);
  }

  /**
   * The hub's pseudonymiser: the secret from {@value #ENV} if set, else from {@code keyFile}.
   *
   * @throws IOException when neither gives a usable secret (the message says how to make one)
   */
  public static HmacPseudonymiser load(Path keyFile) throws IOException {
    String env = System.getenv(ENV);
    if (env != null && !env.isBlank()) {
      return new HmacPseudonymiser(decode(env.strip(), ENV));
    }
    if (!Files.isRegularFile(keyFile)) {
      throw new IOException("no pseudonym secret: set " + ENV + " (base64 of 32+ random bytes) or create " + keyFile
          + " (`wildex pki demo` writes one)");
    }
    return new HmacPseudonymiser(decode(Files.readString(keyFile, StandardCharsets.US_ASCII).strip(), keyFile.toString()));
  }

  /** Writes a fresh 32-byte secret (base64, one line) to {@code file}, readable by its owner only where supported. */
  public static void writeNewSecret(Path file) throws IOException {
    byte[] secret = new byte[MIN_SECRET_BYTES];
    RANDOM.nextBytes(secret);
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Files.writeString(file, Base64.getEncoder().encodeToString(secret) + "\n", StandardCharsets.US_ASCII);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: left to the operator
    }
    Arrays.fill(secret, (byte) 0);
  }

  /**
   * A short public name of the secret: the first 64 bits (hex) of HMAC-SHA256(secret, "wildex-pseudonym-key-id-v1").
   * Tells which secret a hub runs with (the hub logs it at start, {@code wildex pki rotate-pseudonym-secret} prints
   * it) without revealing it or any token.
   */
  public String keyId() {
    Mac mac = newMac();
    return HEX.formatHex(mac.doFinal(KEY_ID_DOMAIN), 0, 8);
  }

  /** The token of a normalised identifier of {@code kind}. */
  public String token(String kind, String normalisedValue) {
    Mac mac = macs.get();
    mac.update(DOMAIN);
    mac.update((byte) 0);
    mac.update(kind.getBytes(StandardCharsets.UTF_8));
    mac.update((byte) 0);
    byte[] out = mac.doFinal(normalisedValue.getBytes(StandardCharsets.UTF_8));
    return PREFIX + HEX.formatHex(out, 0, 16);
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256", Providers.SUN_JCE);
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private static byte[] decode(String base64, String from) throws IOException {
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IOException("pseudonym secret in " + from + " is not base64");
    }
  }

  @Override
  public String toString() {
    return "HmacPseudonymiser[HmacSHA256]"; // never the key
  }
}
