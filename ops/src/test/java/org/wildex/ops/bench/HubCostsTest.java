package org.wildex.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Threads are grouped by the name the kernel keeps (15 characters), however Artemis's thread numbers grow. */
class HubCostsTest {

  @Test
  void artemis_threads_count_as_broker_threads_whatever_their_number() {
    assertThat(HubCosts.group("Thread-3 (activ")).isEqualTo(HubCosts.BROKER);
    assertThat(HubCosts.group("Thread-12 (acti")).isEqualTo(HubCosts.BROKER);
    assertThat(HubCosts.group("Thread-123 (act")).isEqualTo(HubCosts.BROKER);
    assertThat(HubCosts.group("activemq-buffer")).isEqualTo(HubCosts.BROKER);
  }

  @Test
  void other_threads_stay_in_their_groups() {
    assertThat(HubCosts.group("Thread-7")).isEqualTo(HubCosts.OTHER);
    assertThat(HubCosts.group("Camel (camel-1) ")).isEqualTo(HubCosts.CONSUMERS);
    assertThat(HubCosts.group("vert.x-eventloo")).isEqualTo(HubCosts.HTTPS);
    assertThat(HubCosts.group("C2 CompilerThre")).isEqualTo(HubCosts.JIT);
    assertThat(HubCosts.group("wildex.audit.wr")).isEqualTo(HubCosts.AUDIT);
    assertThat(HubCosts.group("H2-serializatio")).isEqualTo(HubCosts.DATABASE);
    assertThat(HubCosts.group("MVStore backgro")).isEqualTo(HubCosts.DATABASE);
    assertThat(HubCosts.group("GC Thread#1")).isEqualTo(HubCosts.GC);
  }
}
