package org.wildex.contracts.redaction;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A recipient's check of its delivery against the commitments: every revealed leaf's commitment is recomputed from the
 * value in the view and its salt, the hidden commitments are taken as given, and the Merkle root over all of them must
 * be the root in the proof; every value in the view must be either a revealed leaf or a transformed one named in the
 * manifest. Reads the delivery as JSON (as opened), so nothing is lost by binding.
 */
public final class ProofCheck {

  /** The hash functions of the commitment scheme (the hub and {@code wildex open} pass crypto's implementation). */
  public interface Hasher {
    /** Commitment of one leaf. */
    byte[] leaf(byte[] salt, String path, byte[] encodedValue);

    /** Merkle root over leaf commitments in order. */
    byte[] root(List<byte[]> leafCommitments);
  }

  /**
   * Outcome of a check.
   *
   * @param revealed leaves checked against their commitment
   * @param hidden leaves given only as commitments (withheld, transformed, markings)
   * @param root the root in the proof (hex), or null when there is no proof
   * @param rootSignedBy the originator id when it signed the root, or null
   * @param rootSignature the originator's detached signature (base64), or null
   * @param problems what failed, empty when the view matches
   */
  public record Result(
      int revealed, int hidden, String root, String rootSignedBy, String rootSignature, List<String> problems) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  private static final HexFormat HEX = HexFormat.of();

  private ProofCheck() {}

  /** Checks the opened delivery JSON. */
  public static Result verify(byte[] deliveryJson, Hasher hasher) {
    JsonObject delivery;
    try (JsonReader r = PackageLeaves.JSON.createReader(new ByteArrayInputStream(deliveryJson))) {
      delivery = r.readObject();
    } catch (RuntimeException e) {
      return new Result(0, 0, null, null, null, List.of("not a delivery: not a JSON object"));
    }
    JsonObject manifest = object(delivery, "manifest");
    JsonObject proof = manifest == null ? null : object(manifest, "proof");
    JsonObject view = object(delivery, "view");
    if (proof == null || view == null) {
      return new Result(0, 0, null, null, null, List.of("delivery has no proof (manifest.proof) or no view"));
    }
    List<String> problems = new ArrayList<>();
    Map<String, JsonValue> values = new LinkedHashMap<>();
    PackageLeaves.forEachLeaf(view, "", (path, value) -> {
      if (!path.startsWith("/markings/")) {
        values.put(path, value);
      }
    });
    List<byte[]> commitments = new ArrayList<>();
    int revealed = 0;
    int hidden = 0;
    for (JsonValue v : proof.getJsonArray("leaves") == null ? List.<JsonValue>of() : proof.getJsonArray("leaves")) {
      JsonObject leaf = v.asJsonObject();
      String salt = text(leaf, "salt");
      try {
        if (salt != null) {
          String path = text(leaf, "path");
          String at = text(leaf, "at") == null ? path : text(leaf, "at");
          JsonValue value = values.remove(at);
          if (value == null) {
            problems.add("revealed leaf " + path + " is missing from the view" + (at.equals(path) ? "" : " at " + at));
            commitments.add(new byte[32]);
          } else {
            commitments.add(hasher.leaf(HEX.parseHex(salt), path, PackageLeaves.encode(value)));
          }
          revealed++;
        } else {
          commitments.add(HEX.parseHex(text(leaf, "commitment")));
          hidden++;
        }
      } catch (RuntimeException e) {
        problems.add("malformed proof leaf #" + (revealed + hidden));
      }
    }
    String root = text(proof, "root");
    String computed = HEX.formatHex(hasher.root(commitments));
    if (root == null || !computed.equals(root)) {
      problems.add("Merkle root mismatch: the revealed values do not match the commitments"
          + " (a revealed value was altered, added or removed after the root was signed)");
    }
    if (manifest.getJsonArray("transformed") != null) {
      for (JsonValue t : manifest.getJsonArray("transformed")) {
        String at = text(t.asJsonObject(), "at"); // absent: the value was dropped, nothing in the view
        if (at != null) {
          values.remove(at);
        }
      }
    }
    for (String path : values.keySet()) {
      problems.add("view value at " + path + " is neither a revealed leaf nor a transformed one in the manifest");
    }
    return new Result(revealed, hidden, root, text(proof, "rootSignedBy"), text(proof, "rootSignature"),
        List.copyOf(problems));
  }

  private static JsonObject object(JsonObject o, String key) {
    JsonValue v = o.get(key);
    return v != null && v.getValueType() == JsonValue.ValueType.OBJECT ? v.asJsonObject() : null;
  }

  private static String text(JsonObject o, String key) {
    JsonValue v = o.get(key);
    return v instanceof JsonString s ? s.getString() : null;
  }
}
