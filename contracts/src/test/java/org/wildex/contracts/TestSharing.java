package org.wildex.contracts;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.wildex.contracts.pkg.IntelligencePackage;
import org.wildex.contracts.policy.Policy;
import org.wildex.contracts.redaction.PackageCommitments;
import org.wildex.contracts.redaction.PackageLeaves;
import org.wildex.contracts.redaction.ProofCheck;
import org.wildex.contracts.redaction.Pseudonymiser;
import org.wildex.contracts.redaction.Redactor;

/**
 * Test helper: the default policy with a keyed test pseudonymiser, and a simple commitment scheme (contracts does not
 * depend on crypto; the real scheme is tested there and end to end in routes and ops).
 */
public final class TestSharing {

  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] KEY = "test pseudonym key, 32 bytes long!".getBytes(StandardCharsets.US_ASCII);

  public static final Pseudonymiser PSEUDONYMS = (kind, value) -> "ps1:" + HEX.formatHex(hmac(kind + "\0" + value), 0, 16);

  public static final ProofCheck.Hasher HASHER =
      new ProofCheck.Hasher() {
        @Override
        public byte[] leaf(byte[] salt, String path, byte[] value) {
          MessageDigest d = sha256();
          d.update(salt);
          d.update(path.getBytes(StandardCharsets.UTF_8));
          d.update((byte) 0);
          return d.digest(value);
        }

        @Override
        public byte[] root(List<byte[]> leaves) {
          MessageDigest d = sha256();
          leaves.forEach(d::update);
          return d.digest();
        }
      };

  private TestSharing() {}

  public static Redactor redactor() {
    return new Redactor(Policy.defaultPolicy(), PSEUDONYMS);
  }

  public static Redactor.Prepared prepare(IntelligencePackage p) {
    PackageLeaves leaves = PackageLeaves.of(p);
    return redactor().prepare(leaves, commit(leaves));
  }

  public static PackageCommitments commit(PackageLeaves leaves) {
    List<String> salts = new ArrayList<>();
    List<String> commitments = new ArrayList<>();
    List<byte[]> raw = new ArrayList<>();
    for (int i = 0; i < leaves.size(); i++) {
      byte[] salt = sha256().digest(("seed" + leaves.path(i)).getBytes(StandardCharsets.UTF_8));
      byte[] c = HASHER.leaf(salt, leaves.path(i), leaves.encoded(i));
      salts.add(HEX.formatHex(salt));
      commitments.add(HEX.formatHex(c));
      raw.add(c);
    }
    return new PackageCommitments("test", HEX.formatHex(HASHER.root(raw)), salts, commitments, null, null);
  }

  public static String token(String kind, String normalised) {
    return PSEUDONYMS.token(kind, normalised);
  }

  private static byte[] hmac(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
