package org.wildex.crypto.commit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleCommitmentsTest {

  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] SEED = new byte[32];
  private static final List<String> PATHS = List.of("/id", "/subjects/0/name", "/subjects/0/identifiers/0/value");
  private static final List<byte[]> VALUES = List.of(utf8("s3f6c"), utf8("sChen Haoyu"), utf8("sEX0448127"));

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] sha256(byte[]... parts) throws Exception {
    MessageDigest d = MessageDigest.getInstance("SHA-256");
    for (byte[] p : parts) {
      d.update(p);
    }
    return d.digest();
  }

  @Test
  void the_root_is_the_rfc_6962_tree_hash_of_the_salted_leaf_commitments() throws Exception {
    MerkleCommitments.Result r = MerkleCommitments.compute(SEED, PATHS, VALUES);
    assertThat(r.salts()).hasSize(3).doesNotHaveDuplicates();
    List<byte[]> c = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      byte[] salt = HEX.parseHex(r.salts().get(i));
      byte[] path = utf8(PATHS.get(i));
      byte[] expected = sha256(utf8("wildex-leaf-v1\0"), salt, new byte[] {0, 0, 0, (byte) path.length}, path, VALUES.get(i));
      assertThat(r.commitments().get(i)).isEqualTo(HEX.formatHex(expected));
      assertThat(MerkleCommitments.leaf(salt, PATHS.get(i), VALUES.get(i))).isEqualTo(expected);
      c.add(expected);
    }
    byte[] l0 = sha256(new byte[] {0}, c.get(0));
    byte[] l1 = sha256(new byte[] {0}, c.get(1));
    byte[] l2 = sha256(new byte[] {0}, c.get(2));
    byte[] root = sha256(new byte[] {1}, sha256(new byte[] {1}, l0, l1), l2); // split at 2 for n = 3
    assertThat(r.root()).isEqualTo(HEX.formatHex(root));
    assertThat(MerkleCommitments.root(List.of())).isEqualTo(sha256());
    assertThat(MerkleCommitments.root(List.of(c.get(0)))).isEqualTo(l0);
  }

  @Test
  void salts_come_from_the_seed_and_path_and_change_with_the_seed() {
    MerkleCommitments.Result a = MerkleCommitments.compute(SEED, PATHS, VALUES);
    assertThat(MerkleCommitments.compute(SEED.clone(), PATHS, VALUES)).isEqualTo(a);
    byte[] other = SEED.clone();
    other[31] = 1;
    MerkleCommitments.Result b = MerkleCommitments.compute(other, PATHS, VALUES);
    assertThat(b.salts()).doesNotContainAnyElementsOf(a.salts());
    assertThat(b.root()).isNotEqualTo(a.root());
  }

  @Test
  void any_change_of_a_value_a_path_or_the_order_changes_the_root() {
    String root = MerkleCommitments.compute(SEED, PATHS, VALUES).root();
    assertThat(MerkleCommitments.compute(SEED, PATHS, List.of(VALUES.get(0), utf8("sChen Haoyi"), VALUES.get(2))).root())
        .isNotEqualTo(root);
    assertThat(MerkleCommitments.compute(SEED, List.of("/id", "/subjects/0/role", PATHS.get(2)), VALUES).root())
        .isNotEqualTo(root);
    assertThat(MerkleCommitments.compute(SEED, List.of(PATHS.get(1), PATHS.get(0), PATHS.get(2)),
        List.of(VALUES.get(1), VALUES.get(0), VALUES.get(2))).root()).isNotEqualTo(root);
  }

  @Test
  void fresh_seeds_differ() {
    assertThat(MerkleCommitments.newSeed()).hasSize(32).isNotEqualTo(MerkleCommitments.newSeed());
  }
}
