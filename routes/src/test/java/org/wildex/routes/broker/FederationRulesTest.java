package org.wildex.routes.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.security.auth.Subject;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.security.jaas.RolePrincipal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildex.contracts.directory.Directory;
import org.wildex.contracts.directory.ParticipantKind;
import org.wildex.crypto.pki.Pem;
import org.wildex.routes.support.TestPki;
import org.wildex.routes.support.TestPki.Member;

/**
 * A directory with a peer region: the peer hub's exact certificate maps to the peer role, which may send to
 * {@code wildex.federation.in} and nothing else; the peer's participants get no address and no login here.
 */
class FederationRulesTest {

  @TempDir Path africaDir;
  @TempDir Path asiaDir;

  @Test
  void the_peer_hub_may_only_send_hand_overs_and_remote_participants_are_no_one_here() throws Exception {
    TestPki africa = TestPki.create(africaDir, List.of(new Member("ncb-ke", ParticipantKind.NCB, "KE"),
        new Member("ncb-cn", ParticipantKind.NCB, "CN")), List.of());
    TestPki asia = TestPki.create(asiaDir, List.of(new Member("customs-cn", ParticipantKind.CUSTOMS, "CN")), List.of());
    Path yaml = africaDir.resolve("directory.yaml");
    Files.writeString(yaml, """
        region: africa
        peers:
          - region: asia
            hub: %s
            ca: %s
            broker: 127.0.0.1:61700
            participants: [ncb-cn]
        """.formatted(asia.certificatePem("hub"), asiaDir.resolve("pki/ca.crt.pem")), StandardOpenOption.APPEND);
    Directory directory = Directory.load(yaml);

    ParticipantCertificates certificates = ParticipantCertificates.load(directory);
    assertThat(certificates.peerFor(Pem.readCertificate(asia.certificatePem("hub")))).contains("asia");
    assertThat(certificates.peerFor(Pem.readCertificate(asia.certificatePem("customs-cn")))).isEmpty();
    assertThat(certificates.participantFor(Pem.readCertificate(africa.certificatePem("ncb-cn"))))
        .as("a remote participant cannot log in here").isEmpty();
    assertThat(certificates.participantFor(Pem.readCertificate(africa.certificatePem("ncb-ke")))).contains("ncb-ke");

    assertThat(BrokerRules.addresses(directory))
        .contains(EmbeddedBroker.FEDERATION_IN, EmbeddedBroker.FEDERATION_OUT_PREFIX + "asia", "wildex.deliver.ncb-ke")
        .doesNotContain("wildex.deliver.ncb-cn");

    Map<String, Set<Role>> roles = BrokerRules.securityRoles(directory);
    assertThat(roles).doesNotContainKey("wildex.deliver.ncb-cn");
    roles.forEach((address, set) -> assertThat(set.stream().anyMatch(r -> r.getName().equals(EmbeddedBroker.PEER_ROLE)))
        .as("peer role on " + address).isEqualTo(address.equals(EmbeddedBroker.FEDERATION_IN)));
    Subject peer = new Subject();
    peer.getPrincipals().add(new RolePrincipal(EmbeddedBroker.PEER_ROLE));
    ParticipantSecurityManager security = new ParticipantSecurityManager(certificates, c -> false, "hub", "secret");
    Set<Role> in = roles.get(EmbeddedBroker.FEDERATION_IN);
    assertThat(security.authorize(peer, in, CheckType.SEND, EmbeddedBroker.FEDERATION_IN)).isTrue();
    for (CheckType refused : List.of(CheckType.CONSUME, CheckType.BROWSE, CheckType.MANAGE, CheckType.CREATE_DURABLE_QUEUE,
        CheckType.DELETE_DURABLE_QUEUE)) {
      assertThat(security.authorize(peer, in, refused, EmbeddedBroker.FEDERATION_IN)).as(refused.name()).isFalse();
    }
    assertThat(security.authorize(peer, roles.get("#"), CheckType.SEND, EmbeddedBroker.INTAKE)).isFalse();
    assertThat(security.authorize(peer, roles.get("wildex.deliver.ncb-ke"), CheckType.CONSUME, "wildex.deliver.ncb-ke"))
        .isFalse();
  }

  @Test
  void a_directory_without_peers_has_no_federation_address() throws Exception {
    TestPki single = TestPki.create(africaDir, List.of(new Member("ncb-ke", ParticipantKind.NCB, "KE")), List.of());
    assertThat(BrokerRules.addresses(single.directory())).noneMatch(a -> a.startsWith("wildex.federation."));
    assertThat(BrokerRules.securityRoles(single.directory())).doesNotContainKey(EmbeddedBroker.FEDERATION_IN);
  }
}
