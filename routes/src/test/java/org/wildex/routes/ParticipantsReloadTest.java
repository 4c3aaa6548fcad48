package org.wildex.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

/** A participant's renewed certificate is used at once: for identifying it and for encrypting to it. */
class ParticipantsReloadTest {

  @TempDir Path first;
  @TempDir Path second;

  private static void touch(Path file) throws Exception {
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(1)));
  }

  @Test
  void a_changed_certificate_file_is_read_again_and_a_broken_one_keeps_the_previous_certificate() throws Exception {
    TestPki pki = TestPki.create(first, List.of(new Member("customs-th", ParticipantKind.CUSTOMS, "TH")), List.of());
    TestPki other = TestPki.create(second, List.of(new Member("customs-th", ParticipantKind.CUSTOMS, "TH")), List.of());
    Participants participants = Participants.load(pki.directory(), Duration.ZERO);
    var old = Pem.readCertificate(pki.certificatePem("customs-th"));
    var renewed = Pem.readCertificate(other.certificatePem("customs-th"));
    Path file = pki.certificatePem("customs-th");

    Files.writeString(file, "-----BEGIN CERTIFICATE-----\ntruncated\n");
    touch(file);
    assertThat(participants.certificate("customs-th")).as("a half-written file changes nothing").isEqualTo(old);
    assertThat(participants.byCertificate(old)).isPresent();

    Files.copy(other.certificatePem("customs-th"), file, StandardCopyOption.REPLACE_EXISTING);
    touch(file);
    assertThat(participants.certificate("customs-th")).isEqualTo(renewed);
    assertThat(participants.byCertificate(renewed)).hasValueSatisfying(p -> assertThat(p.id()).isEqualTo("customs-th"));
    assertThat(participants.byCertificate(old)).isEmpty();
    assertThatThrownBy(() -> participants.certificate("nobody")).isInstanceOf(IllegalArgumentException.class);
  }
}
