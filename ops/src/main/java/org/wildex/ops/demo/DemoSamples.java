package org.wildex.ops.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** The demo's sample packages: realistic cases from the seed, each with a fresh id and creation time. */
public final class DemoSamples {

  /** One sample: its file name, the NGO that sends it, and its JSON. */
  public record Sample(String name, String sender, UUID id, byte[] json) {}

  /** name → sending NGO; the malformed one must be rejected. */
  static final List<String[]> SAMPLES =
      List.of(
          new String[] {"ivory-shipment", "eia"},
          new String[] {"tiger-network", "eia"},
          new String[] {"pangolin-online-market", "traffic"},
          new String[] {"informant-tip", "wcs"},
          new String[] {"malformed", "wcs"});

  private DemoSamples() {}

  public static List<Sample> fresh() throws IOException {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    return SAMPLES.stream().map(s -> load(s[0], s[1], now)).toList();
  }

  private static Sample load(String name, String sender, Instant createdAt) {
    try (InputStream in = DemoSamples.class.getResourceAsStream("/demo/" + name + ".json")) {
      if (in == null) {
        throw new IllegalStateException("demo sample missing from the distribution: " + name);
      }
      UUID id = UUID.randomUUID();
      String json =
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .replace("${id}", id.toString())
              .replace("${createdAt}", createdAt.toString());
      return new Sample(name, sender, id, json.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read demo sample " + name, e);
    }
  }
}
