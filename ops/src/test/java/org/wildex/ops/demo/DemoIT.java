package org.wildex.ops.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
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
import org.wildex.contracts.receipt.ReceiptDelivery;
import org.wildex.contracts.pkg.Identifier;
import org.wildex.contracts.pkg.Subject;
import org.wildex.contracts.redaction.TransformedField;
import org.wildex.contracts.redaction.WithheldField;
import org.wildex.ops.Workdir;
import org.wildex.routes.audit.Oversight;
import org.wildex.routes.support.FreePorts;

/**
 * Runs the demo end to end on real components and checks who received what at which level, against the routing rules
 * and the default policy (docs/policy.md) worked out by hand. Demo directory: NCBs AMBER+STRICT, customs and CITES
 * AMBER, BLOs GREEN.
 */
class DemoIT {

  @TempDir Path dir;

  @Test
  void each_sample_reaches_exactly_the_agencies_its_action_and_route_name_at_the_levels_the_policy_gives() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    DemoRun demo = new DemoRun(new Workdir(dir), FreePorts.next(), FreePorts.next(), new PrintStream(printed, true, StandardCharsets.UTF_8));
    List<DemoRun.Outcome> outcomes = demo.run();
    Map<String, DemoRun.Outcome> bySample = outcomes.stream().collect(Collectors.toMap(DemoRun.Outcome::sample, Function.identity()));

    // ivory, INTERDICT: KE -> VN -> LA by air (a transit in Hanoi), LA -> CN by road (Boten-Mohan); a CN buyer, a LA
    // consignee. No KE agency is registered; VN is only on the route. The package is GREEN; who is involved is AMBER, the buyer's passport and phone AMBER+STRICT.
    DemoRun.Outcome ivory = bySample.get("ivory-shipment");
    Map<String, Delivery> iv = ivory.deliveries();
    assertThat(iv.keySet())
        .containsExactlyInAnyOrder("ncb-cn", "customs-cn", "cites-cn", "ncb-la", "customs-la", "cites-la", "ncb-vn",
            "customs-vn", "cites-vn", "blo-mohan-boten");
    assertThat(iv.values()).allSatisfy(d -> assertThat(d.routedBy()).isEqualTo("route.interdict"));
    // three levels of one package
    assertThat(iv.get("ncb-cn").level()).isEqualTo(Tlp.AMBER_STRICT);
    assertThat(iv.get("ncb-la").level()).isEqualTo(Tlp.AMBER_STRICT);
    assertThat(iv.get("customs-la").level()).isEqualTo(Tlp.AMBER);
    assertThat(iv.get("cites-cn").level()).isEqualTo(Tlp.AMBER);
    assertThat(iv.get("blo-mohan-boten").level()).isEqualTo(Tlp.GREEN);

    // NCB: everything
    assertThat(iv.get("ncb-cn").manifest().withheld()).isEmpty();
    assertThat(iv.get("ncb-cn").manifest().transformed()).isEmpty();
    assertThat(iv.get("ncb-cn").view().subjects().get(0).identifiers()).extracting(Identifier::value)
        .containsExactly("E12345678", "+86 138 0000 1234");

    // the NCB of a transit country: people and identifiers as tokens (a policy rule, so the originator may release them)
    assertThat(iv.get("ncb-vn").view().subjects()).extracting(Subject::name).allSatisfy(n -> assertThat(n).startsWith("ps1:"));
    assertThat(iv.get("ncb-vn").manifest().transformed()).extracting(TransformedField::path, TransformedField::rule)
        .contains(tuple("/subjects/0/name", "transit.pseudonymise-people"),
            tuple("/subjects/0/identifiers/0/value", "transit.pseudonymise-people"));

    // customs: names readable, identifiers as tokens; the AMBER+STRICT identifiers' type and country withheld, their
    // values tokens by the guarantee (above the clearance: never releasable)
    Delivery customs = iv.get("customs-la");
    assertThat(customs.view().subjects()).extracting(Subject::name).containsExactly("Zhang Wei (alias)", "Golden Lotus Trading Co. Ltd");
    assertThat(paths(customs)).containsExactly(
        "/subjects/0/identifiers/0/country", "/subjects/0/identifiers/0/type", "/subjects/0/identifiers/1/type");
    assertThat(customs.manifest().transformed()).extracting(TransformedField::path, TransformedField::rule).containsExactly(
        tuple("/subjects/0/identifiers/0/value", "builtin.above-clearance"),
        tuple("/subjects/0/identifiers/1/value", "builtin.above-clearance"),
        tuple("/subjects/1/identifiers/0/value", "customs.pseudonymise-identifiers"));

    // CITES: people and identifiers as tokens, no carriers
    Delivery cites = iv.get("cites-cn");
    assertThat(cites.view().subjects()).extracting(Subject::name).allSatisfy(n -> assertThat(n).startsWith("ps1:"));
    assertThat(cites.manifest().withheld())
        .contains(new WithheldField("/movements/0/carrierRefs", Tlp.AMBER, "cites.withhold-carriers"),
            new WithheldField("/movements/1/carrierRefs", Tlp.AMBER, "cites.withhold-carriers"),
            new WithheldField("/movements/2/carrierRefs", Tlp.AMBER, "cites.withhold-carriers"));
    assertThat(cites.manifest().transformed()).hasSize(5);

    // BLO (GREEN): months, a quantity band, tokens for people and carriers, nothing else of the AMBER subjects
    Delivery blo = iv.get("blo-mohan-boten");
    assertThat(blo.view().movements()).extracting(m -> m.departed()).containsExactly("2026-12", "2026-12", "2026-12");
    assertThat(blo.view().commodities().get(0).quantityBand()).isEqualTo("100-1000");
    assertThat(blo.view().commodities().get(0).quantity()).isNull();
    assertThat(blo.view().subjects()).allSatisfy(s -> {
      assertThat(s.name()).startsWith("ps1:");
      assertThat(s.role()).isNull();
      assertThat(s.nationalities()).isEmpty();
    });
    assertThat(blo.manifest().withheld()).hasSize(16).allSatisfy(w -> assertThat(w.rule()).isEqualTo("builtin.above-clearance"));
    assertThat(blo.manifest().transformed()).extracting(TransformedField::action).containsOnly("pseudonymise", "generalise").hasSize(13);
    String bloJson = Files.readString(dir.resolve("deliveries/blo-mohan-boten/" + ivory.packageId() + ".json"));
    assertThat(bloJson).doesNotContain("Zhang Wei", "E12345678", "Ban Nongbone", "Mengla", "LA 8821", "KQ 886", "QV 314");

    // tiger network, INVESTIGATE: a LA farm, a VN trader (phone RED), a LA company, LA -> VN by road; no BLO on that leg
    DemoRun.Outcome tiger = bySample.get("tiger-network");
    assertThat(tiger.deliveries().keySet())
        .containsExactlyInAnyOrder("ncb-la", "customs-la", "cites-la", "ncb-vn", "customs-vn", "cites-vn");
    assertThat(tiger.deliveries().values()).allSatisfy(d -> {
      assertThat(d.level()).isEqualTo(Tlp.AMBER);
      assertThat(d.manifest().withheld()).containsExactly(new WithheldField("/subjects/1/identifiers", Tlp.RED, "builtin.above-clearance"));
    });
    assertThat(tiger.deliveries().get("customs-vn").manifest().transformed()).hasSize(2);
    assertThat(tiger.deliveries().get("cites-vn").manifest().transformed()).hasSize(5);
    assertThat(tiger.deliveries().get("ncb-vn").manifest().transformed()).isEmpty();

    // online pangolin market, MONITOR_MARKET: CITES management authority and NCB of China only
    DemoRun.Outcome pangolin = bySample.get("pangolin-online-market");
    assertThat(pangolin.deliveries().keySet()).containsExactlyInAnyOrder("ncb-cn", "cites-cn");
    assertThat(pangolin.deliveries().values()).allSatisfy(d -> assertThat(d.level()).isEqualTo(Tlp.AMBER));

    // informant tip, CONTROLLED_DELIVERY TH -> KH: customs and NCB of the two ends only; the source withheld everywhere
    DemoRun.Outcome tip = bySample.get("informant-tip");
    assertThat(tip.deliveries().keySet()).containsExactlyInAnyOrder("ncb-th", "customs-th", "ncb-kh", "customs-kh");
    for (String agency : tip.deliveries().keySet()) {
      assertThat(tip.deliveries().get(agency).manifest().sourcesWithheld()).isEqualTo(1);
      assertThat(paths(tip.deliveries().get(agency))).containsExactly("/sources");
      String opened = Files.readString(dir.resolve("deliveries/" + agency + "/" + tip.packageId() + ".json"));
      assertThat(opened).doesNotContain("LOTUS").doesNotContain("bus conductor");
      assertThat(dir.resolve("deliveries/" + agency + "/" + tip.packageId() + ".p7m")).isNotEmptyFile();
    }

    // version 2 of the ivory shipment, re-routed to Thailand: the agencies of version 1 still on the route get it; the
    // Mohan-Boten BLO (taken version 1, no longer on the route) a SUPERSEDED notice; Thai agencies nothing (originator
    // control), though the policy of the day routes INTERDICT there
    DemoUpdate.Result update = demo.update();
    assertThat(update.receipt().supersedes().toString()).isEqualTo(ivory.packageId());
    assertThat(update.receipt().version()).isEqualTo(2);
    assertThat(update.receipt().deliveries()).extracting(ReceiptDelivery::recipient)
        .containsExactlyInAnyOrderElementsOf(iv.keySet().stream().filter(a -> !a.equals("blo-mohan-boten")).toList());
    assertThat(update.receipt().superseded())
        .extracting(org.wildex.contracts.lifecycle.RecallOutcome::recipient, org.wildex.contracts.lifecycle.RecallOutcome::outcome)
        .containsExactly(tuple("blo-mohan-boten", "EXPOSED"));
    assertThat(update.notice().reason()).isEqualTo(org.wildex.contracts.lifecycle.RecallReason.SUPERSEDED);
    assertThat(update.notice().deliveryId()).isEqualTo(blo.deliveryId());
    assertThat(update.opened().view().supersedes().toString()).isEqualTo(ivory.packageId());
    assertThat(update.keptOut()).containsExactlyInAnyOrder("ncb-th", "customs-th", "cites-th");
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("update: eia re-routed the ivory shipment")
        .contains("blo-mohan-boten  EXPOSED");

    assertThat(update.taken().keySet()).isEqualTo(update.receipt().deliveries().stream().map(ReceiptDelivery::recipient)
        .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)));

    // ncb-vn asks EIA for the buyer's name (a token by a policy rule), EIA approves, ncb-vn opens a new delivery that
    // shows it and proves against the root it already held; nothing else it did not have comes with it
    DemoRelease.Result release = demo.release();
    assertThat(release.request().requester()).isEqualTo("ncb-vn");
    assertThat(release.request().paths()).containsExactly("/subjects/0/name");
    assertThat(release.before().view().subjects().get(0).name()).startsWith("ps1:");
    assertThat(release.released().view().subjects().get(0).name()).isEqualTo("Zhang Wei (alias)");
    assertThat(release.released().view().subjects().get(1).name()).startsWith("ps1:");
    assertThat(release.released().view().subjects().get(0).identifiers()).extracting(Identifier::value)
        .allSatisfy(v -> assertThat(v).startsWith("ps1:"));
    assertThat(release.released().manifest().transformed()).extracting(TransformedField::path).doesNotContain("/subjects/0/name");
    assertThat(release.released().routedBy()).isEqualTo("release:" + release.request().requestId());
    assertThat(release.proof().ok()).isTrue();
    assertThat(release.released().manifest().proof().root()).isEqualTo(release.before().manifest().proof().root());
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("release: ncb-vn asked eia for /subjects/0/name")
        .contains("release: ncb-vn opened the new delivery");

    // the recall of a second tip: customs-kh had taken its delivery (EXPOSED, notice), the other three never see it
    DemoRecall.Result recall = demo.recall();
    assertThat(recall.taker()).isEqualTo("customs-kh");
    assertThat(recall.receipt().reason()).isEqualTo(org.wildex.contracts.lifecycle.RecallReason.SOURCE_AT_RISK);
    assertThat(recall.receipt().recipients())
        .extracting(org.wildex.contracts.lifecycle.RecallOutcome::recipient, org.wildex.contracts.lifecycle.RecallOutcome::outcome)
        .containsExactlyInAnyOrder(tuple("customs-kh", "EXPOSED"), tuple("ncb-kh", "WITHDRAWN"), tuple("ncb-th", "WITHDRAWN"),
            tuple("customs-th", "WITHDRAWN"));
    assertThat(recall.notice().recipient()).isEqualTo("customs-kh");
    assertThat(recall.deliveredAfterRecall()).isEmpty();
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("recall: wcs recalled it (SOURCE_AT_RISK)")
        .contains("customs-kh     EXPOSED");

    // the auditor's oversight of eia over HTTPS counts what eia's packages did in this run
    Oversight oversight = demo.oversight();
    List<DemoRun.Outcome> eiaAccepted = outcomes.stream()
        .filter(o -> o.sender().equals("eia") && o.receipt().status().equals("ACCEPTED")).toList();
    assertThat(oversight.participant()).isEqualTo("eia");
    assertThat(oversight.sent().accepted()).isGreaterThanOrEqualTo(eiaAccepted.size());
    assertThat(oversight.sent().submissions()).isGreaterThanOrEqualTo(oversight.sent().accepted());
    assertThat(oversight.sent().deliveries().values().stream().mapToLong(Long::longValue).sum())
        .isGreaterThanOrEqualTo(eiaAccepted.stream().mapToLong(o -> o.receipt().deliveries().size()).sum());
    assertThat(oversight.recent()).isNotEmpty().allSatisfy(e -> assertThat(
        "eia".equals(e.event().originator()) || "eia".equals(e.event().recipient())).isTrue());
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("auditor's oversight of eia over HTTPS")
        .contains("  sent:      ");

    // malformed: rejected with its reason, delivered nowhere
    DemoRun.Outcome malformed = bySample.get("malformed");
    assertThat(malformed.receipt().status()).isEqualTo("REJECTED");
    assertThat(malformed.receipt().reason()).isEqualTo(ReasonCode.CONTRACT_INVALID);
    assertThat(malformed.deliveries()).isEmpty();

    // commitments: EIA and WCS signed their roots; TRAFFIC sealed as plain openssl would, so the hub computed them
    assertThat(iv.values()).allSatisfy(d -> assertThat(d.manifest().proof().rootSignedBy()).isEqualTo("eia"));
    assertThat(tip.deliveries().values()).allSatisfy(d -> assertThat(d.manifest().proof().rootSignedBy()).isEqualTo("wcs"));
    assertThat(pangolin.deliveries().values()).allSatisfy(d -> assertThat(d.manifest().proof().rootSignedBy()).isNull());
    assertThat(iv.values()).extracting(d -> d.manifest().proof().root()).containsOnly(iv.get("ncb-cn").manifest().proof().root());
    assertThat(iv.values()).allSatisfy(d -> assertThat(d.manifest().policyVersion()).isEqualTo("wildex-default-2026.1"));

    // the same phone (ivory buyer, pangolin seller) and company registration (ivory, tiger), written differently
    assertThat(DemoSharing.pseudonymMatches(outcomes, new Workdir(dir)))
        .extracting(DemoSharing.Match::agency, DemoSharing.Match::samples, DemoSharing.Match::originals)
        .containsExactlyInAnyOrder(
            tuple("cites-cn", List.of("ivory-shipment", "pangolin-online-market"), List.of("+86 138 0000 1234", "138-0000-1234")),
            tuple("cites-la", List.of("ivory-shipment", "tiger-network"), List.of("LA-01-2019-0457", "la 01 2019 0457")),
            tuple("customs-la", List.of("ivory-shipment", "tiger-network"), List.of("LA-01-2019-0457", "la 01 2019 0457")),
            tuple("cites-vn", List.of("ivory-shipment", "tiger-network"), List.of("LA-01-2019-0457", "la 01 2019 0457")),
            tuple("customs-vn", List.of("ivory-shipment", "tiger-network"), List.of("LA-01-2019-0457", "la 01 2019 0457")));

    String out = printed.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("malformed").contains("CONTRACT_INVALID").contains("source protection");
    assertThat(out).contains("ivory-shipment           AMBER+STRICT [ncb-cn, ncb-la, ncb-vn], AMBER [cites-cn, cites-la, cites-vn, customs-cn, customs-la, customs-vn], GREEN [blo-mohan-boten]");
    assertThat(out).contains("proofs: 22 deliveries checked").contains("pseudonyms matching across packages");
    assertThat(dir.resolve("pki/ca.crt.pem")).isNotEmptyFile();
    assertThat(dir.resolve("pki/eia.key.pem")).isNotEmptyFile();
    assertThat(dir.resolve("pki/eia.p12")).isNotEmptyFile();
    assertThat(dir.resolve("pki/pseudonym.key")).isNotEmptyFile();
    assertThat(dir.resolve("policy.yaml")).isNotEmptyFile();
    assertThat(dir.resolve("packages/ivory-shipment.json")).isNotEmptyFile();
  }

  private static List<String> paths(Delivery d) {
    return d.manifest().withheld().stream().map(WithheldField::path).toList();
  }
}
