package org.wildex.ops.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.wildex.contracts.directory.Directory;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.crypto.Digests;
import org.wildex.crypto.pki.DemoCa;
import org.wildex.crypto.pki.DemoPki;
import org.wildex.crypto.pki.Pem;
import org.wildex.crypto.pki.RetiredCertificates;
import org.wildex.crypto.pki.RevocationList;
import org.wildex.crypto.pseudonym.HmacPseudonymiser;
import org.wildex.ops.Workdir;
import org.wildex.ops.demo.DemoSetup;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wildex pki}: the demo PKI, its certificates, renewals, CA rotation, revocation and the pseudonym secret. */
@Command(name = "pki", mixinStandardHelpOptions = true,
    description = {"PKI tasks: list certificates; with the demo CA (WORKDIR/pki/ca.key.pem) renew, revoke and rotate.",
        "The hub reads certificates and keys at start: restart it after renew, renew-hub, rotate-ca and",
        "rotate-pseudonym-secret (revocations it picks up at once)."},
    subcommands = {PkiCommand.Demo.class, PkiCommand.ListCertificates.class, PkiCommand.Revoke.class, PkiCommand.Renew.class,
        PkiCommand.RenewHub.class, PkiCommand.RotateCa.class, PkiCommand.RotatePseudonymSecret.class})
public final class PkiCommand {

  static String storePassword() {
    return System.getenv().getOrDefault("WILDEX_STORE_PASSWORD", DemoPki.PASSWORD);
  }

  static String sha256(X509Certificate cert) throws IOException {
    try {
      return Digests.sha256Hex(cert.getEncoded());
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IOException("cannot encode " + cert.getSubjectX500Principal(), e);
    }
  }

  /** The revocation list of the workdir's CAs; null when there is none. */
  static RevocationList revocations(Workdir workdir) throws IOException {
    Path crl = workdir.pki().resolve(RevocationList.FILE);
    return Files.isRegularFile(crl) ? RevocationList.load(crl, workdir.cas()) : null;
  }

  /** {@code wildex pki demo --workdir DIR}. */
  @Command(name = "demo", mixinStandardHelpOptions = true,
      description = "Makes a demo CA, hub and participant keys under WORKDIR/pki and WORKDIR/directory.yaml (demo only: keys unencrypted).")
  public static final class Demo implements Callable<Integer> {

    @Mixin WorkdirOptions options;

    @Override
    public Integer call() throws Exception {
      DemoSetup.create(options.workdir());
      System.out.println("demo PKI in " + options.workdir().pki() + ", directory " + options.workdir().directoryFile());
      return WildexCommand.EXIT_OK;
    }
  }

  /** {@code wildex pki list}. */
  @Command(name = "list", mixinStandardHelpOptions = true,
      description = {"Lists the trusted and retired CAs, then the hub's and every participant's certificate of directory.yaml:",
          "which CA issued it (issuing, outgoing during a CA rotation, or untrusted), expiry, fingerprint, revoked or not."})
  public static final class ListCertificates implements Callable<Integer> {

    @Mixin WorkdirOptions options;

    @Option(names = "--json", description = "one JSON object: {cas: [{subject, role, notAfter, sha256}], certificates: [{id,"
        + " kind, subject, issuer, ca, serial, notAfter, sha256, revoked}]}")
    boolean json;

    /** A CA: role {@code issuing}, {@code outgoing} (a rotation is in progress) or {@code retired}. */
    public record Ca(String subject, String role, Instant notAfter, String sha256) {}

    /** A certificate in use; {@code ca} is the role of the CA that issued it, or {@code untrusted}. */
    public record Certificate(String id, String kind, String subject, String issuer, String ca, String serial, Instant notAfter,
        String sha256, boolean revoked) {}

    /** The {@code --json} answer. */
    public record Answer(List<Ca> cas, List<Certificate> certificates) {}

    @Override
    public Integer call() throws Exception {
      Workdir workdir = options.workdir();
      List<X509Certificate> trusted = workdir.cas();
      List<Ca> cas = new ArrayList<>();
      for (int i = 0; i < trusted.size(); i++) {
        X509Certificate c = trusted.get(i);
        cas.add(new Ca(c.getSubjectX500Principal().getName(), i == 0 ? "issuing" : "outgoing", c.getNotAfter().toInstant(), sha256(c)));
      }
      for (X509Certificate c : RetiredCertificates.retired(workdir.caCertificate())) {
        cas.add(new Ca(c.getSubjectX500Principal().getName(), "retired", c.getNotAfter().toInstant(), sha256(c)));
      }
      RevocationList crl = revocations(workdir);
      Map<String, String> kinds = new LinkedHashMap<>();
      kinds.put(DemoPki.HUB_ID, "HUB");
      for (Participant p : Directory.load(workdir.directoryFile()).participants()) {
        kinds.put(p.id(), p.kind().name());
      }
      List<Certificate> certificates = new ArrayList<>();
      for (Map.Entry<String, String> e : kinds.entrySet()) {
        X509Certificate c = Pem.readCertificate(workdir.certificate(e.getKey()));
        String ca = "untrusted";
        for (int i = 0; i < trusted.size(); i++) {
          if (c.getIssuerX500Principal().equals(trusted.get(i).getSubjectX500Principal())) {
            ca = i == 0 ? "issuing" : "outgoing";
            break;
          }
        }
        certificates.add(new Certificate(e.getKey(), e.getValue(), c.getSubjectX500Principal().getName(),
            c.getIssuerX500Principal().getName(), ca, c.getSerialNumber().toString(16), c.getNotAfter().toInstant(), sha256(c),
            crl != null && crl.isRevoked(c)));
      }
      if (json) {
        System.out.println(new String(PackageCodec.toJson(new Answer(cas, certificates)), StandardCharsets.UTF_8));
        return WildexCommand.EXIT_OK;
      }
      System.out.printf("%-9s %-20s %-64s %s%n", "CA", "NOT AFTER", "SHA-256", "SUBJECT");
      for (Ca c : cas) {
        System.out.printf("%-9s %-20s %-64s %s%n", c.role(), c.notAfter(), c.sha256(), c.subject());
      }
      System.out.println();
      System.out.printf("%-18s %-9s %-9s %-20s %-8s %s%n", "ID", "KIND", "CA", "NOT AFTER", "REVOKED", "SUBJECT");
      for (Certificate c : certificates) {
        System.out.printf("%-18s %-9s %-9s %-20s %-8s %s%n", c.id(), c.kind(), c.ca(), c.notAfter(), c.revoked() ? "revoked" : "-",
            c.subject());
      }
      long outgoing = certificates.stream().filter(c -> c.ca().equals("outgoing") && !c.revoked()).count();
      System.out.println(certificates.size() + " certificates" + (trusted.size() > 1
          ? "; CA rotation in progress: " + outgoing + " in use still from the outgoing CA" : ""));
      return WildexCommand.EXIT_OK;
    }
  }

  /** {@code wildex pki revoke --workdir DIR ID}. */
  @Command(name = "revoke", mixinStandardHelpOptions = true,
      description = {"The demo CA revokes a participant's certificate: adds it to WORKDIR/pki/ca.crl.pem.",
          "A running hub re-reads the CRL and refuses that participant on its next connection or submission."})
  public static final class Revoke implements Callable<Integer> {

    @Mixin WorkdirOptions options;

    @Parameters(paramLabel = "ID", description = "participant id whose certificate (WORKDIR/pki/ID.crt.pem) to revoke")
    String id;

    @Override
    public Integer call() throws Exception {
      Path pki = options.workdir().pki();
      RevocationList.revoke(pki, Pem.readCertificate(options.workdir().certificate(id)));
      System.out.println("revoked " + id + " in " + pki.resolve(RevocationList.FILE));
      return WildexCommand.EXIT_OK;
    }
  }

  /** {@code wildex pki renew ID... | --all}. */
  @Command(name = "renew", mixinStandardHelpOptions = true,
      description = {"The demo CA renews participants: a new key of the same kind and a certificate for the same subject",
          "from the issuing CA (the new one during a CA rotation); pki/ID.crt.pem, ID.key.pem and ID.p12 (password changeit)",
          "are replaced, the old certificate is revoked and kept in pki/ID.retired.crt.pem. Restart the hub to use them.",
          "Deliveries still queued for a participant were encrypted to its old key: fetch them before renewing."})
  public static final class Renew implements Callable<Integer> {

    @Mixin WorkdirOptions options;

    static final class Which {
      @Parameters(paramLabel = "ID", arity = "1..*", description = "participant ids")
      List<String> ids;

      @Option(names = "--all", required = true, description = "every participant of directory.yaml whose certificate is not revoked")
      boolean all;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    @Option(names = "--keep-old", description = "do not revoke the old certificates (a routine renewal before expiry)")
    boolean keepOld;

    @Override
    public Integer call() throws Exception {
      Workdir workdir = options.workdir();
      Directory directory = Directory.load(workdir.directoryFile());
      List<String> ids = new ArrayList<>();
      if (which.all) {
        RevocationList crl = revocations(workdir);
        for (Participant p : directory.participants()) {
          if (crl != null && crl.isRevoked(Pem.readCertificate(workdir.certificate(p.id())))) {
            System.out.println("skipped " + p.id() + ": its certificate is revoked (renew it by name to admit it again)");
          } else {
            ids.add(p.id());
          }
        }
      } else {
        for (String id : which.ids) {
          if (directory.find(id).isEmpty()) {
            throw new IllegalArgumentException("'" + id + "' is not in " + workdir.directoryFile()
                + (id.equals(DemoPki.HUB_ID) ? " (the hub's own: `wildex pki renew-hub`)" : ""));
          }
          ids.add(id);
        }
      }
      for (String id : ids) {
        DemoCa.Renewal r = DemoCa.renew(workdir.pki(), id, DemoPki.PASSWORD.toCharArray());
        if (!keepOld) {
          RevocationList.revoke(workdir.pki(), r.previous());
        }
        System.out.println("renewed " + id + ": serial " + r.current().getSerialNumber().toString(16) + " from "
            + r.current().getIssuerX500Principal().getName() + (keepOld ? "" : "; the old certificate is revoked"));
      }
      System.out.println(ids.size() + " renewed; restart the hub to use the new certificates");
      return WildexCommand.EXIT_OK;
    }
  }

  /** {@code wildex pki renew-hub [--key K --cert C]}. */
  @Command(name = "renew-hub", mixinStandardHelpOptions = true,
      description = {"Renews the hub's key and certificate: from the demo CA (a new EC key, same subject and host names), or",
          "installs --key and --cert your own CA issued. Writes pki/hub.p12 (WILDEX_STORE_PASSWORD), hub.key.pem and",
          "hub.crt.pem; the old certificate goes to pki/hub.retired.crt.pem, where `wildex audit verify`, `fetch` and",
          "`open` find it for what it signed, and the old key to pki/hub.retired.key.pem, with which the hub still opens",
          "packages sealed to the old certificate. Give participants the new hub.crt.pem, then restart the hub; delete",
          "pki/hub.retired.key.pem and restart to refuse the old key (NOT_ENCRYPTED_FOR_HUB)."})
  public static final class RenewHub implements Callable<Integer> {

    @Mixin WorkdirOptions options;

    @Option(names = "--key", paramLabel = "KEY.pem", description = "the new private key (PKCS#8 or traditional PEM, unencrypted)")
    Path key;

    @Option(names = "--cert", paramLabel = "CERT.pem", description = "its certificate, issued by a CA in pki/ca.crt.pem")
    Path cert;

    @Override
    public Integer call() throws Exception {
      if ((key == null) != (cert == null)) {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--key and --cert go together");
      }
      Path pki = options.workdir().pki();
      char[] password = storePassword().toCharArray();
      DemoCa.Renewal r = cert == null ? DemoCa.renew(pki, DemoPki.HUB_ID, password)
          : DemoCa.install(pki, DemoPki.HUB_ID, Pem.readCertificate(cert), Pem.readPrivateKey(key), password);
      System.out.println("hub certificate renewed: serial " + r.current().getSerialNumber().toString(16) + " from "
          + r.current().getIssuerX500Principal().getName() + ", SHA-256 " + sha256(r.current()));
      System.out.println("the old one is kept in " + RetiredCertificates.fileFor(options.workdir().certificate(DemoPki.HUB_ID))
          + "; give participants the new pki/hub.crt.pem, then restart the hub");
      return WildexCommand.EXIT_OK;
    }
  }

  /** {@code wildex pki rotate-ca [--finish]}. */
  @Command(name = "rotate-ca", mixinStandardHelpOptions = true,
      description = {"Rotates the demo CA in two steps with an overlap. Without --finish: a new CA key and certificate that",
          "issue from now on; pki/ca.crt.pem and pki/truststore.p12 hold the new CA and the outgoing one, so after a",
          "restart the hub accepts certificates from either. Every participant must trust the new pki/ca.crt.pem before",
          "the hub's certificate or theirs comes from the new CA. Then renew (`wildex pki renew-hub`, `wildex pki renew",
          "--all`), restart, and --finish: only the new CA stays trusted, the old one goes to pki/ca.retired.crt.pem (to",
          "verify older audit checkpoints), its key and CRL are deleted. --finish refuses while a certificate in use (hub,",
          "participants not revoked) still comes from the outgoing CA."})
  public static final class RotateCa implements Callable<Integer> {

    @Mixin WorkdirOptions options;

    @Option(names = "--finish", description = "end the overlap: trust only the new CA")
    boolean finish;

    @Override
    public Integer call() throws Exception {
      Workdir workdir = options.workdir();
      char[] password = storePassword().toCharArray();
      if (!finish) {
        X509Certificate ca = DemoCa.beginRotation(workdir.pki(), password);
        System.out.println("new CA " + ca.getSubjectX500Principal().getName() + ", SHA-256 " + sha256(ca));
        System.out.println(workdir.caCertificate() + " and " + workdir.trustStore() + " now hold the new and the outgoing CA;"
            + " restart the hub, give every participant the new ca.crt.pem, then renew (`wildex pki renew-hub`,"
            + " `wildex pki renew --all`), restart, and `wildex pki rotate-ca --finish`");
        return WildexCommand.EXIT_OK;
      }
      Map<String, X509Certificate> inUse = new LinkedHashMap<>();
      inUse.put(DemoPki.HUB_ID, workdir.hubCertificate());
      RevocationList crl = revocations(workdir);
      for (Participant p : Directory.load(workdir.directoryFile()).participants()) {
        X509Certificate c = Pem.readCertificate(workdir.certificate(p.id()));
        if (crl == null || !crl.isRevoked(c)) {
          inUse.put(p.id(), c);
        }
      }
      X509Certificate retired = DemoCa.finishRotation(workdir.pki(), password, inUse);
      System.out.println("retired CA " + retired.getSubjectX500Principal().getName() + " (kept in "
          + RetiredCertificates.fileFor(workdir.caCertificate()) + "); " + workdir.caCertificate() + " and "
          + workdir.trustStore() + " hold only " + workdir.ca().getSubjectX500Principal().getName() + "; restart the hub");
      return WildexCommand.EXIT_OK;
    }
  }

  /** {@code wildex pki rotate-pseudonym-secret}. */
  @Command(name = "rotate-pseudonym-secret", mixinStandardHelpOptions = true,
      description = {"Replaces the hub's pseudonym secret (pki/pseudonym.key) with 32 fresh random bytes and prints the key",
          "ids (the hub logs the one it runs with: pseudonymKeyId in event=POLICY_LOADED). Restart the hub. Every token",
          "changes: deliveries made before and after no longer link. Rotate when the secret leaked. The old secret is",
          "overwritten (backups still hold it). With WILDEX_PSEUDONYM_SECRET set, put a new secret there instead."})
  public static final class RotatePseudonymSecret implements Callable<Integer> {

    @Mixin WorkdirOptions options;

    @Override
    public Integer call() throws Exception {
      String env = System.getenv(HmacPseudonymiser.ENV);
      if (env != null && !env.isBlank()) {
        throw new IllegalStateException(HmacPseudonymiser.ENV + " is set, so the hub does not read pki/"
            + DemoPki.PSEUDONYM_KEY + ": put a new secret there instead (e.g. `openssl rand -base64 32`) and restart the hub");
      }
      Path file = options.workdir().pki().resolve(DemoPki.PSEUDONYM_KEY);
      String before = Files.isRegularFile(file) ? HmacPseudonymiser.load(file).keyId() : "none";
      Path fresh = file.resolveSibling(DemoPki.PSEUDONYM_KEY + ".new");
      HmacPseudonymiser.writeNewSecret(fresh);
      String after = HmacPseudonymiser.load(fresh).keyId();
      Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      System.out.println("pseudonym secret replaced in " + file + ": key id " + before + " -> " + after);
      System.out.println("restart the hub (its log then shows pseudonymKeyId=" + after + "); every token changes from then on");
      return WildexCommand.EXIT_OK;
    }
  }
}
