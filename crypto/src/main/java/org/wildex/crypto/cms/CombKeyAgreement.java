package org.wildex.crypto.cms;

import java.io.IOException;
import java.math.BigInteger;
import java.security.Key;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.KeyAgreeRecipientIdentifier;
import org.bouncycastle.asn1.cms.RecipientEncryptedKey;
import org.bouncycastle.asn1.cms.ecc.ECCCMSSharedInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.KeyAgreeRecipientInfoGenerator;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.RFC3394WrapEngine;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.generators.KDF2BytesGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.KDFParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.operator.GenericKey;
import org.bouncycastle.util.Pack;

/**
 * The KeyAgreeRecipientInfo of ephemeral-static ECDH for one EC recipient (RFC 5753: dhSinglePass-stdDH-sha256kdf-scheme,
 * ECC-CMS-SharedInfo through the X9.63 KDF with SHA-256, aes256-wrap), as Bouncy Castle's
 * {@code JceKeyAgreeRecipientInfoGenerator} makes it, with one difference in how the shared point is computed.
 *
 * <p>BC's JCE agreement multiplies the recipient's point by a windowed NAF: about 256 doublings per message, because the
 * point is decoded afresh from the certificate each time. A recipient's key is the same for every delivery to it, so
 * here its point is kept (one per certificate) and multiplied with a fixed-point comb, whose table BC computes once and
 * keeps on the point: about 43 doublings and 43 additions per message, the same method BC uses for the generator in
 * every signature and key generation. The result is the same point; only the work differs.
 */
final class CombKeyAgreement extends KeyAgreeRecipientInfoGenerator {
  private static final int MAX_CACHED_RECIPIENTS = 1024;
  private static final int KEK_BYTES = 32;
  private static final Map<X509Certificate, ECPublicKeyParameters> RECIPIENT_POINTS = new ConcurrentHashMap<>();
  private static final FixedPointCombMultiplier COMB = new FixedPointCombMultiplier();

  private final ECPublicKeyParameters recipientKey;
  private final ECPrivateKeyParameters ephemeral;
  private final KeyAgreeRecipientIdentifier recipientId;

  private CombKeyAgreement(ECPublicKeyParameters recipientKey, AsymmetricCipherKeyPair ephemeral,
      KeyAgreeRecipientIdentifier recipientId) throws IOException {
    super(CMSAlgorithm.ECDH_SHA256KDF,
        SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(ephemeral.getPublic()), CMSAlgorithm.AES256_WRAP);
    this.recipientKey = recipientKey;
    this.ephemeral = (ECPrivateKeyParameters) ephemeral.getPrivate();
    this.recipientId = recipientId;
  }

  /** A generator for one message to {@code recipient} (an EC key on a named curve), with a fresh ephemeral key. */
  static CombKeyAgreement to(X509Certificate recipient, SecureRandom random) throws CertificateEncodingException, IOException {
    ECPublicKeyParameters key = recipientPoint(recipient);
    ECKeyPairGenerator generator = new ECKeyPairGenerator();
    generator.init(new ECKeyGenerationParameters(key.getParameters(), random));
    IssuerAndSerialNumber id = new IssuerAndSerialNumber(
        X500Name.getInstance(recipient.getIssuerX500Principal().getEncoded()), recipient.getSerialNumber());
    return new CombKeyAgreement(key, generator.generateKeyPair(), new KeyAgreeRecipientIdentifier(id));
  }

  @Override
  protected ASN1Sequence generateRecipientEncryptedKeys(AlgorithmIdentifier keyAgreeAlgorithm,
      AlgorithmIdentifier keyEncryptionAlgorithm, GenericKey contentEncryptionKey) throws CMSException {
    try {
      ECDomainParameters domain = recipientKey.getParameters();
      BigInteger d = ephemeral.getD();
      ECPoint shared = COMB.multiply(recipientKey.getQ(), d.mod(domain.getN())).normalize();
      if (shared.isInfinity()) {
        throw new CMSException("ECDH gave the point at infinity");
      }
      byte[] z = shared.getAffineXCoord().getEncoded();
      // RFC 5753 section 7.2: ECC-CMS-SharedInfo { keyInfo, suppPubInfo = key length in bits }, then ANSI X9.63 KDF
      byte[] sharedInfo = new ECCCMSSharedInfo(keyEncryptionAlgorithm, Pack.intToBigEndian(KEK_BYTES * 8))
          .getEncoded(ASN1Encoding.DER);
      KDF2BytesGenerator kdf = new KDF2BytesGenerator(SHA256Digest.newInstance());
      kdf.init(new KDFParameters(z, sharedInfo));
      byte[] kek = new byte[KEK_BYTES];
      kdf.generateBytes(kek, 0, kek.length);
      RFC3394WrapEngine wrap = new RFC3394WrapEngine(AESEngine.newInstance());
      wrap.init(true, new KeyParameter(kek));
      Object representation = contentEncryptionKey.getRepresentation();
      byte[] cek = representation instanceof byte[] bytes ? bytes : ((Key) representation).getEncoded();
      byte[] wrapped = wrap.wrap(cek, 0, cek.length);
      return new DERSequence(new RecipientEncryptedKey(recipientId, new DEROctetString(wrapped)));
    } catch (IOException | RuntimeException e) {
      throw new CMSException("cannot perform the ECDH agreement step: " + e.getClass().getSimpleName(), e);
    }
  }

  @Override
  protected byte[] getUserKeyingMaterial(AlgorithmIdentifier keyAgreeAlgorithm) {
    return null; // no ukm, as BC's generator without one and openssl: the ephemeral key makes each KEK unique
  }

  /** The recipient's public point, decoded once per certificate so the comb table BC keeps on it is reused. */
  private static ECPublicKeyParameters recipientPoint(X509Certificate recipient) throws IOException {
    ECPublicKeyParameters key = RECIPIENT_POINTS.get(recipient);
    if (key == null) {
      key = (ECPublicKeyParameters) PublicKeyFactory.createKey(
          SubjectPublicKeyInfo.getInstance(recipient.getPublicKey().getEncoded()));
      if (!(key.getParameters() instanceof ECNamedDomainParameters)) {
        throw new IOException("recipient EC key must use a named curve");
      }
      if (RECIPIENT_POINTS.size() < MAX_CACHED_RECIPIENTS) {
        RECIPIENT_POINTS.put(recipient, key);
      }
    }
    return key;
  }
}
