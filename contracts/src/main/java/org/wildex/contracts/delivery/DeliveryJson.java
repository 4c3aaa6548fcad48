package org.wildex.contracts.delivery;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.contracts.redaction.Proof;
import org.wildex.contracts.redaction.RedactionManifest;

/**
 * A delivery's JSON, byte for byte what {@link PackageCodec#toJson} writes for it (written from the redactor's tree, the
 * same JSON up to member order and lists withheld whole: {@link #of(Delivery, JsonObject)}), with the manifest's own JSON (which
 * the audit trail hashes) kept so it is written once. Yasson writes the view; the envelope and the manifest (flat
 * records of strings: paths, rule ids, salts and commitments, one proof leaf per leaf of the package) are written here,
 * in Yasson's lexicographic property order with null fields left out. That spares Yasson's per-property reflection and
 * its recursion check (which hashes every record it serialises, and records hash deeply) on about half of each
 * delivery, and the manifest is not serialised twice per delivery. Everything is written as UTF-8 into one buffer per
 * thread, reused from delivery to delivery (Yasson writes the view into it too), and copied out once at its exact size.
 * {@code DeliveryJsonTest} holds it to {@code PackageCodec.toJson}.
 *
 * @param json the delivery's UTF-8 JSON
 * @param manifestJson the manifest's UTF-8 JSON as it appears in {@code json} (null when the delivery has none)
 */
public record DeliveryJson(byte[] json, byte[] manifestJson) {

  private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /** A thread's writer; its buffer grows to the largest delivery written and is dropped after one above this size. */
  private static final int KEEP_BYTES = 1 << 20;

  private static final ThreadLocal<Writer> WRITERS = ThreadLocal.withInitial(Writer::new);

  /** Writes {@code d} as JSON once. */
  public static DeliveryJson of(Delivery d) {
    return of(d, null);
  }

  /**
   * As {@link #of(Delivery)}, with the view written from {@code viewTree}, the JSON tree {@code d.view()} was bound from
   * (the redactor's): the same JSON without serialising the records again, but for two things a reader binding it to
   * the records does not see: members come in the tree's order (the records' but for {@code markings}, written last),
   * and a list withheld whole is left out, where the records would give {@code []} (the manifest names it withheld).
   */
  public static DeliveryJson of(Delivery d, JsonObject viewTree) {
    byte[] manifest = d.manifest() == null ? null : manifest(d.manifest());
    Writer w = WRITERS.get().start();
    w.string("deliveryId", d.deliveryId() == null ? null : d.deliveryId().toString());
    w.string("level", d.level() == null ? null : d.level().label());
    if (manifest != null) {
      w.name("manifest");
      w.write(manifest, 0, manifest.length);
    }
    w.string("originator", d.originator());
    w.string("packageId", d.packageId() == null ? null : d.packageId().toString());
    w.string("recipient", d.recipient());
    w.string("routedAt", d.routedAt() == null ? null : d.routedAt().toString());
    w.string("routedBy", d.routedBy());
    if (viewTree != null) {
      w.name("view");
      w.value(viewTree);
    } else if (d.view() != null) {
      w.name("view");
      PackageCodec.writeJson(d.view(), w);
    }
    return new DeliveryJson(w.end(), manifest);
  }

  /** A manifest's JSON, as {@link PackageCodec#toJson} writes it. */
  public static byte[] manifest(RedactionManifest m) {
    Proof p = m.proof();
    Writer w = WRITERS.get().start();
    w.string("policyVersion", m.policyVersion());
    if (p != null) {
      w.name("proof");
      w.ascii('{');
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
      w.ascii('}');
      w.first = false;
    }
    w.name("sourcesWithheld");
    w.ascii(Integer.toString(m.sourcesWithheld()));
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
    return w.end();
  }

  private interface Fields<T> {
    void write(Writer w, T value);
  }

  /** One JSON object as UTF-8 in a growing buffer; also the stream Yasson writes a view into. */
  private static final class Writer extends OutputStream {
    byte[] buf = new byte[8192];
    int len;
    boolean first;

    /** Begins an object (whatever an earlier, failed write left is dropped). */
    Writer start() {
      len = 0;
      first = true;
      ascii('{');
      return this;
    }

    /** Ends the object and copies it out at its exact size. */
    byte[] end() {
      ascii('}');
      byte[] json = Arrays.copyOf(buf, len);
      if (buf.length > KEEP_BYTES) {
        buf = new byte[8192];
      }
      return json;
    }

    void name(String name) {
      if (!first) {
        ascii(',');
      }
      first = false;
      quote(name);
      ascii(':');
    }

    /** A list of records (the manifest's lists hold no nulls), each an object of the fields {@code fields} writes. */
    <T> void list(String name, List<T> values, Fields<T> fields) {
      if (values == null) {
        return;
      }
      name(name);
      ascii('[');
      for (int i = 0; i < values.size(); i++) {
        if (i > 0) {
          ascii(',');
        }
        ascii('{');
        first = true;
        fields.write(this, values.get(i));
        ascii('}');
      }
      ascii(']');
      first = false;
    }

    /** A JSON value of a tree, members in the tree's order. */
    void value(JsonValue v) {
      switch (v.getValueType()) {
        case OBJECT -> {
          ascii('{');
          first = true;
          for (Map.Entry<String, JsonValue> member : ((JsonObject) v).entrySet()) {
            name(member.getKey());
            value(member.getValue());
          }
          ascii('}');
          first = false;
        }
        case ARRAY -> {
          ascii('[');
          List<JsonValue> elements = (JsonArray) v;
          for (int i = 0; i < elements.size(); i++) {
            if (i > 0) {
              ascii(',');
            }
            value(elements.get(i));
          }
          ascii(']');
        }
        case STRING -> quote(((JsonString) v).getString());
        case NUMBER, TRUE, FALSE, NULL -> ascii(v.toString()); // a number as Parsson writes its BigDecimal
        default -> throw new IllegalArgumentException("unknown JSON value type " + v.getValueType());
      }
    }

    void string(String name, String value) {
      if (value != null) {
        name(name);
        quote(value);
      }
    }

    void ascii(char c) {
      room(1);
      buf[len++] = (byte) c;
    }

    void ascii(String s) {
      room(s.length());
      for (int i = 0; i < s.length(); i++) {
        buf[len++] = (byte) s.charAt(i);
      }
    }

    /**
     * A JSON string literal, UTF-8, escaped as Parsson's generator (Yasson's) escapes it: quote, backslash, control
     * characters; an unpaired surrogate becomes {@code ?} as in {@code String.getBytes(UTF_8)}.
     */
    void quote(String s) {
      room(6 * s.length() + 2);
      byte[] b = buf;
      int n = len;
      b[n++] = '"';
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c < 0x80) {
          if (c >= 0x20 && c != '"' && c != '\\') {
            b[n++] = (byte) c;
            continue;
          }
          b[n++] = '\\';
          switch (c) {
            case '"' -> b[n++] = '"';
            case '\\' -> b[n++] = '\\';
            case '\b' -> b[n++] = 'b';
            case '\f' -> b[n++] = 'f';
            case '\n' -> b[n++] = 'n';
            case '\r' -> b[n++] = 'r';
            case '\t' -> b[n++] = 't';
            default -> {
              b[n++] = 'u';
              b[n++] = '0';
              b[n++] = '0';
              b[n++] = HEX[c >> 4];
              b[n++] = HEX[c & 0xf];
            }
          }
        } else if (c < 0x800) {
          b[n++] = (byte) (0xc0 | c >> 6);
          b[n++] = (byte) (0x80 | c & 0x3f);
        } else if (!Character.isSurrogate(c)) {
          b[n++] = (byte) (0xe0 | c >> 12);
          b[n++] = (byte) (0x80 | c >> 6 & 0x3f);
          b[n++] = (byte) (0x80 | c & 0x3f);
        } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          int cp = Character.toCodePoint(c, s.charAt(++i));
          b[n++] = (byte) (0xf0 | cp >> 18);
          b[n++] = (byte) (0x80 | cp >> 12 & 0x3f);
          b[n++] = (byte) (0x80 | cp >> 6 & 0x3f);
          b[n++] = (byte) (0x80 | cp & 0x3f);
        } else {
          b[n++] = '?';
        }
      }
      b[n++] = '"';
      len = n;
    }

    private void room(int more) {
      if (len + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
      }
    }

    @Override
    public void write(int b) {
      room(1);
      buf[len++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int n) {
      room(n);
      System.arraycopy(b, off, buf, len, n);
      len += n;
    }
  }
}
