package org.wildex.contracts.delivery;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.contracts.redaction.Proof;
import org.wildex.contracts.redaction.RedactionManifest;

/**
 * A delivery's JSON, byte for byte what {@link PackageCodec#toJson} writes for it, with the manifest's own JSON (which
 * the audit trail hashes) kept so it is written once. Yasson writes the view; the envelope and the manifest (flat
 * records of strings: paths, rule ids, salts and commitments, one proof leaf per leaf of the package) are written here,
 * in Yasson's lexicographic property order with null fields left out. That spares Yasson's per-property reflection and
 * its recursion check (which hashes every record it serialises, and records hash deeply) on about half of each
 * delivery, and the manifest is not serialised twice per delivery. {@code DeliveryJsonTest} holds it to
 * {@code PackageCodec.toJson}.
 *
 * @param json the delivery's UTF-8 JSON
 * @param manifestJson the manifest's UTF-8 JSON as it appears in {@code json} (null when the delivery has none)
 */
public record DeliveryJson(byte[] json, byte[] manifestJson) {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** Writes {@code d} as JSON once. */
  public static DeliveryJson of(Delivery d) {
    return of(d, 1024);
  }

  /** As {@link #of(Delivery)}, for a view of about {@code expectedViewBytes} (its package's size: buffers sized once). */
  public static DeliveryJson of(Delivery d, int expectedViewBytes) {
    byte[] manifest = d.manifest() == null ? null : manifest(d.manifest());
    byte[] view = d.view() == null ? null : PackageCodec.toJson(d.view(), expectedViewBytes);
    Writer w = new Writer(256);
    w.out = new ByteArrayOutputStream(512 + (manifest == null ? 0 : manifest.length) + (view == null ? 0 : view.length));
    w.text.append('{');
    w.string("deliveryId", d.deliveryId() == null ? null : d.deliveryId().toString());
    w.string("level", d.level() == null ? null : d.level().label());
    w.raw("manifest", manifest);
    w.string("originator", d.originator());
    w.string("packageId", d.packageId() == null ? null : d.packageId().toString());
    w.string("recipient", d.recipient());
    w.string("routedAt", d.routedAt() == null ? null : d.routedAt().toString());
    w.string("routedBy", d.routedBy());
    w.raw("view", view);
    w.text.append('}');
    return new DeliveryJson(w.bytes(), manifest);
  }

  /** A manifest's JSON, as {@link PackageCodec#toJson} writes it. */
  public static byte[] manifest(RedactionManifest m) {
    Proof p = m.proof();
    Writer w = new Writer(256 + (p == null ? 0 : p.leaves().size() * 160));
    w.text.append('{');
    w.string("policyVersion", m.policyVersion());
    if (p != null) {
      w.name("proof");
      w.text.append('{');
      w.first = true;
      w.list("leaves", p.leaves(), (x, l) -> {
        x.string("at", l.at());
        x.string("commitment", l.commitment());
        x.string("path", l.path());
        x.string("salt", l.salt());
      });
      w.string("root", p.root());
      w.string("rootSignature", p.rootSignature());
      w.string("rootSignedBy", p.rootSignedBy());
      w.string("scheme", p.scheme());
      w.text.append('}');
      w.first = false;
    }
    w.name("sourcesWithheld");
    w.text.append(m.sourcesWithheld());
    w.list("transformed", m.transformed(), (x, t) -> {
      x.string("action", t.action());
      x.string("at", t.at());
      x.string("level", t.level() == null ? null : t.level().label());
      x.string("path", t.path());
      x.string("rule", t.rule());
      x.string("to", t.to());
    });
    w.list("withheld", m.withheld(), (x, f) -> {
      x.string("level", f.level() == null ? null : f.level().label());
      x.string("path", f.path());
      x.string("rule", f.rule());
    });
    w.text.append('}');
    return w.bytes();
  }

  private interface Fields<T> {
    void write(Writer w, T value);
  }

  /** JSON text in a builder; raw JSON bytes (already UTF-8) in between go to {@code out}. */
  private static final class Writer {
    final StringBuilder text;
    /** Where raw JSON goes, with the text before it; null when nothing raw is written (the manifest). */
    ByteArrayOutputStream out;
    boolean first = true;

    Writer(int size) {
      text = new StringBuilder(size);
    }

    void name(String name) {
      if (!first) {
        text.append(',');
      }
      first = false;
      text.append('"').append(name).append("\":");
    }

    /** A list of records (the manifest's lists hold no nulls), each an object of the fields {@code fields} writes. */
    <T> void list(String name, List<T> values, Fields<T> fields) {
      if (values == null) {
        return;
      }
      name(name);
      text.append('[');
      for (int i = 0; i < values.size(); i++) {
        if (i > 0) {
          text.append(',');
        }
        text.append('{');
        first = true;
        fields.write(this, values.get(i));
        text.append('}');
      }
      text.append(']');
      first = false;
    }

    void raw(String name, byte[] json) {
      if (json != null) {
        name(name);
        out.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
        text.setLength(0);
        out.writeBytes(json);
      }
    }

    void string(String name, String value) {
      if (value != null) {
        name(name);
        quote(text, value);
      }
    }

    byte[] bytes() {
      byte[] tail = text.toString().getBytes(StandardCharsets.UTF_8);
      if (out == null) {
        return tail;
      }
      out.writeBytes(tail);
      return out.toByteArray();
    }
  }

  /** A JSON string literal escaped as Parsson's generator (Yasson's) escapes it: quote, backslash, control characters. */
  static void quote(StringBuilder b, String s) {
    b.append('"');
    int from = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\') {
        continue;
      }
      b.append(s, from, i);
      from = i + 1;
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> b.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    b.append(s, from, s.length()).append('"');
  }
}
