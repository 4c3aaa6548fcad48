package org.wildex.crypto.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RevocationListTest {

  @TempDir Path dir;

  @Test
  void revoked_certificates_are_listed_and_others_are_not() throws IOException {
    DemoPki.create(dir, List.of(new DemoPki.Subject("eia", "EIA", DemoPki.KeyType.EC_P256),
        new DemoPki.Subject("wcs", "WCS", DemoPki.KeyType.EC_P256)));
    var ca = Pem.readCertificate(dir.resolve("ca.crt.pem"));
    var eia = Pem.readCertificate(dir.resolve("eia.crt.pem"));
    var wcs = Pem.readCertificate(dir.resolve("wcs.crt.pem"));

    RevocationList.revoke(dir, eia);
    RevocationList first = RevocationList.load(dir.resolve(RevocationList.FILE), ca);
    assertThat(first.isRevoked(eia)).isTrue();
    assertThat(first.isRevoked(wcs)).isFalse();

    RevocationList.revoke(dir, wcs);
    RevocationList both = RevocationList.load(dir.resolve(RevocationList.FILE), ca);
    assertThat(both.isRevoked(eia)).isTrue();
    assertThat(both.isRevoked(wcs)).isTrue();
    assertThat(both.size()).isEqualTo(2);
  }

  @Test
  void a_crl_signed_by_another_ca_is_not_believed() throws IOException {
    Path other = dir.resolve("other");
    DemoPki.create(other, List.of(new DemoPki.Subject("eia", "EIA", DemoPki.KeyType.EC_P256)));
    DemoPki.create(dir, List.of(new DemoPki.Subject("eia", "EIA", DemoPki.KeyType.EC_P256)));
    RevocationList.revoke(other, Pem.readCertificate(other.resolve("eia.crt.pem")));
    assertThatThrownBy(() -> RevocationList.load(other.resolve(RevocationList.FILE), Pem.readCertificate(dir.resolve("ca.crt.pem"))))
        .isInstanceOf(IOException.class);
  }

  @Test
  void a_damaged_crl_is_not_believed() throws IOException {
    DemoPki.create(dir, List.of(new DemoPki.Subject("eia", "EIA", DemoPki.KeyType.EC_P256)));
    RevocationList.revoke(dir, Pem.readCertificate(dir.resolve("eia.crt.pem")));
    Path crl = dir.resolve(RevocationList.FILE);
    String pem = Files.readString(crl);
    int mid = pem.indexOf('\n', 40) + 10;
    Files.writeString(crl, pem.substring(0, mid) + (pem.charAt(mid) == 'A' ? 'B' : 'A') + pem.substring(mid + 1));
    assertThatThrownBy(() -> RevocationList.load(crl, Pem.readCertificate(dir.resolve("ca.crt.pem"))))
        .isInstanceOf(IOException.class);
  }
}
