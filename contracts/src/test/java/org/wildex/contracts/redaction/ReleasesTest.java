package org.wildex.contracts.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.Tlp;
import org.wildex.contracts.WildexException;
import org.wildex.contracts.delivery.Delivery;
import org.wildex.contracts.lifecycle.ReleaseRequest;
import org.wildex.contracts.policy.Builtins;

class ReleasesTest {

  private static final Delivery DELIVERY = new Delivery(UUID.randomUUID(), UUID.randomUUID(), "eia", "cites-la",
      Tlp.AMBER, Instant.now(), "route.interdict",
      new RedactionManifest("p1", List.of(
          new WithheldField("/movements/0/carrierRefs", Tlp.AMBER, "cites.withhold-carriers"),
          new WithheldField("/sources", Tlp.AMBER, Builtins.SOURCES),
          new WithheldField("/subjects/0/identifiers", Tlp.RED, Builtins.ABOVE_CLEARANCE)), List.of(
          new TransformedField("/subjects/0/name", "/subjects/0/name", Tlp.AMBER, "pseudonymise", "token",
              "cites.pseudonymise-people"),
          new TransformedField("/subjects/1/name", "/subjects/1/name", Tlp.AMBER_STRICT, "pseudonymise", "token",
              Builtins.ABOVE_CLEARANCE)), 1, null),
      null);

  @Test
  void only_the_recipient_may_ask_and_only_for_paths_a_policy_rule_withheld() {
    Releases.check(DELIVERY, "cites-la", List.of("/movements/0/carrierRefs"));
    assertRefused(() -> Releases.check(DELIVERY, "customs-la", List.of("/movements/0/carrierRefs")), ReasonCode.NOT_RECIPIENT);
    assertRefused(() -> Releases.check(DELIVERY, "cites-la", List.of("/title")), ReasonCode.PATH_NOT_WITHHELD);
    assertRefused(() -> Releases.check(DELIVERY, "cites-la", List.of("/movements/0/carrierRefs/0")), ReasonCode.PATH_NOT_WITHHELD);
    assertRefused(() -> Releases.check(DELIVERY, "cites-la", List.of("/sources")), ReasonCode.PATH_NOT_RELEASABLE);
    assertRefused(() -> Releases.check(DELIVERY, "cites-la", List.of("/subjects/0/identifiers")), ReasonCode.PATH_NOT_RELEASABLE);
    assertRefused(() -> Releases.check(DELIVERY, "cites-la", List.of("/movements/0/carrierRefs", "/movements/0/carrierRefs")),
        ReasonCode.REQUEST_INVALID);
  }

  @Test
  void a_token_or_coarser_value_a_policy_rule_made_may_be_asked_for_one_a_guarantee_made_may_not() {
    Releases.check(DELIVERY, "cites-la", List.of("/subjects/0/name", "/movements/0/carrierRefs"));
    assertRefused(() -> Releases.check(DELIVERY, "cites-la", List.of("/subjects/1/name")), ReasonCode.PATH_NOT_RELEASABLE);
    assertRefused(() -> Releases.check(DELIVERY, "cites-la", List.of("/subjects/0")), ReasonCode.PATH_NOT_WITHHELD);
  }

  @Test
  void a_release_covers_a_path_and_what_lies_under_it() {
    assertThat(Releases.covered("/movements/0/carrierRefs/1", List.of("/movements/0/carrierRefs"))).isTrue();
    assertThat(Releases.covered("/movements/0/carrierRefs", List.of("/movements/0/carrierRefs"))).isTrue();
    assertThat(Releases.covered("/movements/0/carrierRefsX", List.of("/movements/0/carrierRefs"))).isFalse();
    assertThat(Releases.covered("/movements/1/carrierRefs/0", List.of("/movements/0/carrierRefs"))).isFalse();
  }

  @Test
  void a_request_names_paths_and_says_why_and_its_id_does_not_depend_on_their_order() {
    UUID delivery = UUID.randomUUID();
    assertThat(ReleaseRequest.requestId(delivery, List.of("/a", "/b"))).isEqualTo(ReleaseRequest.requestId(delivery, List.of("/b", "/a")));
    assertThat(ReleaseRequest.requestId(delivery, List.of("/a"))).isNotEqualTo(ReleaseRequest.requestId(delivery, List.of("/b")));
    new ReleaseRequest(UUID.randomUUID(), List.of("/a"), "why", Instant.now(), "AAAA").checked();
    for (ReleaseRequest bad : List.of(
        new ReleaseRequest(UUID.randomUUID(), List.of(), "why", Instant.now(), "AAAA"),
        new ReleaseRequest(UUID.randomUUID(), List.of("a"), "why", Instant.now(), "AAAA"),
        new ReleaseRequest(UUID.randomUUID(), List.of("/a"), " ", Instant.now(), "AAAA"),
        new ReleaseRequest(UUID.randomUUID(), List.of("/a"), "why", Instant.now(), null))) {
      assertRefused(bad::checked, ReasonCode.REQUEST_INVALID);
    }
  }

  private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ReasonCode reason) {
    assertThatThrownBy(call).isInstanceOf(WildexException.class)
        .extracting(e -> ((WildexException) e).reason()).isEqualTo(reason);
  }
}
