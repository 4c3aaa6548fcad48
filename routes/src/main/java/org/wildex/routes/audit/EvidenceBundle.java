package org.wildex.routes.audit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.wildex.contracts.WildexException;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.crypto.CryptoException;
import org.wildex.crypto.Digests;
import org.wildex.crypto.chain.ChainHash;
import org.wildex.crypto.chain.Checkpoint;
import org.wildex.crypto.chain.CheckpointSigner;
import org.wildex.crypto.cms.Cms;

/**
 * One package's trail as a self-contained evidence bundle (a zip), and its offline check.
 *
 * <pre>
 * bundle.json            the package's entries (fields, previous hash, entry hash), and per group of entries a proof:
 *                        the body hashes of every entry from the group's first entry up to the nearest signed
 *                        checkpoint (other packages' entries appear only as body hashes, never their fields)
 * checkpoints/SEQ.p7s    the hub's signed checkpoints the proofs end at (CMS SignedData, DER; openssl cms -verify)
 * hub.crt.pem            the hub's certificate(s) the checkpoints are signed with (more than one when the trail
 *                        spans a renewal of the hub's key)
 * ca.crt.pem             the CA(s) that issued them
 * README.txt             what the files are and how to check them by hand
 * </pre>
 *
 * {@link #verify(Path, List)} needs nothing but the bundle (and, to pin the CA, the auditor's own copy).
 */
public final class EvidenceBundle {

  public static final String FORMAT = "wildex-audit-bundle-v1";
  static final String MANIFEST = "bundle.json";
  static final String HUB_CERT = "hub.crt.pem";
  static final String CA_CERT = "ca.crt.pem";

  /** Body hashes of the entries {@code fromSeq..checkpointSeq}, in order, ending at a signed checkpoint. */
  public record Proof(long fromSeq, long checkpointSeq, List<String> bodyHashes) {}

  /** A checkpoint in the bundle and the file holding its signature. */
  public record CheckpointRef(long seq, String head, String file) {}

  /** The content of {@code bundle.json}. */
  public record Manifest(
      String format, String id, Instant exportedAt, List<AuditEntry> entries, List<Proof> proofs,
      List<CheckpointRef> checkpoints, List<Long> uncovered) {}

  /** What an export wrote; {@code uncovered} entries are not yet under a signed checkpoint. */
  public record Export(int entries, int proofs, List<Long> uncovered) {}

  /** What checking a bundle found: {@code ok} when every entry verifies up to a valid hub checkpoint. */
  public record Verification(
      String id, int entries, int checkpoints, List<String> problems, String hubSubject, String caSha256) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  private EvidenceBundle() {}

  /** Writes the bundle of package (or tracking) id {@code id} to {@code out}. */
  public static Export export(AuditStore store, String id, X509Certificate hub, X509Certificate ca, Path out) throws Exception {
    return export(store, id, List.of(hub), List.of(ca), out);
  }

  /**
   * Writes the bundle with the hub certificates among {@code hubs} (current first, then retired ones) that signed its
   * checkpoints, and the CAs among {@code cas} that issued those.
   */
  public static Export export(AuditStore store, String id, List<X509Certificate> hubs, List<X509Certificate> cas, Path out)
      throws Exception {
    List<AuditEntry> entries = store.trail(id);
    if (entries.isEmpty()) {
      throw new WildexException(org.wildex.contracts.ReasonCode.PACKAGE_NOT_FOUND, "the trail holds nothing for " + id);
    }
    return export(store, id, entries, hubs, cas, out);
  }

  /**
   * Writes the bundle of any set of entries (a package's trail, or every entry a search matched: an inquiry's),
   * named {@code id} in {@code bundle.json}; {@code verify-bundle} checks both alike.
   */
  public static Export export(AuditStore store, String id, List<AuditEntry> entries, List<X509Certificate> hubs,
      List<X509Certificate> cas, Path out) throws Exception {
    // group entries by the nearest checkpoint at or after each
    Map<Long, AuditStore.StoredCheckpoint> checkpoints = new TreeMap<>();
    Map<Long, Long> groupStart = new TreeMap<>();
    List<Long> uncovered = new ArrayList<>();
    entries = entries.stream().sorted(java.util.Comparator.comparingLong(AuditEntry::seq)).toList();
    AuditStore.StoredCheckpoint covering = null;
    for (AuditEntry e : entries) {
      // in seq order, the checkpoint that covered the previous entry covers this one too while it lies at or after it
      if (covering == null || covering.seq() < e.seq()) {
        covering = store.checkpointCovering(e.seq()).orElse(null);
      }
      if (covering == null) {
        uncovered.add(e.seq());
        continue;
      }
      checkpoints.put(covering.seq(), covering);
      groupStart.merge(covering.seq(), e.seq(), Math::min);
    }
    List<Proof> proofs = new ArrayList<>();
    for (Map.Entry<Long, Long> g : groupStart.entrySet()) {
      List<String> bodies = new ArrayList<>();
      store.scanRaw(g.getValue(), g.getKey(), raw -> bodies.add(ChainHash.hex(ChainHash.body(raw.fields()))));
      proofs.add(new Proof(g.getValue(), g.getKey(), bodies));
    }
    List<CheckpointRef> refs = new ArrayList<>();
    checkpoints.values().forEach(c -> refs.add(new CheckpointRef(c.seq(), c.headHash(), "checkpoints/" + c.seq() + ".p7s")));
    Manifest manifest = new Manifest(FORMAT, id, Instant.now(), entries, proofs, refs, uncovered);
    List<X509Certificate> signers = new ArrayList<>();
    for (AuditStore.StoredCheckpoint c : checkpoints.values()) {
      X509Certificate signer = Cms.verify(c.cms()).signer();
      if (hubs.contains(signer) && !signers.contains(signer)) {
        signers.add(signer);
      }
    }
    if (signers.isEmpty()) {
      signers.add(hubs.get(0));
    }
    signers.sort(java.util.Comparator.comparingInt(hubs::indexOf));
    List<X509Certificate> issuers = new ArrayList<>();
    for (X509Certificate signer : signers) {
      for (X509Certificate ca : cas) {
        if (!issuers.contains(ca) && issued(signer, ca)) {
          issuers.add(ca);
        }
      }
    }
    if (issuers.isEmpty()) {
      issuers.add(cas.get(0));
    }

    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (OutputStream file = Files.newOutputStream(out); ZipOutputStream zip = new ZipOutputStream(file)) {
      put(zip, MANIFEST, PackageCodec.toJson(manifest));
      for (AuditStore.StoredCheckpoint c : checkpoints.values()) {
        put(zip, "checkpoints/" + c.seq() + ".p7s", c.cms());
      }
      put(zip, HUB_CERT, pem(signers));
      put(zip, CA_CERT, pem(issuers));
      put(zip, "README.txt", readme(id).getBytes(StandardCharsets.UTF_8));
    }
    return new Export(entries.size(), proofs.size(), uncovered);
  }

  /**
   * Checks a bundle offline: every entry's hash from its fields, every proof's chain up to its checkpoint, every
   * checkpoint's hub signature, and that the hub certificate is issued by the bundle's CA, or by one of
   * {@code pinnedCas} (the auditor's own copy of the CAs, more than one across a CA rotation; null trusts the bundle's).
   */
  public static Verification verify(Path bundle, List<X509Certificate> pinnedCas) throws IOException {
    Map<String, byte[]> files = unzip(bundle);
    List<String> problems = new ArrayList<>();
    byte[] json = files.get(MANIFEST);
    if (json == null || files.get(HUB_CERT) == null || files.get(CA_CERT) == null) {
      return new Verification(null, 0, 0, List.of("not a wildex evidence bundle (bundle.json, hub.crt.pem or ca.crt.pem missing)"), null, null);
    }
    Manifest manifest;
    List<X509Certificate> hubs;
    List<X509Certificate> cas;
    try {
      manifest = PackageCodec.fromJson(json, Manifest.class);
      hubs = certificates(files.get(HUB_CERT));
      cas = certificates(files.get(CA_CERT));
      if (hubs.isEmpty() || cas.isEmpty()) {
        throw new CertificateException("no certificate in " + (hubs.isEmpty() ? HUB_CERT : CA_CERT));
      }
    } catch (WildexException | CertificateException e) {
      return new Verification(null, 0, 0, List.of("unreadable bundle: " + e.getMessage()), null, null);
    }
    if (!FORMAT.equals(manifest.format())) {
      problems.add("unknown bundle format " + manifest.format());
    }
    String caSha = String.join(",", cas.stream().map(EvidenceBundle::sha256).toList());
    if (pinnedCas != null) {
      for (X509Certificate ca : cas) {
        if (!pinnedCas.contains(ca)) {
          problems.add("the bundle's CA (SHA-256 " + sha256(ca) + ") is not the CA you gave ("
              + String.join(",", pinnedCas.stream().map(EvidenceBundle::sha256).toList()) + ")");
        }
      }
    }
    Map<Long, AuditEntry> bySeq = new HashMap<>();
    for (AuditEntry e : manifest.entries()) {
      bySeq.put(e.seq(), e);
      if (!e.intact()) {
        problems.add("entry " + e.seq() + " (" + e.event().type() + "): its fields do not hash to its entry hash");
      }
    }
    Map<Long, CheckpointRef> refs = new HashMap<>();
    manifest.checkpoints().forEach(r -> refs.put(r.seq(), r));
    Map<Long, Boolean> covered = new LinkedHashMap<>();
    manifest.entries().forEach(e -> covered.put(e.seq(), false));
    int checkpointsOk = 0;
    for (Proof proof : manifest.proofs()) {
      AuditEntry first = bySeq.get(proof.fromSeq());
      long expectedLength = proof.checkpointSeq() - proof.fromSeq() + 1;
      if (first == null || proof.bodyHashes().size() != expectedLength) {
        problems.add("proof from " + proof.fromSeq() + " to " + proof.checkpointSeq() + " is malformed");
        continue;
      }
      String h = first.prevHash();
      boolean proofOk = true;
      for (int i = 0; i < expectedLength; i++) {
        long seq = proof.fromSeq() + i;
        String body = proof.bodyHashes().get(i);
        AuditEntry own = bySeq.get(seq);
        if (own != null) {
          if (!own.prevHash().equals(h) || !body.equals(AuditEntry.bodyHash(own.event()))) {
            problems.add("entry " + seq + " does not sit in the chain the proof from " + proof.fromSeq() + " describes");
            proofOk = false;
            break;
          }
        }
        h = ChainHash.link(seq, h, body);
        if (own != null && !h.equals(own.entryHash())) {
          problems.add("entry " + seq + ": the chain gives another entry hash than the one recorded");
          proofOk = false;
          break;
        }
      }
      if (!proofOk) {
        continue;
      }
      CheckpointRef ref = refs.get(proof.checkpointSeq());
      byte[] cms = ref == null ? null : files.get(ref.file());
      if (cms == null) {
        problems.add("checkpoint " + proof.checkpointSeq() + " is missing from the bundle");
        continue;
      }
      try {
        Checkpoint signed = CheckpointSigner.verify(cms, hubs, pinnedCas != null ? pinnedCas : cas);
        if (signed.seq() != proof.checkpointSeq() || !signed.head().equals(h)) {
          problems.add("the chain from entry " + proof.fromSeq() + " does not reach the head the hub signed at " + signed.seq());
          continue;
        }
      } catch (CryptoException e) {
        problems.add("checkpoint " + proof.checkpointSeq() + " is not validly signed by the hub: " + e.getMessage());
        continue;
      }
      checkpointsOk++;
      for (long seq = proof.fromSeq(); seq <= proof.checkpointSeq(); seq++) {
        if (covered.containsKey(seq)) {
          covered.put(seq, true);
        }
      }
    }
    covered.forEach((seq, ok) -> {
      if (!ok && problems.stream().noneMatch(p -> p.startsWith("entry " + seq + " "))) {
        problems.add("entry " + seq + " is not covered by a signed checkpoint (export again after the hub's next checkpoint)");
      }
    });
    return new Verification(manifest.id(), manifest.entries().size(), checkpointsOk, problems,
        hubs.get(0).getSubjectX500Principal().getName(), caSha);
  }

  private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(bytes);
    zip.closeEntry();
  }

  private static Map<String, byte[]> unzip(Path bundle) throws IOException {
    Map<String, byte[]> files = new HashMap<>();
    long total = 0;
    try (InputStream in = Files.newInputStream(bundle); ZipInputStream zip = new ZipInputStream(in)) {
      ZipEntry entry;
      while ((entry = zip.getNextEntry()) != null) {
        byte[] bytes = zip.readNBytes(256 * 1024 * 1024);
        total += bytes.length;
        if (total > 256L * 1024 * 1024) {
          throw new IOException("bundle too large to be a wildex evidence bundle");
        }
        files.put(entry.getName(), bytes);
      }
    }
    return files;
  }

  private static List<X509Certificate> certificates(byte[] pem) throws CertificateException {
    List<X509Certificate> certs = new ArrayList<>();
    for (var c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem))) {
      certs.add((X509Certificate) c);
    }
    return certs;
  }

  private static boolean issued(X509Certificate cert, X509Certificate ca) {
    if (!cert.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
      return false;
    }
    try {
      cert.verify(ca.getPublicKey());
      return true;
    } catch (java.security.GeneralSecurityException e) {
      return false;
    }
  }

  private static byte[] pem(List<X509Certificate> certs) throws CertificateException {
    StringBuilder pem = new StringBuilder();
    for (X509Certificate cert : certs) {
      String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert.getEncoded());
      pem.append("-----BEGIN CERTIFICATE-----\n").append(b64).append("\n-----END CERTIFICATE-----\n");
    }
    return pem.toString().getBytes(StandardCharsets.US_ASCII);
  }

  static String sha256(X509Certificate cert) {
    try {
      return Digests.sha256Hex(cert.getEncoded());
    } catch (CertificateException e) {
      throw new IllegalArgumentException("cannot encode certificate", e);
    }
  }

  private static String readme(String id) {
    return """
        wildex audit evidence bundle (%s) for %s

        bundle.json         the trail's entries for this package or search: fields (ids, participants, route, policy version,
                            hashes, reason codes; never intelligence content), previous hash and entry hash; and proofs:
                            the body hashes of every entry from a group of these entries up to the nearest
                            checkpoint the hub signed
        checkpoints/*.p7s   the hub's signed checkpoints (CMS SignedData, DER)
        hub.crt.pem         the hub's certificate(s);  ca.crt.pem  the CA(s) that issued them

        Check everything:   wildex audit verify-bundle THIS.zip [--ca YOUR-COPY-OF-THE-CA.pem]
        Check a checkpoint by hand:
          openssl cms -verify -binary -inform DER -in checkpoints/SEQ.p7s -CAfile ca.crt.pem
        prints: wildex-audit-checkpoint-v1 / seq=SEQ / head=HASH / at=TIME

        Hashes (SHA-256):
          body  = H("wildex-audit-body-v1" || per field in order: 0x00 if null, else 0x01 || len (4 bytes BE) || UTF-8)
          entry = H("wildex-audit-link-v1" || seq (8 bytes BE) || previous entry hash || body)
        Field order: eventId, type, at, routeId, trackingId, packageId, originator, recipient, deliveryId, level,
        policyVersion, reason, ciphertextSha256, contentSha256, manifestSha256, messageSha256, withheldCount, attempt,
        then rule (routing rule of a ROUTED entry) only when set.
        """.formatted(FORMAT, id);
  }
}
