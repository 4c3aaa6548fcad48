package org.wildex.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LatencyBookTest {

  @Test
  void p99_by_part_takes_each_slice_of_the_packages_in_submission_order() {
    List<PackageFactory.SealedPackage> packages = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      packages.add(new PackageFactory.SealedPackage(UUID.randomUUID(), "eia", new byte[0], 0, List.of("ncb-kh")));
    }
    LatencyBook book = new LatencyBook(packages, List.of("ncb-kh"));
    book.begin();
    long t0 = System.nanoTime();
    for (int i = 0; i < 200; i++) {
      book.submitting(i, t0);
      // the first half waits i ms, the second 1 ms; package 150 never completes
      if (i != 150) {
        book.delivered(packages.get(i).id().toString(), "ncb-kh", t0 + (i < 100 ? i : 1) * 1_000_000L);
      }
    }

    double[] p99 = book.p99ByPart(2);

    assertThat(p99[0]).isEqualTo(98.0); // 100 values 0..99 ms: the 99th is 98
    assertThat(p99[1]).isEqualTo(1.0);
    assertThat(book.p99ByPart(400)[150]).isNaN();
  }
}
