package org.wildex.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildex.contracts.delivery.Delivery;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.crypto.pki.DemoPki;
import org.wildex.ops.client.Mailbox;
import org.wildex.ops.demo.DemoSetup;
import org.wildex.routes.Hub;
import org.wildex.routes.HubSettings;
import org.wildex.routes.support.FreePorts;

/**
 * An NGO without wildex: seals with stock {@code openssl cms}, posts with {@code curl}; an agency without wildex opens
 * its delivery with {@code openssl cms -decrypt} then {@code -verify}. The README's recipe, run as written.
 */
class OpensslCurlIT {

  @TempDir Path dir;

  @Test
  void a_package_sealed_by_openssl_and_posted_by_curl_is_delivered_and_opens_with_openssl() throws Exception {
    Workdir workdir = new Workdir(dir);
    DemoSetup.create(workdir);
    UUID id = UUID.randomUUID();
    Path json = dir.resolve("tip.json");
    Files.writeString(json, """
        {"id": "%s", "createdAt": "%s", "originator": {"org": "wcs", "reference": "WCS-CURL-1"},
         "title": "Pangolin scales at a Mong Cai warehouse", "tlp": "GREEN",
         "subjects": [{"ref": "S1", "type": "ORGANISATION", "name": "Warehouse 7", "country": "VN"}],
         "requestedAction": "INVESTIGATE"}
        """.formatted(id, Instant.now()));

    HubSettings settings = HubSettings.defaults(dir).withPorts(FreePorts.next(), FreePorts.next());
    try (Hub hub = Hub.start(settings)) {
      run(dir, "openssl", "cms", "-sign", "-binary", "-nodetach", "-md", "sha256", "-in", "tip.json",
          "-signer", "pki/wcs.crt.pem", "-inkey", "pki/wcs.key.pem", "-outform", "DER", "-out", "tip.signed.der");
      run(dir, "openssl", "cms", "-encrypt", "-binary", "-aes-256-gcm", "-in", "tip.signed.der", "-inform", "DER",
          "-recip", "pki/hub.crt.pem", "-keyopt", "ecdh_kdf_md:sha256", "-outform", "DER", "-out", "tip.p7m");
      String answer = run(dir, "curl", "-sS", "--fail-with-body", "--cert", "pki/wcs.crt.pem", "--key", "pki/wcs.key.pem",
          "--cacert", "pki/ca.crt.pem", "-H", "Content-Type: application/pkcs7-mime", "--data-binary", "@tip.p7m",
          hub.httpsUrl() + "/api/v1/packages");
      assertThat(answer).contains("trackingId").contains("QUEUED");

      List<Mailbox.Item> items = new ArrayList<>();
      Instant deadline = Instant.now().plusSeconds(30);
      while (items.isEmpty() && Instant.now().isBefore(deadline)) {
        items.addAll(Mailbox.deliveries(workdir, "customs-vn").fetch(hub.brokerUrl(), DemoPki.PASSWORD, Duration.ofMillis(500)));
      }
      assertThat(items).hasSize(1);
      Path delivery = items.get(0).sealed();

      run(dir, "openssl", "cms", "-decrypt", "-binary", "-inform", "DER", "-in", dir.relativize(delivery).toString(),
          "-recip", "pki/customs-vn.crt.pem", "-inkey", "pki/customs-vn.key.pem", "-out", "delivery.signed.der");
      run(dir, "openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", "delivery.signed.der",
          "-CAfile", "pki/ca.crt.pem", "-out", "delivery.json");
      Delivery opened = PackageCodec.fromJson(Files.readAllBytes(dir.resolve("delivery.json")), Delivery.class);
      assertThat(opened.packageId()).isEqualTo(id);
      assertThat(opened.recipient()).isEqualTo("customs-vn");
      assertThat(opened.view().title()).isEqualTo("Pangolin scales at a Mong Cai warehouse");
    }
  }

  private static String run(Path cwd, String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = p.waitFor();
    assertThat(exit).as(String.join(" ", command) + " printed:\n" + output).isZero();
    return output;
  }
}
