package org.wildex.crypto.pki;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.wildex.crypto.Providers;
import org.wildex.crypto.pseudonym.HmacPseudonymiser;

/** Makes a self-contained demo PKI (CA, hub and participant certificates, PEM and PKCS#12 files) for demos and tests. */
public final class DemoPki {
  /** Password of every PKCS#12 file the demo PKI writes. */
  public static final String PASSWORD = "changeit";

  /** Id of the hub's certificate; added with an EC key unless the subject list names it. */
  public static final String HUB_ID = "hub";

  /** File name (in the PKI folder) of the hub's pseudonym secret, written with the demo PKI. */
  public static final String PSEUDONYM_KEY = "pseudonym.key";

  /** Distinguished name of the demo CA. */
  public static final String CA_DN = "CN=wildex demo CA, O=wildex";

  /** Key algorithm of a subject. */
  public enum KeyType {
    EC_P256,
    RSA_2048
  }

  /** One certificate to issue: subject DN {@code CN=<id>, O=<organisation>}; the id also names the files. */
  public record Subject(String id, String organisation, KeyType keyType) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public Subject {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(organisation, "organisation");
      Objects.requireNonNull(keyType, "keyType");
      if (!ID.matcher(id).matches() || "ca".equals(id) || "truststore".equals(id)) {
        throw new IllegalArgumentException("subject id must be a plain file-name token other than ca/truststore: " + id);
      }
    }
  }

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration BACKDATE = Duration.ofHours(1);
  private static final Duration LEAF_VALIDITY = Duration.ofDays(730);
  private static final Duration CA_VALIDITY = Duration.ofDays(3650);

  private DemoPki() {}

  /**
   * Writes into {@code pkiDir}: {@code ca.crt.pem}, {@code ca.key.pem}, {@code truststore.p12} (CA only), and for the hub
   * and every subject {@code <id>.crt.pem}, {@code <id>.key.pem} (PKCS#8) and {@code <id>.p12} (alias = id, key + cert + CA),
   * and the hub's pseudonym secret {@value #PSEUDONYM_KEY}. Existing files of those names are replaced.
   */
  public static void create(Path pkiDir, List<Subject> subjects) throws IOException {
    List<Subject> all = new ArrayList<>();
    if (subjects.stream().noneMatch(s -> s.id().equals(HUB_ID))) {
      all.add(new Subject(HUB_ID, "wildex hub", KeyType.EC_P256));
    }
    all.addAll(subjects);
    if (all.stream().map(Subject::id).distinct().count() != all.size()) {
      throw new IllegalArgumentException("subject ids must be unique");
    }
    Files.createDirectories(pkiDir);
    try {
      Instant now = Instant.now();
      KeyPair caKeys = generate(KeyType.EC_P256);
      X500Principal caName = new X500Principal(CA_DN);
      X509Certificate ca = caCertificate(caName, caKeys, now);
      Pem.writeCertificate(pkiDir.resolve("ca.crt.pem"), ca);
      Pem.writePrivateKey(pkiDir.resolve("ca.key.pem"), caKeys.getPrivate());
      writeTrustStore(pkiDir.resolve("truststore.p12"), List.of(ca), PASSWORD.toCharArray());
      for (Subject s : all) {
        KeyPair keys = generate(s.keyType());
        X509Certificate cert = leafCertificate(new X500Principal(distinguishedName(s.id(), s.organisation())),
            keys.getPublic(), s.id().equals(HUB_ID), ca, caKeys.getPrivate(), now);
        Pem.writeCertificate(pkiDir.resolve(s.id() + ".crt.pem"), cert);
        Pem.writePrivateKey(pkiDir.resolve(s.id() + ".key.pem"), keys.getPrivate());
        writeKeyStore(pkiDir.resolve(s.id() + ".p12"), s.id(), keys.getPrivate(), cert, ca, PASSWORD.toCharArray());
      }
      HmacPseudonymiser.writeNewSecret(pkiDir.resolve(PSEUDONYM_KEY));
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IOException("demo PKI generation failed", e);
    }
  }

  /** The DN string for a subject, with RFC 4514 escaping of the organisation and id. */
  public static String distinguishedName(String id, String organisation) {
    return "CN=" + escape(id) + ", O=" + escape(organisation);
  }

  static KeyPair generate(KeyType type) throws GeneralSecurityException {
    KeyPairGenerator g;
    if (type == KeyType.EC_P256) {
      g = KeyPairGenerator.getInstance("EC", Providers.BC);
      g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    } else {
      g = KeyPairGenerator.getInstance("RSA"); // the JDK's generator finds 2048-bit primes faster than BC's
      g.initialize(2048, RANDOM);
    }
    return g.generateKeyPair();
  }

  static X509Certificate caCertificate(X500Principal name, KeyPair keys, Instant now)
      throws GeneralSecurityException, OperatorCreationException, CertIOException {
    JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
    X509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(name, serial(), date(now.minus(BACKDATE)), date(now.plus(CA_VALIDITY)), name, keys.getPublic())
            .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
            .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
            .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
    return sign(b, keys.getPrivate());
  }

  /** A participant's (or, with {@code hub}, the hub's: names localhost and 127.0.0.1) certificate issued by {@code ca}. */
  static X509Certificate leafCertificate(X500Principal subject, PublicKey key, boolean hub, X509Certificate ca, PrivateKey caKey,
      Instant now) throws GeneralSecurityException, OperatorCreationException, CertIOException {
    JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
    int usage = KeyUsage.digitalSignature | (key.getAlgorithm().startsWith("EC") ? KeyUsage.keyAgreement : KeyUsage.keyEncipherment);
    X509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(ca.getSubjectX500Principal(), serial(), date(now.minus(BACKDATE)), date(now.plus(LEAF_VALIDITY)),
                subject, key)
            .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
            .addExtension(Extension.keyUsage, true, new KeyUsage(usage))
            .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
                KeyPurposeId.id_kp_emailProtection, KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth}))
            .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key))
            .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca));
    if (hub) {
      b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
          new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
    }
    return sign(b, caKey);
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey issuerKey)
      throws GeneralSecurityException, OperatorCreationException {
    ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").setProvider(Providers.BC).build(issuerKey);
    return new JcaX509CertificateConverter().getCertificate(b.build(signer));
  }

  /** A PKCS#12 trust store of the CAs (aliases {@code ca}, {@code ca-2}, ...), replacing the file. */
  static void writeTrustStore(Path file, List<X509Certificate> cas, char[] password) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    for (int i = 0; i < cas.size(); i++) {
      store.setCertificateEntry(i == 0 ? "ca" : "ca-" + (i + 1), cas.get(i));
    }
    save(store, file, password);
  }

  /** A PKCS#12 key store with one key entry (key, certificate and its CA), key and store under one password. */
  static void writeKeyStore(Path file, String alias, PrivateKey key, X509Certificate cert, X509Certificate ca, char[] password)
      throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry(alias, key, password, new Certificate[] {cert, ca});
    save(store, file, password);
  }

  private static void save(KeyStore store, Path file, char[] password) throws IOException, GeneralSecurityException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (OutputStream out = Files.newOutputStream(tmp)) {
      store.store(out, password);
    }
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private static BigInteger serial() {
    return new BigInteger(127, RANDOM).add(BigInteger.ONE);
  }

  private static Date date(Instant t) {
    return Date.from(t.atOffset(ZoneOffset.UTC).withNano(0).toInstant());
  }

  private static String escape(String value) {
    StringBuilder sb = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean special = ",+\"\\<>;=".indexOf(c) >= 0
          || (i == 0 && (c == ' ' || c == '#'))
          || (i == value.length() - 1 && c == ' ');
      if (special) {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }
}
