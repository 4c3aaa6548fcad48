package org.wildex.ops.cli;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.wildex.contracts.lifecycle.RecallNotice;
import org.wildex.contracts.pkg.Commitment;
import org.wildex.crypto.CryptoException;
import org.wildex.crypto.cms.Cms;
import org.wildex.crypto.cms.Cms.Opened;
import org.wildex.crypto.pki.CertificateCheck;
import org.wildex.contracts.redaction.ProofCheck;
import org.wildex.ops.Workdir;
import org.wildex.ops.client.Mailbox;
import org.wildex.routes.process.PackageCommitter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wildex open}: decrypt and verify a sealed file as a participant; for a delivery, check it against its commitments. */
@Command(name = "open", mixinStandardHelpOptions = true,
    description = {
      "Decrypts FILE with the --as participant's key, verifies the signature and its certificate against the directory CA,",
      "prints the content. For a delivery it also checks that the hub signed it and that every value in the view matches",
      "the package's Merkle root (and, when the originator committed, that the originator signed that root); a delivery",
      "that does not check is refused (exit 1) and not printed. What was checked goes to stderr; --json puts it and the",
      "content into one JSON object on stdout."
    })
public final class OpenCommand implements Callable<Integer> {

  private static final JsonProvider JSON = JsonProvider.provider();

  @Mixin WorkdirOptions options;

  @Option(names = "--as", required = true, description = "participant id whose key decrypts (from WORKDIR/pki)")
  String as;

  @Parameters(paramLabel = "FILE", description = "sealed file (.p7m, DER)")
  Path file;

  @Option(names = "--json", description = "one JSON object: {file, signer, delivery, proof: {revealed, hidden, root,"
      + " rootSignedBy} (deliveries), versions: [{packageId, version, file}] (updates, newest first), content};"
      + " nothing on stderr")
  boolean json;

  /** What {@link #checkDelivery} proved. */
  record Proof(int revealed, int hidden, String root, String rootSignedBy, String signedBy) {}

  @Override
  public Integer call() throws Exception {
    Workdir workdir = options.workdir();
    Opened opened;
    try {
      opened = Mailbox.open(Files.readAllBytes(file), workdir.keyHistory(as));
    } catch (CryptoException e) {
      throw new IllegalStateException(file + " does not open as a message for " + as + " (" + e.failure() + ": " + e.getMessage()
          + "); it was altered, truncated or sealed for someone else");
    }
    // a CA that a rotation retired still counts for the hub's own (pinned) certificates, never for anyone else's
    CertificateCheck.checkIssuedByAny(opened.signer(),
        workdir.hubCertificates().contains(opened.signer()) ? workdir.allCas() : workdir.cas(), Instant.now());
    String signer = opened.signer().getSubjectX500Principal().getName();
    if (!json) {
      System.err.println("signed by: " + signer + " (issued by the directory CA)");
    }
    JsonObject content = object(opened.content());
    Proof proof = null;
    List<JsonObject> versions = List.of();
    if (content != null && content.containsKey("deliveryId") && content.containsKey("manifest") && content.containsKey("view")) {
      proof = checkDelivery(workdir, opened, content);
      if (!json) {
        System.err.println("proof: " + proof.revealed() + " revealed values match the Merkle root " + proof.root().substring(0, 16)
            + "…, " + proof.hidden() + " leaves withheld or transformed; root signed by " + proof.signedBy());
      }
      versions = versionChain(content.getJsonObject("view"));
      if (!json && versions.size() > 1) {
        System.err.println("version chain (newest first; earlier versions looked up beside " + file + "):");
        for (JsonObject v : versions) {
          System.err.println("  version " + v.getInt("version") + ": package " + v.getString("packageId")
              + (v.isNull("file") ? " (no delivery of it here)" : " (" + v.getString("file") + ")"));
        }
      }
    } else if (content != null && RecallNotice.KIND.equals(content.getString("kind", null))) {
      if (!workdir.hubCertificates().contains(opened.signer())) {
        throw new IllegalStateException("recall notice REFUSED: it is signed by " + opened.signer().getSubjectX500Principal()
            + ", not by the hub");
      }
      if (!json) {
        System.err.println("RECALLED: package " + content.getString("packageId", "?") + " (your delivery "
            + content.getString("deliveryId", "?") + ") was recalled by " + content.getString("originator", "?") + ", "
            + content.getString("reason", "?") + (content.containsKey("text") ? " (" + content.getString("text") + ")" : "")
            + ": stop using it, delete your copy, tell whoever you passed it to");
      }
    }
    if (json) {
      JsonObjectBuilder out = JSON.createObjectBuilder().add("file", file.toString()).add("signer", signer)
          .add("delivery", proof != null);
      if (proof != null) {
        JsonObjectBuilder p = JSON.createObjectBuilder().add("revealed", proof.revealed()).add("hidden", proof.hidden())
            .add("root", proof.root());
        if (proof.rootSignedBy() != null) {
          p.add("rootSignedBy", proof.rootSignedBy());
        } else {
          p.addNull("rootSignedBy");
        }
        out.add("proof", p);
      } else {
        out.addNull("proof");
      }
      if (!versions.isEmpty()) {
        JsonArrayBuilder chain = JSON.createArrayBuilder();
        versions.forEach(chain::add);
        out.add("versions", chain);
      }
      if (content != null) {
        out.add("content", content);
      } else {
        out.add("content", new String(opened.content(), StandardCharsets.UTF_8));
      }
      System.out.println(out.build());
    } else {
      System.out.println(new String(opened.content(), StandardCharsets.UTF_8));
    }
    return WildexCommand.EXIT_OK;
  }

  private static Proof checkDelivery(Workdir workdir, Opened opened, JsonObject delivery) throws Exception {
    if (!workdir.hubCertificates().contains(opened.signer())) {
      throw new IllegalStateException("delivery REFUSED: it is signed by " + opened.signer().getSubjectX500Principal() + ", not by the hub");
    }
    ProofCheck.Result r = ProofCheck.verify(opened.content(), PackageCommitter.HASHER);
    if (!r.ok()) {
      throw new IllegalStateException("delivery REFUSED: its view does not match the package's commitments: "
          + String.join("; ", r.problems()));
    }
    String signedBy = "the hub only (the originator sealed without commitments)";
    if (r.rootSignedBy() != null) {
      String originator = delivery.getString("originator", "");
      if (!r.rootSignedBy().equals(originator)) {
        throw new IllegalStateException("delivery REFUSED: the root is said to be signed by " + r.rootSignedBy()
            + " but the originator is " + originator);
      }
      X509Certificate signer;
      try {
        signer = Cms.verifyDetached(Base64.getDecoder().decode(r.rootSignature()),
            Commitment.statement(UUID.fromString(delivery.getString("packageId")), r.root()));
      } catch (CryptoException | IllegalArgumentException e) {
        throw new IllegalStateException("delivery REFUSED: the originator's signature over the root does not verify ("
            + e.getMessage() + ")");
      }
      Path known = workdir.certificate(originator);
      boolean registered = Files.isRegularFile(known) && workdir.certificates(originator).contains(signer);
      CertificateCheck.checkIssuedByAny(signer, registered ? workdir.allCas() : workdir.cas(), Instant.now());
      if (Files.isRegularFile(known) && !registered) {
        throw new IllegalStateException("delivery REFUSED: the root is signed by " + signer.getSubjectX500Principal()
            + ", not by the originator's registered certificate " + known);
      }
      signedBy = "the hub and the originator " + originator + " (" + signer.getSubjectX500Principal().getName() + ")";
    }
    return new Proof(r.revealed(), r.hidden(), r.root(), r.rootSignedBy(), signedBy);
  }

  /**
   * The view's version, then each version it supersedes, newest first: {packageId, version, file}. Earlier versions are
   * read from their opened deliveries beside FILE ({@code <package id>.json}, as {@code wildex fetch} writes them); the
   * chain ends at version 1 or at the first one not found there ({@code file} null).
   */
  private List<JsonObject> versionChain(JsonObject view) {
    List<JsonObject> chain = new ArrayList<>();
    Path folder = file.toAbsolutePath().getParent();
    JsonObject at = view;
    String atFile = file.toString();
    while (at != null) {
      chain.add(JSON.createObjectBuilder().add("packageId", at.getString("id", "?"))
          .add("version", at.getInt("version", 1)).add("file", atFile).build());
      if (!at.containsKey("supersedes") || chain.size() > MAX_CHAIN) {
        break;
      }
      String earlier = at.getString("supersedes");
      Path found = folder.resolve(earlier + ".json");
      JsonObject delivery = Files.isRegularFile(found) ? object(readQuietly(found)) : null;
      at = delivery == null ? null : delivery.getJsonObject("view");
      atFile = found.toString();
      if (at == null) {
        chain.add(JSON.createObjectBuilder().add("packageId", earlier)
            .add("version", view.getInt("version", 1) - chain.size()).addNull("file").build());
      }
    }
    return chain;
  }

  /** Longest chain followed (a guard against files that name each other). */
  private static final int MAX_CHAIN = 100;

  private static byte[] readQuietly(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (java.io.IOException e) {
      return new byte[0];
    }
  }

  private static JsonObject object(byte[] json) {
    try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(json))) {
      return reader.readObject();
    } catch (RuntimeException e) {
      return null; // not JSON: printed as it is
    }
  }
}
