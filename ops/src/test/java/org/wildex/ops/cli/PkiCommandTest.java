package org.wildex.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildex.crypto.pki.DemoPki;
import org.wildex.crypto.pki.Pem;
import org.wildex.crypto.pki.RetiredCertificates;
import org.wildex.crypto.pki.RevocationList;
import org.wildex.crypto.pseudonym.HmacPseudonymiser;
import org.wildex.ops.Workdir;
import org.wildex.ops.demo.DemoSetup;

/** {@code wildex pki list, renew, renew-hub, rotate-ca, rotate-pseudonym-secret} on a demo workdir, without a hub. */
class PkiCommandTest {

  @TempDir Path dir;
  Workdir workdir;

  @BeforeEach
  void demo() throws Exception {
    workdir = new Workdir(dir);
    DemoSetup.create(workdir);
  }

  private SealOpenTest.Result pki(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "pki";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--workdir";
    all[args.length + 2] = dir.toString();
    return SealOpenTest.wildex(all);
  }

  private JsonObject list() {
    SealOpenTest.Result r = pki("list", "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    return Json.createReader(new StringReader(r.out())).readObject();
  }

  /** Certificate id to "ca role[/revoked]". */
  private Map<String, String> byCa() {
    return list().getJsonArray("certificates").stream().map(JsonValue::asJsonObject).collect(Collectors.toMap(
        c -> c.getString("id"), c -> c.getString("ca") + (c.getBoolean("revoked") ? "/revoked" : ""), (a, b) -> a, TreeMap::new));
  }

  @Test
  void list_shows_the_ca_and_every_certificate_in_use() {
    JsonObject answer = list();
    assertThat(answer.getJsonArray("cas")).hasSize(1);
    assertThat(answer.getJsonArray("cas").getJsonObject(0).getString("role")).isEqualTo("issuing");
    Map<String, String> certs = byCa();
    assertThat(certs).hasSize(DemoSetup.participants().size() + 1).containsEntry("hub", "issuing").containsEntry("eia", "issuing");
    SealOpenTest.Result text = pki("list");
    assertThat(text.out()).contains("hub ").contains("customs-th").contains((DemoSetup.participants().size() + 1) + " certificates");
  }

  @Test
  void a_ca_rotation_overlaps_renews_everyone_but_the_revoked_and_finishes_only_when_nothing_in_use_is_left_behind()
      throws Exception {
    assertThat(pki("revoke", "blo-hekou-laocai").exit()).isZero();
    SealOpenTest.Result begin = pki("rotate-ca");
    assertThat(begin.exit()).as(begin.err()).isZero();
    assertThat(begin.out()).contains("new CA").contains("rotate-ca --finish");
    assertThat(list().getJsonArray("cas").stream().map(c -> c.asJsonObject().getString("role")).toList())
        .containsExactly("issuing", "outgoing");
    assertThat(byCa()).containsEntry("eia", "outgoing").containsEntry("blo-hekou-laocai", "outgoing/revoked");
    assertThat(pki("rotate-ca").exit()).as("a second rotation while one is in progress").isEqualTo(1);

    SealOpenTest.Result early = pki("rotate-ca", "--finish");
    assertThat(early.exit()).isEqualTo(1);
    assertThat(early.err()).contains("still issued by the outgoing CA: hub, eia").doesNotContain("blo-hekou-laocai")
        .contains("wildex pki renew");

    var oldEia = Pem.readCertificate(workdir.certificate("eia"));
    SealOpenTest.Result all = pki("renew", "--all");
    assertThat(all.exit()).as(all.err()).isZero();
    assertThat(all.out()).contains("skipped blo-hekou-laocai").contains("renewed eia")
        .contains((DemoSetup.participants().size() - 1) + " renewed");
    assertThat(RevocationList.load(workdir.pki().resolve(RevocationList.FILE), workdir.cas()).isRevoked(oldEia))
        .as("the old certificate is revoked by the outgoing CA").isTrue();
    assertThat(RetiredCertificates.retired(workdir.certificate("eia"))).containsExactly(oldEia);
    assertThat(pki("rotate-ca", "--finish").err()).contains("outgoing CA: hub;");

    SealOpenTest.Result hub = pki("renew-hub");
    assertThat(hub.exit()).as(hub.err()).isZero();
    assertThat(hub.out()).contains("hub.retired.crt.pem");
    SealOpenTest.Result finish = pki("rotate-ca", "--finish");
    assertThat(finish.exit()).as(finish.err()).isZero();
    assertThat(list().getJsonArray("cas").stream().map(c -> c.asJsonObject().getString("role")).toList())
        .containsExactly("issuing", "retired");
    Map<String, String> after = byCa();
    assertThat(after).containsEntry("eia", "issuing").containsEntry("hub", "issuing")
        .containsEntry("blo-hekou-laocai", "untrusted");
    assertThat(after.values().stream().filter(v -> !v.equals("issuing"))).hasSize(1);
  }

  @Test
  void after_a_rotation_the_retired_ca_counts_only_for_the_hubs_own_old_signatures() throws Exception {
    var oldEia = workdir.keys("eia");
    var oldHub = org.wildex.crypto.pki.FileKeyHolder.fromPem(workdir.certificate("hub"), workdir.privateKey("hub"));
    assertThat(pki("rotate-ca").exit()).isZero();
    assertThat(pki("renew", "--all").exit()).isZero();
    assertThat(pki("renew-hub").exit()).isZero();
    assertThat(pki("rotate-ca", "--finish").exit()).isZero();
    var customsLa = Pem.readCertificate(workdir.certificate("customs-la"));

    Path fromOldHub = Files.write(dir.resolve("from-old-hub.p7m"),
        org.wildex.crypto.cms.Cms.seal("{\"note\": 1}".getBytes(), oldHub, customsLa));
    SealOpenTest.Result hub = SealOpenTest.wildex("open", "--as", "customs-la", fromOldHub.toString(), "--workdir", dir.toString());
    assertThat(hub.exit()).as(hub.err()).isZero();

    Path fromOldEia = Files.write(dir.resolve("from-old-eia.p7m"),
        org.wildex.crypto.cms.Cms.seal("{\"note\": 2}".getBytes(), oldEia, customsLa));
    SealOpenTest.Result eia = SealOpenTest.wildex("open", "--as", "customs-la", fromOldEia.toString(), "--workdir", dir.toString());
    assertThat(eia.exit()).as("a participant's certificate from the retired CA is not trusted").isEqualTo(1);
    assertThat(eia.err()).contains("is issued by CN=wildex demo CA, O=wildex, not by the trusted CA");
  }

  @Test
  void renew_names_participants_and_points_the_hub_to_renew_hub() {
    SealOpenTest.Result hub = pki("renew", "hub");
    assertThat(hub.exit()).isEqualTo(1);
    assertThat(hub.err()).contains("renew-hub");
    assertThat(pki("renew", "no-such-agency").err()).contains("not in");
    SealOpenTest.Result kept = pki("renew", "--keep-old", "customs-la");
    assertThat(kept.exit()).as(kept.err()).isZero();
    assertThat(workdir.pki().resolve(RevocationList.FILE)).as("--keep-old revokes nothing").doesNotExist();
  }

  @Test
  void renew_hub_installs_a_certificate_of_your_own_ca_only_with_its_key() throws Exception {
    var hubBefore = workdir.hubCertificate();
    // a key and certificate from the same CA, as your own CA would issue them: here another participant's pair
    SealOpenTest.Result wrongKey = pki("renew-hub", "--cert", workdir.certificate("eia").toString(),
        "--key", workdir.privateKey("wcs").toString());
    assertThat(wrongKey.exit()).isEqualTo(1);
    assertThat(wrongKey.err()).contains("does not belong");
    assertThat(workdir.hubCertificate()).isEqualTo(hubBefore);

    SealOpenTest.Result installed = pki("renew-hub", "--cert", workdir.certificate("wcs").toString(),
        "--key", workdir.privateKey("wcs").toString());
    assertThat(installed.exit()).as(installed.err()).isZero();
    assertThat(workdir.hubCertificate()).isEqualTo(Pem.readCertificate(workdir.certificate("wcs")));
    assertThat(workdir.hubCertificates()).containsExactly(workdir.hubCertificate(), hubBefore);
  }

  @Test
  void rotating_the_pseudonym_secret_changes_its_key_id() throws Exception {
    Path key = workdir.pki().resolve(DemoPki.PSEUDONYM_KEY);
    String before = HmacPseudonymiser.load(key).keyId();
    SealOpenTest.Result r = pki("rotate-pseudonym-secret");
    assertThat(r.exit()).as(r.err()).isZero();
    String after = HmacPseudonymiser.load(key).keyId();
    assertThat(after).isNotEqualTo(before);
    assertThat(r.out()).contains("key id " + before + " -> " + after).contains("pseudonymKeyId=" + after);
    assertThat(Files.readString(key).strip()).hasSizeGreaterThanOrEqualTo(44);
  }
}
