package org.wildex.crypto.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainHashTest {

  @Test
  void a_null_field_an_empty_field_and_shifted_boundaries_all_hash_differently() {
    String a = ChainHash.hex(ChainHash.body(Arrays.asList("ab", null)));
    String b = ChainHash.hex(ChainHash.body(List.of("ab", "")));
    String c = ChainHash.hex(ChainHash.body(List.of("a", "b")));
    String d = ChainHash.hex(ChainHash.body(List.of("ab")));
    assertThat(List.of(a, b, c, d)).doesNotHaveDuplicates();
    assertThat(ChainHash.body(List.of("a", "b"))).isEqualTo(ChainHash.body(List.of("a", "b")));
  }

  @Test
  void each_link_depends_on_its_sequence_number_its_predecessor_and_its_body() {
    String body = ChainHash.hex(ChainHash.body(List.of("x")));
    String first = ChainHash.link(1, ChainHash.GENESIS, body);
    assertThat(first).hasSize(64).isNotEqualTo(ChainHash.link(2, ChainHash.GENESIS, body));
    assertThat(ChainHash.link(2, first, body)).isNotEqualTo(ChainHash.link(2, ChainHash.GENESIS, body));
    assertThat(ChainHash.link(1, ChainHash.GENESIS, ChainHash.hex(ChainHash.body(List.of("y"))))).isNotEqualTo(first);
  }

  @Test
  void refuses_hashes_that_are_not_sha256() {
    assertThatThrownBy(() -> ChainHash.link(1, "abc", ChainHash.GENESIS)).isInstanceOf(IllegalArgumentException.class);
  }
}
