package org.wildex.routes.process;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.WildexException;
import org.wildex.contracts.pkg.Commitment;
import org.wildex.contracts.pkg.IntelligencePackage;
import org.wildex.contracts.redaction.PackageCommitments;
import org.wildex.contracts.redaction.PackageLeaves;
import org.wildex.contracts.redaction.ProofCheck;
import org.wildex.crypto.CryptoException;
import org.wildex.crypto.cms.Cms;
import org.wildex.crypto.commit.MerkleCommitments;
import org.wildex.crypto.pki.KeyHolder;

/**
 * Commitments to a package's leaves, both sides. The originator commits when it seals ({@link #commit}: a fresh salt
 * seed, the Merkle root, a detached CMS signature over the root statement, written into {@code commitment}); the hub
 * checks that commitment on intake, or computes its own when the package came without one ({@link #check}), once per
 * package.
 */
public final class PackageCommitter {

  /** A package's leaves and their commitments, computed once per package. */
  public record Committed(PackageLeaves leaves, PackageCommitments commitments) {}

  private static final HexFormat HEX = HexFormat.of();

  /** The scheme's hash functions, for {@link ProofCheck}. */
  public static final ProofCheck.Hasher HASHER =
      new ProofCheck.Hasher() {
        @Override
        public byte[] leaf(byte[] salt, String path, byte[] value) {
          return MerkleCommitments.leaf(salt, path, value);
        }

        @Override
        public byte[] root(List<byte[]> leaves) {
          return MerkleCommitments.root(leaves);
        }
      };

  private PackageCommitter() {}

  /**
   * The originator's side: the package with a fresh {@code commitment} (any earlier one replaced), signed with its key.
   */
  public static IntelligencePackage commit(IntelligencePackage pkg, KeyHolder originator) throws CryptoException {
    PackageLeaves leaves = PackageLeaves.of(pkg);
    byte[] seed = MerkleCommitments.newSeed();
    MerkleCommitments.Result r = MerkleCommitments.compute(seed, leaves.paths(), leaves.encodedValues());
    byte[] signature = Cms.signDetached(Commitment.statement(pkg.id(), r.root()), originator);
    return pkg.withCommitment(
        new Commitment(Commitment.SCHEME, HEX.formatHex(seed), r.root(), Base64.getEncoder().encodeToString(signature)));
  }

  /**
   * The hub's side, once per package: with a {@code commitment}, recomputes the root from its seed and checks the
   * originator's signature over it (by {@code signer}, the certificate that signed the package); without one, commits
   * with a fresh seed of its own.
   *
   * @throws WildexException COMMITMENT_MISMATCH when the root or its signature does not match
   */
  public static Committed check(IntelligencePackage pkg, X509Certificate signer) {
    PackageLeaves leaves = PackageLeaves.of(pkg);
    Commitment c = pkg.commitment();
    if (c == null) {
      MerkleCommitments.Result r =
          MerkleCommitments.compute(MerkleCommitments.newSeed(), leaves.paths(), leaves.encodedValues());
      return new Committed(leaves, new PackageCommitments(Commitment.SCHEME, r.root(), r.salts(), r.commitments(), null, null));
    }
    MerkleCommitments.Result r = MerkleCommitments.compute(HEX.parseHex(c.seed()), leaves.paths(), leaves.encodedValues());
    if (!r.root().equals(c.root())) {
      throw new WildexException(ReasonCode.COMMITMENT_MISMATCH,
          "/commitment/root does not match the package's leaves (" + leaves.size() + " leaves)");
    }
    try {
      X509Certificate rootSigner =
          Cms.verifyDetached(Base64.getDecoder().decode(c.signature()), Commitment.statement(pkg.id(), c.root()));
      if (!Arrays.equals(rootSigner.getEncoded(), signer.getEncoded())) {
        throw new WildexException(ReasonCode.COMMITMENT_MISMATCH,
            "/commitment/signature is by another certificate than the package's signature");
      }
    } catch (CryptoException | IllegalArgumentException | CertificateEncodingException e) {
      throw new WildexException(ReasonCode.COMMITMENT_MISMATCH,
          "/commitment/signature does not verify over the root");
    }
    return new Committed(leaves, new PackageCommitments(Commitment.SCHEME, r.root(), r.salts(), r.commitments(),
        pkg.originator().org(), c.signature()));
  }
}
