package org.wildex.ops.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.wildex.contracts.Tlp;
import org.wildex.contracts.directory.Directory;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.directory.ParticipantKind;
import org.wildex.contracts.policy.Policy;
import org.wildex.crypto.pki.DemoPki;
import org.wildex.crypto.pki.DemoPki.KeyType;
import org.wildex.ops.Workdir;

/**
 * The demo's participants, PKI and policy: three NGOs, an NCB (clearance AMBER+STRICT), customs and CITES management
 * authority (AMBER) for each of CN, LA, TH, VN and KH, two Border Liaison Offices (GREEN), and an auditor; the default
 * sharing policy as {@code policy.yaml}. One NGO and one agency use RSA keys, the rest EC P-256.
 */
public final class DemoSetup {

  static final List<String> COUNTRIES = List.of("CN", "LA", "TH", "VN", "KH");

  private DemoSetup() {}

  public static List<Participant> participants() {
    List<Participant> all = new ArrayList<>();
    all.add(ngo("eia", "Environmental Investigation Agency", "GB"));
    all.add(ngo("traffic", "TRAFFIC", "GB"));
    all.add(ngo("wcs", "Wildlife Conservation Society", "US"));
    for (String cc : COUNTRIES) {
      String c = cc.toLowerCase();
      all.add(participant("ncb-" + c, ParticipantKind.NCB, "INTERPOL NCB " + cc, List.of(cc), Tlp.AMBER_STRICT));
      all.add(participant("customs-" + c, ParticipantKind.CUSTOMS, "Customs " + cc, List.of(cc), Tlp.AMBER));
      all.add(participant("cites-" + c, ParticipantKind.CITES_MA, "CITES Management Authority " + cc, List.of(cc), Tlp.AMBER));
    }
    all.add(participant("blo-mohan-boten", ParticipantKind.BLO, "Border Liaison Office Mohan-Boten", List.of("CN", "LA"), Tlp.GREEN));
    all.add(participant("blo-hekou-laocai", ParticipantKind.BLO, "Border Liaison Office Hekou-Lao Cai", List.of("CN", "VN"), Tlp.GREEN));
    all.add(participant("auditor", ParticipantKind.AUDITOR, "Exchange auditor", List.of(), Tlp.CLEAR));
    return all;
  }

  /**
   * Writes {@code pki/} (with the hub's pseudonym secret {@code pki/pseudonym.key}), {@code directory.yaml} and the
   * default sharing policy {@code policy.yaml} under the workdir, replacing any earlier demo set-up.
   */
  public static void create(Workdir workdir) throws IOException {
    Files.createDirectories(workdir.pki());
    List<DemoPki.Subject> subjects = new ArrayList<>();
    for (Participant p : participants()) {
      KeyType type = p.id().equals("traffic") || p.id().equals("customs-th") ? KeyType.RSA_2048 : KeyType.EC_P256;
      subjects.add(new DemoPki.Subject(p.id(), p.name(), type));
    }
    DemoPki.create(workdir.pki(), subjects);
    Directory.write(workdir.directoryFile(), "pki/ca.crt.pem", "pki/hub.crt.pem", participants());
    Files.writeString(workdir.root().resolve("policy.yaml"), Policy.defaultText());
  }

  private static Participant ngo(String id, String name, String country) {
    return participant(id, ParticipantKind.NGO, name, List.of(country), Tlp.AMBER);
  }

  private static Participant participant(String id, ParticipantKind kind, String name, List<String> countries, Tlp clearance) {
    return new Participant(id, kind, name, countries, clearance, "pki/" + id + ".crt.pem");
  }
}
