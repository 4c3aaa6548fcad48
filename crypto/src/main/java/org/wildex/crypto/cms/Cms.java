package org.wildex.crypto.cms;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Object;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.GCMParameters;
import org.bouncycastle.asn1.cms.RecipientInfo;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAESOAEPparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultCMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.KeyAgreeRecipientInformation;
import org.bouncycastle.cms.KeyTransRecipientInformation;
import org.bouncycastle.cms.RecipientInfoGenerator;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.operator.jcajce.JceGenericKey;
import org.wildex.crypto.CryptoException;
import org.wildex.crypto.CryptoFailure;
import org.wildex.crypto.Providers;
import org.wildex.crypto.pki.KeyHolder;

/**
 * CMS (RFC 5652) seal and open: SignedData inside AuthEnvelopedData (AES-256-GCM), interoperable with {@code openssl cms}.
 * Thread-safe; all methods are static.
 */
public final class Cms {
  /** An opened package: the signed content and the certificate that signed it (not yet checked for trust). */
  public record Opened(byte[] content, X509Certificate signer) {}

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int AES_256_KEY_BYTES = 32;
  private static final int GCM_NONCE_BYTES = 12;
  private static final int GCM_TAG_BYTES = 16;
  /** SunJCE's AES-GCM, one per thread (a Cipher is not thread-safe; looking one up per message costs a provider search). */
  private static final ThreadLocal<Cipher> AES_GCM = ThreadLocal.withInitial(() -> {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding", Providers.SUN_JCE);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM/NoPadding is not available", e);
    }
  });
  private static final byte[] DATA = encoded(CMSObjectIdentifiers.data);
  private static final byte[] SIGNED_DATA = encoded(CMSObjectIdentifiers.signedData);
  private static final byte[] AUTH_ENVELOPED_DATA = encoded(CMSObjectIdentifiers.authEnvelopedData);
  private static final byte[] VERSION_0 = encoded(new ASN1Integer(0));
  private static final byte[] VERSION_1 = encoded(new ASN1Integer(1));
  /** Bytes a CMS structure adds around its content (certificate, signer info, recipient info, tags), for buffer sizing. */
  private static final int ENCODING_SLACK = 4096;
  private static final int MAX_CACHED_SIGNERS = 256;
  private static final Map<X509Certificate, X509CertificateHolder> SIGNER_HOLDERS = new ConcurrentHashMap<>();
  private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
  private static volatile SigningTime signingTime = new SigningTime(-1, null);
  /**
   * Verifiers by the signer's public key (its SubjectPublicKeyInfo): converting the key costs more than checking an
   * ECDSA signature's encoding, and BC keeps the precomputed multiples of a key's point on the key, so a kept key
   * verifies with less work from the second signature on. Trust is the caller's check, never this cache's.
   */
  private static final Map<ByteBuffer, ContentVerifierProvider> VERIFIERS = new ConcurrentHashMap<>();
  private static final DigestCalculatorProvider DIGESTS = digests();
  private static final DefaultCMSSignatureAlgorithmNameGenerator SIGNATURE_NAMES = new DefaultCMSSignatureAlgorithmNameGenerator();
  private static final DefaultSignatureAlgorithmIdentifierFinder SIGNATURE_IDS = new DefaultSignatureAlgorithmIdentifierFinder();
  private static final AlgorithmIdentifier SHA256 = new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE);
  private static final AlgorithmIdentifier RSA_OAEP_SHA256 = new AlgorithmIdentifier(PKCSObjectIdentifiers.id_RSAES_OAEP,
      new RSAESOAEPparams(SHA256, new AlgorithmIdentifier(PKCSObjectIdentifiers.id_mgf1, SHA256), RSAESOAEPparams.DEFAULT_P_SOURCE_ALGORITHM));

  private Cms() {}

  /**
   * As {@link #open(byte[], KeyHolder)} with the first of {@code keys} the message is sealed to: the current key, then
   * keys a renewal retired (a message may have waited in a queue while its recipient's key was renewed).
   */
  public static Opened open(byte[] der, List<KeyHolder> keys) throws CryptoException {
    CryptoException notMine = null;
    for (KeyHolder key : keys) {
      try {
        return open(der, key);
      } catch (CryptoException e) {
        if (e.failure() != CryptoFailure.NOT_ENCRYPTED_FOR_HUB) {
          throw e;
        }
        notMine = notMine == null ? e : notMine;
      }
    }
    if (notMine == null) {
      throw new IllegalArgumentException("no key to open with");
    }
    throw notMine;
  }

  /**
   * Signs (SignedData, SHA-256, signer certificate included, content attached) then encrypts to {@code recipient}; DER.
   * The SignedData is written straight into the place of its ciphertext in the envelope and encrypted there: one array
   * per seal, the content copied once.
   */
  public static byte[] seal(byte[] content, KeyHolder signer, X509Certificate recipient) throws CryptoException {
    Signed signed = signed(content, signer);
    return envelope(signed.length(), recipient, der -> signed.writeTo(der, content));
  }

  /** Decrypts with the recipient's key, then verifies the inner SignedData; does not check that the signer is trusted. */
  public static Opened open(byte[] der, KeyHolder recipient) throws CryptoException {
    byte[] inner = decrypt(der, recipient);
    try {
      return verify(inner);
    } catch (CryptoException e) {
      if (e.failure() == CryptoFailure.NOT_CMS) {
        throw new CryptoException(CryptoFailure.NOT_SIGNED, "encrypted content is not a CMS signed-data", e);
      }
      throw e;
    }
  }

  /** SignedData over {@code content}: SHA-256 with ECDSA or RSA (PKCS#1 v1.5) by key type, signer certificate included; DER. */
  public static byte[] sign(byte[] content, KeyHolder signer) throws CryptoException {
    Signed signed = signed(content, signer);
    Der der = new Der(signed.length());
    signed.writeTo(der, content);
    return der.done();
  }

  /**
   * The parts of a SignedData over some content, encoded by Bouncy Castle, and the sizes of the layers around them:
   * {@code ContentInfo { signedData, [0] SignedData { 1, {sha-256}, { data, [0] OCTET STRING content }, [0] {certificate},
   * {signerInfo} } }}.
   */
  private record Signed(byte[] digestAlgorithms, byte[] certificate, byte[] signerInfos, int contentLength) {

    int encapsulated() {
      return DATA.length + Der.tlv(Der.tlv(contentLength));
    }

    int signedData() {
      return VERSION_1.length + digestAlgorithms.length + Der.tlv(encapsulated()) + Der.tlv(certificate.length)
          + signerInfos.length;
    }

    int contentInfo() {
      return SIGNED_DATA.length + Der.tlv(Der.tlv(signedData()));
    }

    /** Bytes of the whole SignedData. */
    int length() {
      return Der.tlv(contentInfo());
    }

    void writeTo(Der der, byte[] content) {
      der.header(Der.SEQUENCE, contentInfo()).raw(SIGNED_DATA)
          .header(Der.CONTEXT_0_CONSTRUCTED, Der.tlv(signedData())).header(Der.SEQUENCE, signedData())
          .raw(VERSION_1).raw(digestAlgorithms)
          .header(Der.SEQUENCE, encapsulated()).raw(DATA)
          .header(Der.CONTEXT_0_CONSTRUCTED, Der.tlv(contentLength)).header(Der.OCTET_STRING, contentLength).raw(content)
          .header(Der.CONTEXT_0_CONSTRUCTED, certificate.length).raw(certificate)
          .raw(signerInfos);
    }
  }

  private static Signed signed(byte[] content, KeyHolder signer) throws CryptoException {
    try {
      SignerInfoGenerator generator = signerInfoGenerator(signer);
      try (OutputStream digest = generator.getCalculatingOutputStream()) {
        digest.write(content);
      }
      SignerInfo info = generator.generate(CMSObjectIdentifiers.data);
      return new Signed(new DERSet(info.getDigestAlgorithm()).getEncoded(ASN1Encoding.DER),
          generator.getAssociatedCertificate().getEncoded(), new DERSet(info).getEncoded(ASN1Encoding.DER), content.length);
    } catch (OperatorCreationException | CertificateException | CMSException | IOException | RuntimeException e) {
      throw new CryptoException(CryptoFailure.INTERNAL_ERROR, "signing failed: " + e.getClass().getSimpleName(), e);
    }
  }

  /**
   * AuthEnvelopedData (AES-256-GCM) of {@code content} for one recipient: EC key → ephemeral-static ECDH with
   * dhSinglePass-stdDH-sha256kdf + aes256-wrap; RSA key → RSA-OAEP (SHA-256) key transport; DER.
   */
  public static byte[] encrypt(byte[] content, X509Certificate recipient) throws CryptoException {
    return envelope(content.length, recipient, der -> der.raw(content));
  }

  /**
   * AuthEnvelopedData of {@code length} bytes of plaintext, which {@code plaintext} writes into the envelope where their
   * ciphertext goes; the cipher then encrypts them in place (a {@code Cipher} is copy-safe).
   */
  private static byte[] envelope(int length, X509Certificate recipient, Consumer<Der> plaintext) throws CryptoException {
    try {
      byte[] nonce = new byte[GCM_NONCE_BYTES];
      byte[] key = new byte[AES_256_KEY_BYTES];
      RANDOM.nextBytes(nonce);
      RANDOM.nextBytes(key);
      SecretKey contentKey = new SecretKeySpec(key, "AES");
      AlgorithmIdentifier algorithm =
          new AlgorithmIdentifier(NISTObjectIdentifiers.id_aes256_GCM, new GCMParameters(nonce, GCM_TAG_BYTES));
      RecipientInfo recipientInfo = recipientInfo(recipient).generate(new JceGenericKey(algorithm, contentKey));
      Cipher cipher = AES_GCM.get();
      cipher.init(Cipher.ENCRYPT_MODE, contentKey, new GCMParameterSpec(GCM_TAG_BYTES * 8, nonce));
      byte[] recipientInfos = new DERSet(recipientInfo).getEncoded(ASN1Encoding.DER);
      byte[] algorithmDer = algorithm.getEncoded(ASN1Encoding.DER);
      // ContentInfo { authEnvelopedData, [0] AuthEnvelopedData { 0, {recipientInfo}, { data, aes256-GCM, [0] ciphertext }, tag } }
      int encrypted = DATA.length + algorithmDer.length + Der.tlv(length);
      int authEnveloped = VERSION_0.length + recipientInfos.length + Der.tlv(encrypted) + Der.tlv(GCM_TAG_BYTES);
      int contentInfo = AUTH_ENVELOPED_DATA.length + Der.tlv(Der.tlv(authEnveloped));
      Der der = new Der(Der.tlv(contentInfo))
          .header(Der.SEQUENCE, contentInfo).raw(AUTH_ENVELOPED_DATA)
          .header(Der.CONTEXT_0_CONSTRUCTED, Der.tlv(authEnveloped)).header(Der.SEQUENCE, authEnveloped)
          .raw(VERSION_0).raw(recipientInfos)
          .header(Der.SEQUENCE, encrypted).raw(DATA).raw(algorithmDer)
          .header(Der.CONTEXT_0_PRIMITIVE, length);
      int at = der.position();
      plaintext.accept(der);
      if (der.position() != at + length) {
        throw new IllegalStateException("plaintext of " + (der.position() - at) + " bytes where " + length + " were sized");
      }
      // the cipher writes ciphertext then tag in place; the tag moves on by the two bytes of its OCTET STRING header
      int written = cipher.doFinal(der.array(), at, length, der.array(), at);
      if (written != length + GCM_TAG_BYTES) {
        throw new IllegalStateException("AES-GCM wrote " + written + " bytes for " + length);
      }
      System.arraycopy(der.array(), at + length, der.array(), at + length + 2, GCM_TAG_BYTES);
      return der.header(Der.OCTET_STRING, GCM_TAG_BYTES).skip(GCM_TAG_BYTES).done();
    } catch (CMSException | GeneralSecurityException | IOException | RuntimeException e) {
      throw new CryptoException(CryptoFailure.INTERNAL_ERROR, "encryption failed: " + e.getClass().getSimpleName(), e);
    }
  }

  /**
   * Decrypts AuthEnvelopedData addressed to the holder's certificate (issuer and serial or key id), after checking its
   * algorithms against {@link AlgorithmPolicy}.
   */
  public static byte[] decrypt(byte[] der, KeyHolder recipient) throws CryptoException {
    ContentInfo info = parse(der);
    AuthEnvelopedData enveloped = authEnveloped(info);
    AlgorithmPolicy.checkEnvelope(enveloped);
    Collection<RecipientInformation> recipients;
    try {
      recipients = new CMSAuthEnvelopedData(info).getRecipientInfos().getRecipients();
    } catch (CMSException | RuntimeException e) {
      throw new CryptoException(CryptoFailure.CMS_MALFORMED, "malformed enveloped data", e);
    }
    X509CertificateHolder me = holder(recipient.certificate());
    RecipientInformation mine = recipients.stream().filter(r -> r.getRID().match(me)).findFirst()
        .orElseThrow(() -> new CryptoException(CryptoFailure.NOT_ENCRYPTED_FOR_HUB,
            "none of " + recipients.size() + " recipient infos names this certificate"));
    if (!(mine instanceof KeyAgreeRecipientInformation || mine instanceof KeyTransRecipientInformation)) {
      throw new CryptoException(CryptoFailure.NOT_ENCRYPTED_FOR_HUB, "unsupported recipient info " + mine.getClass().getSimpleName());
    }
    try {
      return SunGcmRecipients.decrypt(mine, recipient.privateKey(), enveloped, AES_GCM.get());
    } catch (CMSException | GeneralSecurityException | IOException | RuntimeException e) {
      throw new CryptoException(CryptoFailure.DECRYPT_FAILED, "decryption failed", e);
    }
  }

  /** Verifies a SignedData with exactly one signer whose certificate it carries; returns the attached content and that certificate. */
  public static Opened verify(byte[] signedDer) throws CryptoException {
    ContentInfo info = parse(signedDer);
    if (!CMSObjectIdentifiers.signedData.equals(info.getContentType())) {
      throw new CryptoException(CryptoFailure.NOT_SIGNED, "CMS content type " + info.getContentType() + " is not signed-data");
    }
    CMSSignedData signed;
    Collection<SignerInformation> signers;
    try {
      signed = new CMSSignedData(info);
      signers = signed.getSignerInfos().getSigners();
    } catch (CMSException | RuntimeException e) {
      throw new CryptoException(CryptoFailure.CMS_MALFORMED, "malformed signed data", e);
    }
    if (signers.isEmpty()) {
      throw new CryptoException(CryptoFailure.NOT_SIGNED, "signed data has no signer");
    }
    if (signers.size() != 1) {
      throw new CryptoException(CryptoFailure.SIGNATURE_INVALID, "expected exactly one signer, found " + signers.size());
    }
    if (signed.getSignedContent() == null || !(signed.getSignedContent().getContent() instanceof byte[] content)) {
      throw new CryptoException(CryptoFailure.CMS_MALFORMED, "signed data has no attached octet content");
    }
    SignerInformation signer = signers.iterator().next();
    X509CertificateHolder cert = signerCertificate(signed, signer);
    try {
      // Verify against the bare public key: certificate validity is the caller's CertificateCheck, reported as CERT_EXPIRED etc.
      SignerInformationVerifier verifier = new SignerInformationVerifier(SIGNATURE_NAMES, SIGNATURE_IDS,
          verifierFor(cert), DIGESTS);
      if (!signer.verify(verifier)) {
        throw new CryptoException(CryptoFailure.SIGNATURE_INVALID, "signature does not verify");
      }
      return new Opened(content, new JcaX509CertificateConverter().getCertificate(cert));
    } catch (CMSException | OperatorCreationException | CertificateException | RuntimeException e) {
      throw new CryptoException(CryptoFailure.SIGNATURE_INVALID, "signature does not verify", e);
    }
  }

  /**
   * Detached SignedData over {@code content} (the content itself is not inside): SHA-256 with ECDSA or RSA, signer
   * certificate included; DER. {@code openssl cms -verify -binary -inform DER -content FILE} checks it.
   */
  public static byte[] signDetached(byte[] content, KeyHolder signer) throws CryptoException {
    try {
      SignerInfoGenerator generator = signerInfoGenerator(signer);
      CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
      gen.addSignerInfoGenerator(generator);
      gen.addCertificate(generator.getAssociatedCertificate());
      return der(gen.generate(new CMSProcessableByteArray(content), false).toASN1Structure(), ENCODING_SLACK);
    } catch (OperatorCreationException | CertificateException | CMSException | IOException | RuntimeException e) {
      throw new CryptoException(CryptoFailure.INTERNAL_ERROR, "signing failed: " + e.getClass().getSimpleName(), e);
    }
  }

  /**
   * Verifies a detached SignedData with exactly one signer over {@code content}; returns the signer's certificate (not
   * yet checked for trust).
   */
  public static X509Certificate verifyDetached(byte[] signatureDer, byte[] content) throws CryptoException {
    ContentInfo info = parse(signatureDer);
    if (!CMSObjectIdentifiers.signedData.equals(info.getContentType())) {
      throw new CryptoException(CryptoFailure.NOT_SIGNED, "CMS content type " + info.getContentType() + " is not signed-data");
    }
    CMSSignedData signed;
    Collection<SignerInformation> signers;
    try {
      signed = new CMSSignedData(new CMSProcessableByteArray(content), info);
      signers = signed.getSignerInfos().getSigners();
    } catch (CMSException | RuntimeException e) {
      throw new CryptoException(CryptoFailure.CMS_MALFORMED, "malformed signed data", e);
    }
    if (signers.size() != 1) {
      throw new CryptoException(CryptoFailure.SIGNATURE_INVALID, "expected exactly one signer, found " + signers.size());
    }
    SignerInformation signer = signers.iterator().next();
    X509CertificateHolder cert = signerCertificate(signed, signer);
    try {
      SignerInformationVerifier verifier = new SignerInformationVerifier(SIGNATURE_NAMES, SIGNATURE_IDS,
          verifierFor(cert), DIGESTS);
      if (!signer.verify(verifier)) {
        throw new CryptoException(CryptoFailure.SIGNATURE_INVALID, "signature does not verify");
      }
      return new JcaX509CertificateConverter().getCertificate(cert);
    } catch (CMSException | OperatorCreationException | CertificateException | RuntimeException e) {
      throw new CryptoException(CryptoFailure.SIGNATURE_INVALID, "signature does not verify", e);
    }
  }

  /**
   * Cheap gate before queueing: the bytes must be one DER/BER ContentInfo holding auth-enveloped-data whose algorithms
   * {@link AlgorithmPolicy} allows.
   */
  public static void checkStructure(byte[] der) throws CryptoException {
    AlgorithmPolicy.checkEnvelope(authEnveloped(parse(der)));
  }

  // ---------------------------------------------------------------------------------------------------------------

  /** The hub's (or an NGO's) signer: SHA-256 with its key, signed attributes, its certificate as the signer's id. */
  private static SignerInfoGenerator signerInfoGenerator(KeyHolder signer)
      throws OperatorCreationException, CertificateException, IOException {
    PrivateKey key = signer.privateKey();
    var contentSigner = new JcaContentSignerBuilder(signatureAlgorithm(key)).setProvider(Providers.BC).build(key);
    return new JcaSignerInfoGeneratorBuilder(DIGESTS)
        .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(signingTime()))
        .build(contentSigner, cachedHolder(signer.certificate()));
  }

  /**
   * The signingTime attribute (a UTCTime, as RFC 5652 asks until 2049), the same for every signature within one second.
   * Left to it, Bouncy Castle formats the time and parses it back with a new {@code SimpleDateFormat} for every
   * signature (15 % of a signature's samples); here it is formatted once a second and decoded from its DER without a
   * parse.
   */
  private static AttributeTable signingTime() throws IOException {
    long second = System.currentTimeMillis() / 1000;
    SigningTime current = signingTime;
    if (current.second() != second) {
      byte[] text = UTC_TIME.format(Instant.ofEpochSecond(second)).getBytes(StandardCharsets.US_ASCII);
      byte[] der = new byte[2 + text.length];
      der[0] = BERTags.UTC_TIME;
      der[1] = (byte) text.length;
      System.arraycopy(text, 0, der, 2, text.length);
      Time time = Time.getInstance(ASN1UTCTime.getInstance(der));
      current = signingTime = new SigningTime(second, new AttributeTable(new Attribute(CMSAttributes.signingTime, new DERSet(time))));
    }
    return current.attributes();
  }

  private record SigningTime(long second, AttributeTable attributes) {}

  private static RecipientInfoGenerator recipientInfo(X509Certificate recipient) throws GeneralSecurityException, IOException {
    PublicKey key = recipient.getPublicKey();
    switch (key.getAlgorithm()) {
      case "EC", "ECDSA", "ECDH" -> {
        return CombKeyAgreement.to(recipient, RANDOM);
      }
      case "RSA" -> {
        return new JceKeyTransRecipientInfoGenerator(recipient, RSA_OAEP_SHA256).setProvider(Providers.BC);
      }
      default -> throw new GeneralSecurityException("unsupported recipient key algorithm " + key.getAlgorithm());
    }
  }

  /** The certificate {@code signed} carries for {@code signer}, once the signer's algorithms passed {@link AlgorithmPolicy}. */
  private static X509CertificateHolder signerCertificate(CMSSignedData signed, SignerInformation signer) throws CryptoException {
    AlgorithmPolicy.checkSigner(signer);
    @SuppressWarnings("unchecked")
    Collection<X509CertificateHolder> certs = signed.getCertificates().getMatches(signer.getSID());
    if (certs.isEmpty()) {
      throw new CryptoException(CryptoFailure.SIGNER_CERT_MISSING, "the signer's certificate is not included in the signed data");
    }
    if (certs.size() != 1) {
      throw new CryptoException(CryptoFailure.SIGNATURE_INVALID, "more than one included certificate matches the signer");
    }
    return certs.iterator().next();
  }

  /** The AuthEnvelopedData inside; EnvelopedData (CBC, 3DES) is ALGORITHM_NOT_ALLOWED, other content types NOT_CMS. */
  private static AuthEnvelopedData authEnveloped(ContentInfo info) throws CryptoException {
    ASN1ObjectIdentifier type = info.getContentType();
    if (CMSObjectIdentifiers.envelopedData.equals(type)) {
      throw new CryptoException(CryptoFailure.ALGORITHM_NOT_ALLOWED,
          "enveloped-data (CBC or older ciphers) is not allowed: AES-256-GCM auth-enveloped-data only");
    }
    if (!CMSObjectIdentifiers.authEnvelopedData.equals(type)) {
      throw new CryptoException(CryptoFailure.NOT_CMS, "CMS content type " + type + " is not enveloped-data or auth-enveloped-data");
    }
    try {
      return AuthEnvelopedData.getInstance(info.getContent());
    } catch (RuntimeException e) {
      throw new CryptoException(CryptoFailure.CMS_MALFORMED, "malformed enveloped data", e);
    }
  }

  private static String signatureAlgorithm(PrivateKey key) throws OperatorCreationException {
    return switch (key.getAlgorithm()) {
      case "EC", "ECDSA" -> "SHA256withECDSA";
      case "RSA" -> "SHA256withRSA";
      default -> throw new OperatorCreationException("unsupported signing key algorithm " + key.getAlgorithm());
    };
  }

  /**
   * Parses one ContentInfo. Bytes that do not even start like a CMS ContentInfo (SEQUENCE, then a PKCS#7 / S/MIME
   * content-type OID) are NOT_CMS; anything that starts like one but does not parse (e.g. truncated) is CMS_MALFORMED.
   */
  static ContentInfo parse(byte[] der) throws CryptoException {
    if (der == null || der.length == 0) {
      throw new CryptoException(CryptoFailure.NOT_CMS, "empty input");
    }
    ASN1ObjectIdentifier type = peekContentType(der);
    if (type == null || !(type.on(PKCSObjectIdentifiers.pkcs_7) || type.on(PKCSObjectIdentifiers.id_ct))) {
      throw new CryptoException(CryptoFailure.NOT_CMS, "input does not start with a CMS ContentInfo");
    }
    try {
      return ContentInfo.getInstance(ASN1Primitive.fromByteArray(der));
    } catch (IOException | RuntimeException e) {
      throw new CryptoException(CryptoFailure.CMS_MALFORMED, "CMS " + type + " does not parse", e);
    }
  }

  /** The content-type OID right after the outer SEQUENCE header, or null if the bytes are not shaped like that. */
  private static ASN1ObjectIdentifier peekContentType(byte[] b) {
    if (b.length < 4 || (b[0] & 0xff) != 0x30) {
      return null;
    }
    int i = 2;
    int len = b[1] & 0xff;
    if (len > 0x80) {
      int n = len & 0x7f;
      if (n > 4) {
        return null;
      }
      i += n;
    }
    if (i + 2 > b.length || b[i] != 0x06) {
      return null;
    }
    int oidLen = b[i + 1] & 0xff;
    if (oidLen == 0 || oidLen >= 0x80 || i + 2 + oidLen > b.length) {
      return null;
    }
    try {
      return ASN1ObjectIdentifier.getInstance(ASN1Primitive.fromByteArray(Arrays.copyOfRange(b, i, i + 2 + oidLen)));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * DER of {@code structure} written once into a buffer sized for it ({@code getEncoded()} grows its buffer from 32
   * bytes by doubling, copying a delivery-sized array about ten times per call).
   */
  private static byte[] der(ASN1Object structure, int sizeHint) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(sizeHint);
    structure.encodeTo(out, ASN1Encoding.DER);
    return out.toByteArray();
  }

  /** The parsed form of a signing certificate, kept: the hub signs every delivery and receipt with the same one. */
  private static ContentVerifierProvider verifierFor(X509CertificateHolder cert) throws OperatorCreationException {
    SubjectPublicKeyInfo key = cert.getSubjectPublicKeyInfo();
    ByteBuffer id;
    try {
      id = ByteBuffer.wrap(key.getEncoded(ASN1Encoding.DER));
    } catch (IOException e) {
      throw new OperatorCreationException("the signer's public key cannot be encoded", e);
    }
    ContentVerifierProvider verifier = VERIFIERS.get(id);
    if (verifier == null) {
      verifier = new JcaContentVerifierProviderBuilder().setProvider(Providers.BC).build(key);
      if (VERIFIERS.size() < MAX_CACHED_SIGNERS) {
        VERIFIERS.put(id, verifier);
      }
    }
    return verifier;
  }

  private static X509CertificateHolder cachedHolder(X509Certificate cert) throws CertificateException {
    X509CertificateHolder holder = SIGNER_HOLDERS.get(cert);
    if (holder == null) {
      holder = new JcaX509CertificateHolder(cert);
      if (SIGNER_HOLDERS.size() < MAX_CACHED_SIGNERS) {
        SIGNER_HOLDERS.put(cert, holder);
      }
    }
    return holder;
  }

  private static X509CertificateHolder holder(X509Certificate cert) throws CryptoException {
    try {
      return new JcaX509CertificateHolder(cert);
    } catch (CertificateException e) {
      throw new CryptoException(CryptoFailure.INTERNAL_ERROR, "own certificate cannot be encoded", e);
    }
  }

  private static byte[] encoded(ASN1Object object) {
    try {
      return object.getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static DigestCalculatorProvider digests() {
    try {
      return new JcaDigestCalculatorProviderBuilder().build(); // JDK default providers: SUN's SHA-2 (intrinsics)
    } catch (OperatorCreationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
