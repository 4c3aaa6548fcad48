package org.wildex.routes.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildex.contracts.directory.ParticipantKind;
import org.wildex.crypto.pki.Pem;
import org.wildex.routes.support.TestPki;
import org.wildex.routes.support.TestPki.Member;

class ParticipantCertificatesTest {

  @TempDir Path registered;
  @TempDir Path impostor;

  @Test
  void matches_the_registered_certificate_and_not_another_with_the_same_name() throws Exception {
    TestPki real = TestPki.create(registered, List.of(new Member("ncb-ke", ParticipantKind.NCB, "KE")), List.of());
    TestPki twin = TestPki.create(impostor, List.of(new Member("ncb-ke", ParticipantKind.NCB, "KE")), List.of());
    ParticipantCertificates certificates = ParticipantCertificates.load(real.directory());

    var genuine = Pem.readCertificate(real.certificatePem("ncb-ke"));
    var sameName = Pem.readCertificate(twin.certificatePem("ncb-ke"));

    assertThat(sameName.getSubjectX500Principal()).isEqualTo(genuine.getSubjectX500Principal());
    assertThat(certificates.participantFor(genuine)).contains("ncb-ke");
    assertThat(certificates.participantFor(sameName)).isEmpty();
    assertThat(certificates.participantFor(Pem.readCertificate(real.certificatePem("hub")))).isEmpty();
  }

  @Test
  void a_renewed_certificate_replaces_the_old_one_without_a_restart() throws Exception {
    TestPki real = TestPki.create(registered, List.of(new Member("ncb-ke", ParticipantKind.NCB, "KE")), List.of());
    TestPki renewed = TestPki.create(impostor, List.of(new Member("ncb-ke", ParticipantKind.NCB, "KE")), List.of());
    ParticipantCertificates certificates = ParticipantCertificates.load(real.directory(), Duration.ZERO);
    var old = Pem.readCertificate(real.certificatePem("ncb-ke"));
    var fresh = Pem.readCertificate(renewed.certificatePem("ncb-ke"));
    assertThat(certificates.participantFor(fresh)).isEmpty();

    Path file = real.certificatePem("ncb-ke");
    Files.copy(renewed.certificatePem("ncb-ke"), file, StandardCopyOption.REPLACE_EXISTING);
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(1)));

    assertThat(certificates.participantFor(fresh)).contains("ncb-ke");
    assertThat(certificates.participantFor(old)).as("the replaced certificate is no one's").isEmpty();
  }
}
