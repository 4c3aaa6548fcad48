package org.wildex.ops.cli;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.wildex.contracts.pkg.Commitment;
import org.wildex.crypto.CryptoException;
import org.wildex.crypto.cms.Cms;
import org.wildex.crypto.cms.Cms.Opened;
import org.wildex.crypto.pki.CertificateCheck;
import org.wildex.contracts.redaction.ProofCheck;
import org.wildex.ops.Workdir;
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
      "that does not check is refused (exit 1) and not printed."
    })
public final class OpenCommand implements Callable<Integer> {

  private static final JsonProvider JSON = JsonProvider.provider();

  @Mixin WorkdirOptions options;

  @Option(names = "--as", required = true, description = "participant id whose key decrypts (from WORKDIR/pki)")
  String as;

  @Parameters(paramLabel = "FILE", description = "sealed file (.p7m, DER)")
  Path file;

  @Override
  public Integer call() throws Exception {
    Workdir workdir = options.workdir();
    Opened opened;
    try {
      opened = Cms.open(Files.readAllBytes(file), workdir.keys(as));
    } catch (CryptoException e) {
      throw new IllegalStateException(file + " does not open as a message for " + as + " (" + e.failure() + ": " + e.getMessage()
          + "); it was altered, truncated or sealed for someone else");
    }
    CertificateCheck.checkIssuedBy(opened.signer(), workdir.ca(), Instant.now());
    System.err.println("signed by: " + opened.signer().getSubjectX500Principal().getName() + " (issued by the directory CA)");
    JsonObject content = object(opened.content());
    if (content != null && content.containsKey("deliveryId") && content.containsKey("manifest") && content.containsKey("view")) {
      checkDelivery(workdir, opened, content);
    }
    System.out.println(new String(opened.content(), StandardCharsets.UTF_8));
    return 0;
  }

  private static void checkDelivery(Workdir workdir, Opened opened, JsonObject delivery) throws Exception {
    if (!opened.signer().equals(workdir.hubCertificate())) {
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
      CertificateCheck.checkIssuedBy(signer, workdir.ca(), Instant.now());
      Path known = workdir.certificate(originator);
      if (Files.isRegularFile(known) && !signer.equals(org.wildex.crypto.pki.Pem.readCertificate(known))) {
        throw new IllegalStateException("delivery REFUSED: the root is signed by " + signer.getSubjectX500Principal()
            + ", not by the originator's registered certificate " + known);
      }
      signedBy = "the hub and the originator " + originator + " (" + signer.getSubjectX500Principal().getName() + ")";
    }
    System.err.println("proof: " + r.revealed() + " revealed values match the Merkle root " + r.root().substring(0, 16)
        + "…, " + r.hidden() + " leaves withheld or transformed; root signed by " + signedBy);
  }

  private static JsonObject object(byte[] json) {
    try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(json))) {
      return reader.readObject();
    } catch (RuntimeException e) {
      return null; // not JSON: printed as it is
    }
  }
}
