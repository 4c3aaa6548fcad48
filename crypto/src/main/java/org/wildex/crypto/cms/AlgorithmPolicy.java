package org.wildex.crypto.cms;

import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.KeyAgreeRecipientInfo;
import org.bouncycastle.asn1.cms.KeyTransRecipientInfo;
import org.bouncycastle.asn1.cms.RecipientInfo;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAESOAEPparams;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;
import org.wildex.crypto.CryptoException;
import org.wildex.crypto.CryptoFailure;

/**
 * The algorithms wildex accepts in every CMS structure it opens or verifies (submissions, hand-overs between hubs,
 * deliveries and receipts, commitment signatures): this list is the documentation of record.
 *
 * <ul>
 *   <li><b>Content encryption:</b> AES-256-GCM in AuthEnvelopedData only. EnvelopedData (AES-CBC, 3DES, ...) and
 *       AES-128/192-GCM are refused.
 *   <li><b>Key agreement</b> (EC recipients): ephemeral-static ECDH, {@code dhSinglePass-stdDH} with the X9.63 KDF on
 *       SHA-256, SHA-384 or SHA-512 (RFC 5753), the content key wrapped with AES-256 key wrap. SHA-1 and SHA-224 KDFs,
 *       cofactor DH and other key wraps are refused. OpenSSL's default KDF is SHA-1: pass
 *       {@code -keyopt ecdh_kdf_md:sha256}. (A static originator key is not supported by Bouncy Castle: it fails as
 *       {@code DECRYPT_FAILED}.)
 *   <li><b>Key transport</b> (RSA recipients): RSA-OAEP with SHA-256 and MGF1 with SHA-256. PKCS#1 v1.5 and OAEP with
 *       SHA-1 (OpenSSL's defaults) are refused: pass {@code -keyopt rsa_padding_mode:oaep -keyopt rsa_oaep_md:sha256}.
 *       Other recipient kinds (pre-shared KEK, password) are refused.
 *   <li><b>Signatures</b> (SignedData): digest SHA-256, SHA-384 or SHA-512; ECDSA, RSA PKCS#1 v1.5 or RSASSA-PSS (its
 *       hash and MGF1 hash also SHA-256, SHA-384 or SHA-512). SHA-1, MD5 and anything else are refused.
 * </ul>
 *
 * <p>All recipient infos of an envelope are checked, not only the one for the opening key. Refusals are {@link
 * CryptoFailure#ALGORITHM_NOT_ALLOWED}, decided from the AlgorithmIdentifiers alone, before any key agreement,
 * decryption or signature check. {@link Cms} itself only produces what this list allows.
 */
public final class AlgorithmPolicy {
  private static final ASN1ObjectIdentifier CONTENT_CIPHER = NISTObjectIdentifiers.id_aes256_GCM;
  private static final Set<ASN1ObjectIdentifier> KEY_AGREEMENT = Set.of(SECObjectIdentifiers.dhSinglePass_stdDH_sha256kdf_scheme,
      SECObjectIdentifiers.dhSinglePass_stdDH_sha384kdf_scheme, SECObjectIdentifiers.dhSinglePass_stdDH_sha512kdf_scheme);
  private static final ASN1ObjectIdentifier KEY_WRAP = NISTObjectIdentifiers.id_aes256_wrap;
  private static final ASN1ObjectIdentifier OAEP_DIGEST = NISTObjectIdentifiers.id_sha256;
  private static final Set<ASN1ObjectIdentifier> DIGESTS =
      Set.of(NISTObjectIdentifiers.id_sha256, NISTObjectIdentifiers.id_sha384, NISTObjectIdentifiers.id_sha512);
  /** Signature algorithms whose hash is the signer info's digest algorithm, or named in the OID as one of {@link #DIGESTS}. */
  private static final Set<ASN1ObjectIdentifier> SIGNATURES = Set.of(
      X9ObjectIdentifiers.ecdsa_with_SHA256, X9ObjectIdentifiers.ecdsa_with_SHA384, X9ObjectIdentifiers.ecdsa_with_SHA512,
      PKCSObjectIdentifiers.rsaEncryption, PKCSObjectIdentifiers.sha256WithRSAEncryption,
      PKCSObjectIdentifiers.sha384WithRSAEncryption, PKCSObjectIdentifiers.sha512WithRSAEncryption);
  /** Names for refusals where Bouncy Castle's finder has none or a vague one: OpenSSL's defaults. */
  private static final Map<ASN1ObjectIdentifier, String> DEFAULT_NAMES = Map.of(
      X9ObjectIdentifiers.dhSinglePass_stdDH_sha1kdf_scheme, "ECDH with a SHA-1 KDF",
      PKCSObjectIdentifiers.rsaEncryption, "RSA PKCS#1 v1.5");
  private static final DefaultAlgorithmNameFinder NAMES = new DefaultAlgorithmNameFinder();

  private AlgorithmPolicy() {}

  /** Content encryption and every recipient info of an AuthEnvelopedData. */
  static void checkEnvelope(AuthEnvelopedData envelope) throws CryptoException {
    try {
      checkAlgorithms(envelope);
    } catch (RuntimeException e) {
      throw new CryptoException(CryptoFailure.CMS_MALFORMED, "malformed algorithm identifier in enveloped data", e);
    }
  }

  /** Digest and signature algorithm of one signer. */
  static void checkSigner(SignerInformation signer) throws CryptoException {
    try {
      checkAlgorithms(signer);
    } catch (RuntimeException e) {
      throw new CryptoException(CryptoFailure.CMS_MALFORMED, "malformed algorithm identifier in signer info", e);
    }
  }

  private static void checkAlgorithms(AuthEnvelopedData envelope) throws CryptoException {
    AlgorithmIdentifier cipher = envelope.getAuthEncryptedContentInfo().getContentEncryptionAlgorithm();
    require(CONTENT_CIPHER.equals(cipher.getAlgorithm()), "content encryption", cipher, "AES-256-GCM only");
    for (ASN1Encodable element : envelope.getRecipientInfos()) {
      ASN1Encodable info = RecipientInfo.getInstance(element).getInfo();
      if (info instanceof KeyAgreeRecipientInfo agree) {
        AlgorithmIdentifier scheme = agree.getKeyEncryptionAlgorithm();
        require(KEY_AGREEMENT.contains(scheme.getAlgorithm()), "key agreement", scheme, "ECDH with a SHA-256, SHA-384 or SHA-512 KDF");
        AlgorithmIdentifier wrap = AlgorithmIdentifier.getInstance(scheme.getParameters());
        require(KEY_WRAP.equals(wrap.getAlgorithm()), "key wrap", wrap, "AES-256 key wrap only");
      } else if (info instanceof KeyTransRecipientInfo transport) {
        AlgorithmIdentifier alg = transport.getKeyEncryptionAlgorithm();
        boolean oaepSha256 = PKCSObjectIdentifiers.id_RSAES_OAEP.equals(alg.getAlgorithm())
            && oaepSha256(RSAESOAEPparams.getInstance(alg.getParameters()));
        require(oaepSha256, "key transport", alg, "RSA-OAEP with SHA-256 and MGF1 with SHA-256 only");
      } else {
        throw new CryptoException(CryptoFailure.ALGORITHM_NOT_ALLOWED,
            "recipient info " + info.getClass().getSimpleName() + " is not allowed: ECDH key agreement or RSA-OAEP only");
      }
    }
  }

  private static void checkAlgorithms(SignerInformation signer) throws CryptoException {
    AlgorithmIdentifier digest = signer.getDigestAlgorithmID();
    require(DIGESTS.contains(digest.getAlgorithm()), "digest", digest, "SHA-256, SHA-384 or SHA-512");
    AlgorithmIdentifier signature = signer.toASN1Structure().getDigestEncryptionAlgorithm();
    boolean allowed = SIGNATURES.contains(signature.getAlgorithm())
        || PKCSObjectIdentifiers.id_RSASSA_PSS.equals(signature.getAlgorithm())
            && pssSha2(RSASSAPSSparams.getInstance(signature.getParameters()));
    require(allowed, "signature", signature, "ECDSA, RSA or RSA-PSS with SHA-256, SHA-384 or SHA-512");
  }

  private static boolean oaepSha256(RSAESOAEPparams params) {
    return OAEP_DIGEST.equals(params.getHashAlgorithm().getAlgorithm()) && mgf1Of(params.getMaskGenAlgorithm(), Set.of(OAEP_DIGEST));
  }

  private static boolean pssSha2(RSASSAPSSparams params) {
    return DIGESTS.contains(params.getHashAlgorithm().getAlgorithm()) && mgf1Of(params.getMaskGenAlgorithm(), DIGESTS);
  }

  private static boolean mgf1Of(AlgorithmIdentifier maskGen, Set<ASN1ObjectIdentifier> digests) {
    return PKCSObjectIdentifiers.id_mgf1.equals(maskGen.getAlgorithm())
        && digests.contains(AlgorithmIdentifier.getInstance(maskGen.getParameters()).getAlgorithm());
  }

  private static void require(boolean allowed, String what, AlgorithmIdentifier found, String policy) throws CryptoException {
    if (!allowed) {
      throw new CryptoException(CryptoFailure.ALGORITHM_NOT_ALLOWED,
          what + " " + DEFAULT_NAMES.getOrDefault(found.getAlgorithm(), NAMES.getAlgorithmName(found.getAlgorithm()))
              + " is not allowed: " + policy);
    }
  }
}
