package org.wildex.contracts.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.TestDirectory;
import org.wildex.contracts.Tlp;
import org.wildex.contracts.WildexException;

class DirectoryTest {

  @TempDir Path dir;

  private static final String HEAD = "version: 1\nca: pki/ca.crt.pem\nhub: pki/hub.crt.pem\nparticipants:\n";
  private static final String EIA =
      "  - {id: eia, kind: NGO, name: EIA, countries: [GB], clearance: AMBER, certificate: pki/eia.crt.pem}\n";

  private AbstractThrowableAssert<?, ?> rejecting(String yaml) throws IOException {
    Path file = dir.resolve("directory.yaml");
    Files.writeString(file, yaml);
    return assertThatThrownBy(() -> Directory.load(file))
        .isInstanceOf(WildexException.class)
        .satisfies(e -> assertThat(((WildexException) e).reason()).isEqualTo(ReasonCode.DIRECTORY_INVALID));
  }

  @Test
  void loads_participants_in_file_order_with_kinds_countries_and_clearance() {
    Directory d = TestDirectory.load();
    assertThat(d.participants()).hasSize(21);
    assertThat(d.participants().get(0).id()).isEqualTo("eia");
    Participant blo = d.find("blo-mohan-boten").orElseThrow();
    assertThat(blo.kind()).isEqualTo(ParticipantKind.BLO);
    assertThat(blo.countries()).containsExactly("CN", "LA");
    assertThat(d.find("eia").orElseThrow().clearance()).isEqualTo(Tlp.AMBER_STRICT);
    assertThat(d.find("nobody")).isEmpty();
    assertThat(d.find(null)).isEmpty();
  }

  @Test
  void resolves_certificates_relative_to_the_directory_file() {
    Directory d = TestDirectory.load();
    Path base = TestDirectory.file().getParent();
    assertThat(d.caCertificate()).isEqualTo(base.resolve("pki/ca.crt.pem"));
    assertThat(d.hubCertificate()).isEqualTo(base.resolve("pki/hub.crt.pem"));
    assertThat(d.resolve(d.find("cn-ncb").orElseThrow().certificate())).isEqualTo(base.resolve("pki/cn-ncb.crt.pem"));
  }

  @Test
  void agency_kinds_are_the_law_enforcement_and_intergovernmental_ones() {
    assertThat(List.of(ParticipantKind.values()))
        .filteredOn(ParticipantKind::isAgency)
        .containsExactly(
            ParticipantKind.NCB, ParticipantKind.CUSTOMS, ParticipantKind.CITES_MA, ParticipantKind.BLO,
            ParticipantKind.FOREIGN_LE, ParticipantKind.IGO);
  }

  @Test
  void write_then_load_gives_the_same_participants() {
    List<Participant> participants = TestDirectory.load().participants();
    Path file = dir.resolve("demo/directory.yaml");
    Directory.write(file, "pki/ca.crt.pem", "pki/hub.crt.pem", participants);
    Directory back = Directory.load(file);
    assertThat(back.participants()).isEqualTo(participants);
    assertThat(back.caCertificate()).isEqualTo(dir.resolve("demo/pki/ca.crt.pem"));
  }

  @Test
  void write_refuses_an_invalid_directory() {
    Participant bad = new Participant("Bad Id", ParticipantKind.NCB, "x", List.of("CN"), Tlp.AMBER, "pki/x.pem");
    assertThatThrownBy(() -> Directory.write(dir.resolve("d.yaml"), "ca", "hub", List.of(bad)))
        .isInstanceOf(WildexException.class)
        .hasMessageContaining("participants[0].id");
    assertThat(dir.resolve("d.yaml")).doesNotExist();
  }

  @Test
  void rejects_duplicate_ids() throws IOException {
    rejecting(HEAD + EIA + EIA).hasMessageContaining("participants[1]: duplicate id 'eia'");
  }

  @Test
  void rejects_an_unknown_kind() throws IOException {
    rejecting(HEAD + EIA.replace("NGO", "POLICE")).hasMessageContaining("participants[0] (eia).kind: 'POLICE'");
  }

  @Test
  void rejects_countries_that_are_not_iso_alpha2() throws IOException {
    rejecting(HEAD + EIA.replace("[GB]", "[UK]")).hasMessageContaining("'UK' is not an ISO 3166-1 alpha-2 code");
    rejecting(HEAD + EIA.replace("[GB]", "[gb]")).hasMessageContaining("'gb'");
  }

  @Test
  void rejects_a_blo_without_exactly_two_countries() throws IOException {
    rejecting(HEAD + "  - {id: blo-x, kind: BLO, name: x, countries: [CN], clearance: AMBER, certificate: c.pem}\n")
        .hasMessageContaining("a BLO has exactly 2 countries");
    rejecting(HEAD + "  - {id: blo-x, kind: BLO, name: x, countries: [CN, LA, VN], clearance: AMBER, certificate: c}\n")
        .hasMessageContaining("a BLO has exactly 2 countries");
  }

  @Test
  void rejects_an_agency_without_a_country() throws IOException {
    rejecting(HEAD + "  - {id: cn-ncb, kind: NCB, name: x, countries: [], clearance: AMBER, certificate: c.pem}\n")
        .hasMessageContaining("an agency needs at least one country");
  }

  @Test
  void rejects_bad_clearance_missing_fields_and_unknown_keys_listing_every_problem() throws IOException {
    rejecting(HEAD + "  - {id: eia, kind: NGO, name: EIA, countries: [GB], clearance: WHITE, clearence: RED}\n")
        .hasMessageContaining("clearance: 'WHITE' is not a TLP label")
        .hasMessageContaining("certificate: required")
        .hasMessageContaining("clearence: unknown key");
  }

  @Test
  void rejects_a_wrong_version_and_missing_ca() throws IOException {
    rejecting("version: 2\nhub: h\nparticipants: []\n").hasMessageContaining("version: must be 1").hasMessageContaining("ca:");
  }

  @Test
  void rejects_yaml_that_does_not_parse_or_repeats_a_key() throws IOException {
    rejecting("version: 1\nca: [unclosed\n").hasMessageContaining("not valid YAML");
    rejecting("version: 1\nversion: 1\nca: a\nhub: b\nparticipants: []\n").hasMessageContaining("not valid YAML");
    rejecting("- just\n- a list\n").hasMessageContaining("top level must be a mapping");
  }

  @Test
  void reports_an_unreadable_file() {
    assertThatThrownBy(() -> Directory.load(dir.resolve("missing.yaml")))
        .isInstanceOf(WildexException.class)
        .hasMessageContaining("cannot read");
  }

  private static final String NCB_CN =
      "  - {id: ncb-cn, kind: NCB, name: NCB CN, countries: [CN], clearance: AMBER, certificate: pki/peer-asia/ncb-cn.crt.pem}\n";
  private static final String ASIA = "region: africa\npeers:\n  - region: asia\n    hub: pki/peer-asia/hub.crt.pem\n"
      + "    ca: pki/peer-asia/ca.crt.pem\n    broker: 127.0.0.1:61700\n    participants: [ncb-cn]\n";

  @Test
  void names_its_region_and_the_peer_regions_with_their_hub_broker_and_participants() throws IOException {
    Path file = dir.resolve("directory.yaml");
    Files.writeString(file, HEAD + EIA + NCB_CN + ASIA);
    Directory d = Directory.load(file);
    assertThat(d.region()).isEqualTo("africa");
    Peer asia = d.peer("asia").orElseThrow();
    assertThat(asia.brokerHost()).isEqualTo("127.0.0.1");
    assertThat(asia.brokerPort()).isEqualTo(61700);
    assertThat(d.resolve(asia.hub())).isEqualTo(dir.resolve("pki/peer-asia/hub.crt.pem").toAbsolutePath().normalize());
    assertThat(d.isRemote("ncb-cn")).isTrue();
    assertThat(d.isRemote("eia")).isFalse();
    assertThat(d.peerOf("ncb-cn")).contains(asia);
    assertThat(TestDirectory.load().peers()).as("no peers: no federation").isEmpty();
    assertThat(TestDirectory.load().region()).isNull();
  }

  @Test
  void rejects_peers_without_a_region_of_its_own_unknown_participants_and_bad_brokers() throws IOException {
    rejecting(HEAD + EIA + NCB_CN + ASIA.replace("region: africa\n", ""))
        .hasMessageContaining("peers: a directory with peers must name its own region");
    rejecting(HEAD + EIA + ASIA).hasMessageContaining("peers[0].participants: 'ncb-cn' is not a participant");
    rejecting(HEAD + EIA + NCB_CN + ASIA.replace("127.0.0.1:61700", "somewhere"))
        .hasMessageContaining("peers[0].broker: 'somewhere' must be host:port");
    rejecting(HEAD + EIA + NCB_CN + ASIA.replace("region: asia", "region: africa"))
        .hasMessageContaining("peers[0].region: 'africa'");
    rejecting(HEAD + EIA + NCB_CN + ASIA + "  - {region: europe, hub: h.pem, ca: c.pem, participants: [ncb-cn]}\n")
        .hasMessageContaining("'ncb-cn' belongs to more than one region");
  }
}
