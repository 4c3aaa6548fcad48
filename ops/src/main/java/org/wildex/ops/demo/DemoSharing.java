package org.wildex.ops.demo;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.wildex.contracts.Tlp;
import org.wildex.contracts.delivery.Delivery;
import org.wildex.contracts.pkg.Commitment;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.contracts.redaction.PackageLeaves;
import org.wildex.contracts.redaction.ProofCheck;
import org.wildex.contracts.redaction.TransformedField;
import org.wildex.crypto.cms.Cms;
import org.wildex.crypto.pki.CertificateCheck;
import org.wildex.crypto.pki.KeyHolder;
import org.wildex.crypto.pki.Pem;
import org.wildex.ops.Workdir;
import org.wildex.routes.process.PackageCommitter;

/**
 * What the demo shows about sharing: the NGOs commit to their packages as {@code wildex seal} does, every delivery's
 * proof checks against its package's root (signed by the originator where it committed), one package reaches
 * agencies at different levels, and the same identifier in two packages gives the same pseudonym to an agency that
 * can read neither.
 */
public final class DemoSharing {

  private static final JsonProvider JSON = JsonProvider.provider();

  /** One pseudonym an agency saw in more than one package: where (sample and original path) and the values behind it. */
  public record Match(String agency, String token, List<String> samples, List<String> paths, List<String> originals) {}

  private DemoSharing() {}

  /** The sample sealed for the hub: committed first (a signed Merkle root in {@code commitment}) when it says so. */
  static byte[] seal(DemoSamples.Sample sample, KeyHolder keys, X509Certificate hub) throws Exception {
    byte[] content = sample.committed()
        ? PackageCodec.toJson(PackageCommitter.commit(PackageCodec.parse(sample.json()), keys))
        : sample.json();
    return Cms.seal(content, keys, hub);
  }

  /** Prints levels per package, the proof checks and the pseudonym matches; fails when a proof does not check. */
  static List<Match> report(List<DemoRun.Outcome> outcomes, Workdir workdir, PrintStream out) throws Exception {
    out.println("levels (one package, different views):");
    for (DemoRun.Outcome o : outcomes) {
      if (o.deliveries().isEmpty()) {
        continue;
      }
      Map<Tlp, List<String>> byLevel = new TreeMap<>((a, b) -> b.compareTo(a));
      o.deliveries().forEach((agency, d) -> byLevel.computeIfAbsent(d.level(), k -> new ArrayList<>()).add(agency));
      out.printf("  %-24s %s%n", o.sample(), byLevel.entrySet().stream()
          .map(e -> e.getKey().label() + " " + e.getValue()).collect(Collectors.joining(", ")));
    }
    checkProofs(outcomes, workdir, out);
    List<Match> matches = pseudonymMatches(outcomes, workdir);
    out.println("pseudonyms matching across packages (the agency links them without reading them):");
    if (matches.isEmpty()) {
      out.println("  none");
    }
    for (Match m : matches) {
      out.printf("  %-12s token %s… in %s at %s; the NGOs wrote %s%n", m.agency(), m.token().substring(0, 16),
          String.join(" and ", m.samples()), String.join(" and ", m.paths()),
          m.originals().stream().map(v -> "'" + v + "'").collect(Collectors.joining(" and ")));
    }
    out.println();
    return matches;
  }

  /** Every delivery's view checks against its package's root; a root the originator signed checks with its certificate. */
  private static void checkProofs(List<DemoRun.Outcome> outcomes, Workdir workdir, PrintStream out) throws Exception {
    int checked = 0;
    List<String> signedBy = new ArrayList<>();
    List<String> hubOnly = new ArrayList<>();
    X509Certificate ca = workdir.ca();
    for (DemoRun.Outcome o : outcomes) {
      String root = null;
      for (String agency : o.deliveries().keySet()) {
        byte[] json = Files.readAllBytes(workdir.deliveries(agency).resolve(o.packageId() + ".json"));
        ProofCheck.Result r = ProofCheck.verify(json, PackageCommitter.HASHER);
        if (!r.ok()) {
          throw new IllegalStateException("proof of " + o.sample() + " for " + agency + " fails: " + r.problems());
        }
        if (root != null && !root.equals(r.root())) {
          throw new IllegalStateException("two views of " + o.sample() + " name different roots");
        }
        root = r.root();
        if (r.rootSignedBy() != null) {
          X509Certificate originator = Pem.readCertificate(workdir.certificate(r.rootSignedBy()));
          X509Certificate signer = Cms.verifyDetached(Base64.getDecoder().decode(r.rootSignature()),
              Commitment.statement(java.util.UUID.fromString(o.packageId()), r.root()));
          CertificateCheck.checkIssuedBy(signer, ca, Instant.now());
          if (!signer.equals(originator)) {
            throw new IllegalStateException("root of " + o.sample() + " is not signed by its originator");
          }
        }
        checked++;
      }
      if (root != null) {
        (o.deliveries().values().iterator().next().manifest().proof().rootSignedBy() != null ? signedBy : hubOnly).add(o.sample());
      }
    }
    out.println("proofs: " + checked + " deliveries checked against their package's Merkle root; root signed by the originator for "
        + signedBy + ", computed by the hub for " + hubOnly + " (sealed without commitments)");
  }

  /** Tokens an agency saw in more than one package. */
  public static List<Match> pseudonymMatches(List<DemoRun.Outcome> outcomes, Workdir workdir) throws Exception {
    // agency -> token -> (sample -> view path)
    Map<String, Map<String, Map<String, String>>> seen = new TreeMap<>();
    Map<String, DemoRun.Outcome> bySample = new LinkedHashMap<>();
    for (DemoRun.Outcome o : outcomes) {
      bySample.put(o.sample(), o);
      for (Map.Entry<String, Delivery> e : o.deliveries().entrySet()) {
        PackageLeaves.forEachLeaf(tree(PackageCodec.toJson(e.getValue().view())), "", (path, value) -> {
          if (value instanceof JsonString s && s.getString().startsWith("ps1:")) {
            seen.computeIfAbsent(e.getKey(), k -> new TreeMap<>())
                .computeIfAbsent(s.getString(), k -> new TreeMap<>())
                .putIfAbsent(o.sample(), path);
          }
        });
      }
    }
    List<Match> matches = new ArrayList<>();
    for (Map.Entry<String, Map<String, Map<String, String>>> agency : seen.entrySet()) {
      for (Map.Entry<String, Map<String, String>> token : agency.getValue().entrySet()) {
        if (token.getValue().size() < 2) {
          continue;
        }
        List<String> samples = new ArrayList<>(new TreeSet<>(token.getValue().keySet()));
        List<String> paths = new ArrayList<>();
        List<String> originals = new ArrayList<>();
        for (String sample : samples) {
          String at = token.getValue().get(sample);
          paths.add(at);
          Delivery d = bySample.get(sample).deliveries().get(agency.getKey());
          String original = d.manifest().transformed().stream()
              .filter(t -> at.equals(t.at() == null ? t.path() : t.at())).map(TransformedField::path).findFirst().orElse(at);
          originals.add(originalValue(workdir.packages().resolve(sample + ".json"), original));
        }
        matches.add(new Match(agency.getKey(), token.getKey(), samples, paths, originals));
      }
    }
    return matches;
  }

  private static String originalValue(Path sampleJson, String path) throws Exception {
    JsonObject tree = tree(PackageCodec.toJson(PackageCodec.parse(Files.readAllBytes(sampleJson))));
    var v = JSON.createPointer(path).getValue(tree);
    return v instanceof JsonString s ? s.getString() : v.toString();
  }

  private static JsonObject tree(byte[] json) {
    try (var r = JSON.createReader(new ByteArrayInputStream(json))) {
      return r.readObject();
    }
  }
}
