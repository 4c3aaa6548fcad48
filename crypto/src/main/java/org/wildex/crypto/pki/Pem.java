package org.wildex.crypto.pki;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.wildex.crypto.Providers;

/** Reads and writes X.509 certificates and unencrypted PKCS#8 private keys as PEM files. */
public final class Pem {
  private static final Base64.Encoder BASE64 =
      Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

  private Pem() {}

  /** The first certificate in a PEM file. */
  public static X509Certificate readCertificate(Path file) throws IOException {
    List<X509Certificate> certs = readCertificates(file);
    if (certs.isEmpty()) {
      throw new IOException("no PEM certificate in " + file);
    }
    return certs.get(0);
  }

  /** Every certificate in a PEM file, in file order (other PEM blocks and text are skipped). */
  public static List<X509Certificate> readCertificates(Path file) throws IOException {
    List<X509Certificate> certs = new ArrayList<>();
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(r)) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        if (o instanceof X509CertificateHolder holder) {
          certs.add(converter.getCertificate(holder));
        }
      }
    } catch (CertificateException | RuntimeException e) {
      throw new IOException("unreadable certificate in " + file, e);
    }
    return certs;
  }

  /** An unencrypted private key: PKCS#8 ({@code PRIVATE KEY}) or traditional OpenSSL ({@code EC/RSA PRIVATE KEY}). */
  public static PrivateKey readPrivateKey(Path file) throws IOException {
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(Providers.BC);
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(r)) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        if (o instanceof PrivateKeyInfo info) {
          return converter.getPrivateKey(info);
        }
        if (o instanceof PEMKeyPair pair) {
          return converter.getPrivateKey(pair.getPrivateKeyInfo());
        }
      }
    } catch (RuntimeException e) {
      throw new IOException("unreadable private key in " + file, e);
    }
    throw new IOException("no unencrypted private key in " + file);
  }

  /** Every unencrypted private key in a PEM file, in file order. */
  public static List<PrivateKey> readPrivateKeys(Path file) throws IOException {
    List<PrivateKey> keys = new ArrayList<>();
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(Providers.BC);
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(r)) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        if (o instanceof PrivateKeyInfo info) {
          keys.add(converter.getPrivateKey(info));
        } else if (o instanceof PEMKeyPair pair) {
          keys.add(converter.getPrivateKey(pair.getPrivateKeyInfo()));
        }
      }
    } catch (RuntimeException e) {
      throw new IOException("unreadable private key in " + file, e);
    }
    return keys;
  }

  /** Writes one certificate as PEM, replacing the file. */
  public static void writeCertificate(Path file, X509Certificate cert) throws IOException {
    try {
      Files.writeString(file, encode("CERTIFICATE", cert.getEncoded()), StandardCharsets.US_ASCII);
    } catch (CertificateException e) {
      throw new IOException("certificate cannot be encoded", e);
    }
  }

  /** Writes certificates as one PEM file (a bundle, in list order), replacing the file. */
  public static void writeCertificates(Path file, List<X509Certificate> certs) throws IOException {
    StringBuilder pem = new StringBuilder();
    try {
      for (X509Certificate cert : certs) {
        pem.append(encode("CERTIFICATE", cert.getEncoded()));
      }
    } catch (CertificateException e) {
      throw new IOException("certificate cannot be encoded", e);
    }
    Files.writeString(file, pem, StandardCharsets.US_ASCII);
  }

  /** Writes a private key as unencrypted PKCS#8 PEM, owner-only where the file system allows it. */
  public static void writePrivateKey(Path file, PrivateKey key) throws IOException {
    writePrivateKeys(file, List.of(key));
  }

  /** Writes private keys as unencrypted PKCS#8 PEM blocks in one file, owner-only where the file system allows it. */
  public static void writePrivateKeys(Path file, List<PrivateKey> keys) throws IOException {
    StringBuilder text = new StringBuilder();
    keys.forEach(k -> text.append(encode("PRIVATE KEY", k.getEncoded())));
    byte[] pem = text.toString().getBytes(StandardCharsets.US_ASCII);
    Files.deleteIfExists(file);
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    Files.write(file, pem, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
  }

  /** PEM text for one DER block. */
  static String encode(String label, byte[] der) {
    StringWriter w = new StringWriter();
    w.append("-----BEGIN ").append(label).append("-----\n");
    w.append(BASE64.encodeToString(der)).append('\n');
    w.append("-----END ").append(label).append("-----\n");
    return w.toString();
  }
}
