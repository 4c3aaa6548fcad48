package org.wildex.routes.support;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.wildex.contracts.Tlp;
import org.wildex.contracts.directory.Directory;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.directory.ParticipantKind;
import org.wildex.crypto.pki.DemoPki;

/**
 * A demo PKI plus a directory in a temp folder: {@code dir/pki/*} from {@link DemoPki} and {@code dir/directory.yaml}
 * listing the registered participants. Extra certificates can be issued by the same CA without being registered.
 */
public final class TestPki {

  /** Password of every PKCS#12 file. */
  public static final String PASSWORD = DemoPki.PASSWORD;

  private final Path dir;
  private final Directory directory;

  private TestPki(Path dir, Directory directory) {
    this.dir = dir;
    this.directory = directory;
  }

  /** A registered participant to create. */
  public record Member(String id, ParticipantKind kind, String country) {}

  /**
   * Issues certificates for every member and every id in {@code unregistered} (same CA), and writes a directory that
   * lists only the members.
   */
  public static TestPki create(Path dir, List<Member> members, List<String> unregistered) throws IOException {
    List<DemoPki.Subject> subjects = new ArrayList<>();
    List<Participant> participants = new ArrayList<>();
    for (Member m : members) {
      subjects.add(new DemoPki.Subject(m.id(), "Org " + m.id(), DemoPki.KeyType.EC_P256));
      participants.add(new Participant(m.id(), m.kind(), "Org " + m.id(), List.of(m.country()), Tlp.AMBER,
          "pki/" + m.id() + ".crt.pem"));
    }
    for (String id : unregistered) {
      subjects.add(new DemoPki.Subject(id, "Org " + id, DemoPki.KeyType.EC_P256));
    }
    DemoPki.create(dir.resolve("pki"), subjects);
    Path yaml = dir.resolve("directory.yaml");
    Directory.write(yaml, "pki/ca.crt.pem", "pki/hub.crt.pem", participants);
    return new TestPki(dir, Directory.load(yaml));
  }

  public Directory directory() {
    return directory;
  }

  public Path hubKeyStore() {
    return p12(DemoPki.HUB_ID);
  }

  public Path trustStore() {
    return dir.resolve("pki/truststore.p12");
  }

  /** The PKCS#12 key store (key, certificate, CA) of a subject. */
  public Path p12(String id) {
    return dir.resolve("pki/" + id + ".p12");
  }

  public Path certificatePem(String id) {
    return dir.resolve("pki/" + id + ".crt.pem");
  }
}
