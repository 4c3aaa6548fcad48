package org.wildex.contracts.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.wildex.contracts.Examples;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.WildexException;
import org.wildex.contracts.pkg.IntelligencePackage;
import org.wildex.contracts.pkg.PackageCodec;

class UpdatesTest {

  private static final UUID EARLIER = UUID.fromString("3f6c2a1e-8b4d-4e7a-9c21-5d0b7e9a4f13");

  /** The ivory example under a new id, with {@code extra} fields (JSON members, comma-led) after its id. */
  private static IntelligencePackage ivory(String extra) {
    String json = Examples.text("ivory-shipment.json")
        .replace("\"id\": \"" + EARLIER + "\"", "\"id\": \"" + UUID.randomUUID() + "\"" + extra);
    return PackageCodec.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void an_update_names_the_package_it_replaces_and_its_version_and_a_first_package_is_version_1() {
    IntelligencePackage update = ivory(", \"supersedes\": \"" + EARLIER + "\", \"version\": 2");
    assertThat(update.supersedes()).isEqualTo(EARLIER);
    assertThat(update.versionNumber()).isEqualTo(2);
    assertThat(ivory("").versionNumber()).isEqualTo(1);
    assertThat(ivory(", \"version\": 1").versionNumber()).isEqualTo(1);
  }

  @Test
  void the_contract_refuses_a_version_without_the_package_it_replaces_and_the_reverse() {
    for (String bad : new String[] {", \"version\": 2", ", \"supersedes\": \"" + EARLIER + "\"",
        ", \"supersedes\": \"" + EARLIER + "\", \"version\": 1", ", \"supersedes\": \"not-a-uuid\", \"version\": 2"}) {
      assertThatThrownBy(() -> ivory(bad)).as(bad).isInstanceOf(WildexException.class)
          .extracting(e -> ((WildexException) e).reason()).isEqualTo(ReasonCode.CONTRACT_INVALID);
    }
  }

  @Test
  void the_hub_takes_only_the_originators_next_version_of_a_live_package() {
    IntelligencePackage update = ivory(", \"supersedes\": \"" + EARLIER + "\", \"version\": 3");
    Updates.check(update, new Updates.Earlier(EARLIER, "eia", 2, false, null));
    Updates.check(update, new Updates.Earlier(EARLIER, "eia", 2, false, update.id())); // its own redelivery

    assertRefused(update, new Updates.Earlier(EARLIER, "wcs", 2, false, null), ReasonCode.NOT_ORIGINATOR);
    assertRefused(update, new Updates.Earlier(EARLIER, "eia", 2, true, null), ReasonCode.PACKAGE_RECALLED);
    assertRefused(update, new Updates.Earlier(EARLIER, "eia", 1, false, null), ReasonCode.VERSION_CONFLICT);
    assertRefused(update, new Updates.Earlier(EARLIER, "eia", 3, false, null), ReasonCode.VERSION_CONFLICT);
    assertRefused(update, new Updates.Earlier(EARLIER, "eia", 2, false, UUID.randomUUID()), ReasonCode.VERSION_CONFLICT);
  }

  private static void assertRefused(IntelligencePackage update, Updates.Earlier earlier, ReasonCode expected) {
    assertThatThrownBy(() -> Updates.check(update, earlier)).isInstanceOf(WildexException.class)
        .extracting(e -> ((WildexException) e).reason()).isEqualTo(expected);
  }
}
