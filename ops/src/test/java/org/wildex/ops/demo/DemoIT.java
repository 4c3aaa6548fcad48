package org.wildex.ops.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.Tlp;
import org.wildex.contracts.delivery.Delivery;
import org.wildex.ops.Workdir;

/** Runs the demo end to end on real components and checks who received what, against the routing rules by hand. */
class DemoIT {

  @TempDir Path dir;

  @Test
  void each_sample_reaches_exactly_the_agencies_its_route_names_and_the_informant_reaches_none() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    List<DemoRun.Outcome> outcomes =
        new DemoRun(new Workdir(dir), freePort(), freePort(), new PrintStream(printed, true, StandardCharsets.UTF_8)).run();
    Map<String, DemoRun.Outcome> bySample = outcomes.stream().collect(Collectors.toMap(DemoRun.Outcome::sample, Function.identity()));

    // ivory: KE -> LA by air, LA -> CN by road (Boten-Mohan); a CN national; a LA company. No KE agency is registered.
    DemoRun.Outcome ivory = bySample.get("ivory-shipment");
    assertThat(ivory.deliveries().keySet())
        .containsExactlyInAnyOrder("ncb-cn", "customs-cn", "cites-cn", "ncb-la", "customs-la", "cites-la", "blo-mohan-boten");
    assertThat(ivory.deliveries().get("ncb-cn").level()).isEqualTo(Tlp.AMBER_STRICT);
    assertThat(ivory.deliveries().get("ncb-cn").manifest().withheld()).isEmpty();
    assertThat(ivory.deliveries().get("customs-la").level()).isEqualTo(Tlp.AMBER);
    assertThat(withheld(ivory.deliveries().get("customs-la"))).containsExactly("/subjects/0/identifiers");
    assertThat(withheld(ivory.deliveries().get("blo-mohan-boten"))).containsExactly("/subjects/0/identifiers");

    // tiger network: a LA company and a VN trader, LA -> VN by road; the CN-VN BLO is not on that leg.
    DemoRun.Outcome tiger = bySample.get("tiger-network");
    assertThat(tiger.deliveries().keySet())
        .containsExactlyInAnyOrder("ncb-la", "customs-la", "cites-la", "ncb-vn", "customs-vn", "cites-vn");
    assertThat(tiger.deliveries().values()).allSatisfy(d -> assertThat(withheld(d)).containsExactly("/subjects/1/identifiers"));

    // online pangolin market in China, sent by the NGO with an RSA key.
    assertThat(bySample.get("pangolin-online-market").deliveries().keySet())
        .containsExactlyInAnyOrder("ncb-cn", "customs-cn", "cites-cn");

    // informant tip TH -> KH: delivered, with the source withheld everywhere.
    DemoRun.Outcome tip = bySample.get("informant-tip");
    assertThat(tip.deliveries().keySet())
        .containsExactlyInAnyOrder("ncb-th", "customs-th", "cites-th", "ncb-kh", "customs-kh", "cites-kh");
    for (String agency : tip.deliveries().keySet()) {
      assertThat(tip.deliveries().get(agency).manifest().sourcesWithheld()).isEqualTo(1);
      String opened = Files.readString(dir.resolve("deliveries/" + agency + "/" + tip.packageId() + ".json"));
      assertThat(opened).doesNotContain("LOTUS").doesNotContain("bus conductor");
      assertThat(dir.resolve("deliveries/" + agency + "/" + tip.packageId() + ".p7m")).isNotEmptyFile();
    }

    // malformed: rejected with its reason, delivered nowhere.
    DemoRun.Outcome malformed = bySample.get("malformed");
    assertThat(malformed.receipt().status()).isEqualTo("REJECTED");
    assertThat(malformed.receipt().reason()).isEqualTo(ReasonCode.CONTRACT_INVALID);
    assertThat(malformed.deliveries()).isEmpty();

    String out = printed.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("malformed").contains("CONTRACT_INVALID").contains("source protection");
    assertThat(dir.resolve("pki/ca.crt.pem")).isNotEmptyFile();
    assertThat(dir.resolve("pki/eia.key.pem")).isNotEmptyFile();
    assertThat(dir.resolve("pki/eia.p12")).isNotEmptyFile();
    assertThat(dir.resolve("packages/ivory-shipment.json")).isNotEmptyFile();
  }

  private static List<String> withheld(Delivery d) {
    return d.manifest().withheld().stream().map(w -> w.path()).toList();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
