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

  /**
   * One sample: its file name, the NGO that sends it, its JSON, and whether the NGO commits to it as {@code wildex seal}
   * does (a signed Merkle root in {@code commitment}) or seals it as it is, as plain {@code openssl cms} would.
   */
  public record Sample(String name, String sender, UUID id, byte[] json, boolean committed) {}

  /** name → sending NGO, committed; the malformed one must be rejected, TRAFFIC seals as openssl would. */
  static final List<Object[]> SAMPLES =
      List.of(
          new Object[] {"ivory-shipment", "eia", true},
          new Object[] {"tiger-network", "eia", true},
          new Object[] {"pangolin-online-market", "traffic", false},
          new Object[] {"informant-tip", "wcs", true},
          new Object[] {"malformed", "wcs", false});

  private DemoSamples() {}

  public static List<Sample> fresh() throws IOException {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    return SAMPLES.stream().map(s -> load((String) s[0], (String) s[1], (Boolean) s[2], now)).toList();
  }

  private static Sample load(String name, String sender, boolean committed, Instant createdAt) {
    try (InputStream in = DemoSamples.class.getResourceAsStream("/demo/" + name + ".json")) {
      if (in == null) {
        throw new IllegalStateException("demo sample missing from the distribution: " + name);
      }
      UUID id = UUID.randomUUID();
      String json =
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .replace("${id}", id.toString())
              .replace("${createdAt}", createdAt.toString());
      return new Sample(name, sender, id, json.getBytes(StandardCharsets.UTF_8), committed);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read demo sample " + name, e);
    }
  }
}
