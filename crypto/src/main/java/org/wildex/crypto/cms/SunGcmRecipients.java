package org.wildex.crypto.cms;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.EncryptedContentInfo;
import org.bouncycastle.asn1.cms.GCMParameters;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.KeyAgreeRecipientInformation;
import org.bouncycastle.cms.KeyTransRecipientInformation;
import org.bouncycastle.cms.Recipient;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.RecipientOperator;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipient;
import org.bouncycastle.operator.InputAEADDecryptor;
import org.wildex.crypto.Providers;

/**
 * Opens AuthEnvelopedData: BC's recipients unwrap the content key (ECDH + AES key wrap, or RSA-OAEP), SunJCE decrypts
 * and authenticates the content with one AES-GCM {@code doFinal} over the parsed octets (AES-NI). BC's own AuthEnveloped
 * recipients look the GCM cipher up by OID, which SunJCE does not register, and BC's content stream copies the content
 * several times over.
 */
final class SunGcmRecipients {
  private static final Set<ASN1ObjectIdentifier> GCM = Set.of(CMSAlgorithm.AES128_GCM, CMSAlgorithm.AES192_GCM, CMSAlgorithm.AES256_GCM);
  private static final int MIN_TAG_BYTES = 12;

  private SunGcmRecipients() {}

  /** The content of {@code enveloped}, decrypted for {@code mine} with {@code key}; the tag is checked. */
  static byte[] decrypt(RecipientInformation mine, PrivateKey key, AuthEnvelopedData enveloped, Cipher cipher)
      throws CMSException, GeneralSecurityException, IOException {
    Key[] contentKey = new Key[1];
    Recipient recipient;
    if (mine instanceof KeyAgreeRecipientInformation) {
      recipient = new JceKeyAgreeRecipient(key) {
        @Override
        public RecipientOperator getRecipientOperator(AlgorithmIdentifier keyEncAlg, AlgorithmIdentifier contentAlg,
            SubjectPublicKeyInfo senderKey, ASN1OctetString ukm, byte[] encryptedKey) throws CMSException {
          checkGcm(contentAlg);
          contentKey[0] = extractSecretKey(keyEncAlg, contentAlg, senderKey, ukm, encryptedKey);
          return new RecipientOperator(new Unread(contentAlg));
        }
      }.setProvider(Providers.BC);
    } else if (mine instanceof KeyTransRecipientInformation) {
      recipient = new JceKeyTransRecipient(key) {
        @Override
        public RecipientOperator getRecipientOperator(AlgorithmIdentifier keyEncAlg, AlgorithmIdentifier contentAlg,
            byte[] encryptedKey) throws CMSException {
          checkGcm(contentAlg);
          contentKey[0] = extractSecretKey(keyEncAlg, contentAlg, encryptedKey);
          return new RecipientOperator(new Unread(contentAlg));
        }
      }.setProvider(Providers.BC);
    } else {
      throw new CMSException("unsupported recipient info " + mine.getClass().getSimpleName());
    }
    // BC unwraps the content key as it prepares the content stream; the stream itself is never read
    mine.getContentStream(recipient);
    EncryptedContentInfo content = enveloped.getAuthEncryptedContentInfo();
    AlgorithmIdentifier algorithm = content.getContentEncryptionAlgorithm();
    checkGcm(algorithm);
    GCMParameters params = GCMParameters.getInstance(algorithm.getParameters());
    byte[] tag = enveloped.getMac().getOctets();
    if (params.getIcvLen() < MIN_TAG_BYTES || tag.length != params.getIcvLen()) {
      throw new CMSException("GCM tag of " + tag.length + " bytes where " + params.getIcvLen() + " (at least "
          + MIN_TAG_BYTES + ") are announced");
    }
    if (content.getEncryptedContent() == null || contentKey[0] == null) {
      throw new CMSException("no encrypted content, or no content key");
    }
    byte[] ciphertext = content.getEncryptedContent().getOctets();
    cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(contentKey[0].getEncoded(), "AES"),
        new GCMParameterSpec(tag.length * 8, params.getNonce()));
    if (enveloped.getAuthAttrs() != null) {
      // RFC 5083: the authenticated attributes' DER encoding, SET OF tag, are the additional authenticated data
      cipher.updateAAD(enveloped.getAuthAttrs().getEncoded(ASN1Encoding.DER));
    }
    byte[] input = Arrays.copyOf(ciphertext, ciphertext.length + tag.length);
    System.arraycopy(tag, 0, input, ciphertext.length, tag.length);
    return cipher.doFinal(input);
  }

  private static void checkGcm(AlgorithmIdentifier contentAlg) throws CMSException {
    if (!GCM.contains(contentAlg.getAlgorithm())) {
      throw new CMSException("content encryption " + contentAlg.getAlgorithm() + " is not AES-GCM");
    }
  }

  /** What BC asks of an AEAD recipient while it prepares the content stream, which {@link #decrypt} never reads. */
  private record Unread(AlgorithmIdentifier getAlgorithmIdentifier) implements InputAEADDecryptor {
    @Override
    public InputStream getInputStream(InputStream in) {
      return in;
    }

    @Override
    public OutputStream getAADStream() {
      return OutputStream.nullOutputStream();
    }

    @Override
    public byte[] getMAC() {
      return null;
    }
  }
}
