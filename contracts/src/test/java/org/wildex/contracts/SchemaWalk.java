package org.wildex.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.wildex.contracts.pkg.PackageCodec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Test helper: walks the package v1 JSON Schema. Property paths are dotted with {@code []} for array items
 * ({@code subjects[].identifiers[].value}); leaf templates are JSON Pointers with {@code *} for array items and
 * free-form keys ({@code /subjects/&#42;/identifiers/&#42;/value}, {@code /markings/&#42;}).
 */
public final class SchemaWalk {

  public final List<String> properties = new ArrayList<>();
  public final List<String> leafTemplates = new ArrayList<>();
  private final JsonNode defs;

  private SchemaWalk(JsonNode schema) {
    this.defs = schema.path("$defs");
    walk(schema, "", "");
  }

  public static SchemaWalk packageV1() {
    try (InputStream in = PackageCodec.class.getClassLoader().getResourceAsStream(PackageCodec.SCHEMA_RESOURCE)) {
      return new SchemaWalk(JsonMapper.builder().build().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JsonNode resolve(JsonNode n) {
    while (n.has("$ref")) {
      String ref = n.get("$ref").asString();
      n = defs.path(ref.substring(ref.lastIndexOf('/') + 1));
    }
    return n;
  }

  private void walk(JsonNode node, String pointer, String dotted) {
    JsonNode n = resolve(node);
    if (n.has("properties")) {
      for (Map.Entry<String, JsonNode> p : n.get("properties").properties()) {
        String d = (dotted.isEmpty() ? "" : dotted + ".") + p.getKey();
        properties.add(d);
        walk(p.getValue(), pointer + "/" + p.getKey(), d);
      }
    } else if (n.has("items")) {
      walk(n.get("items"), pointer + "/*", dotted + "[]");
    } else if (n.path("additionalProperties").isObject()) {
      walk(n.get("additionalProperties"), pointer + "/*", dotted + "{}");
    } else {
      leafTemplates.add(pointer);
    }
  }
}
