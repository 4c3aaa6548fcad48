package org.wildex.crypto.cms;

import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.cms.GCMParameters;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.InputStreamWithMAC;
import org.bouncycastle.cms.Recipient;
import org.bouncycastle.cms.RecipientOperator;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipient;
import org.bouncycastle.jcajce.io.CipherInputStream;
import org.bouncycastle.operator.InputAEADDecryptor;
import org.wildex.crypto.Providers;

/**
 * AuthEnvelopedData recipients that unwrap the content key with BC but decrypt AES-GCM with SunJCE (AES-NI).
 * BC's own AuthEnveloped recipients look the GCM cipher up by OID, which SunJCE does not register.
 */
final class SunGcmRecipients {
  private static final Set<ASN1ObjectIdentifier> GCM = Set.of(CMSAlgorithm.AES128_GCM, CMSAlgorithm.AES192_GCM, CMSAlgorithm.AES256_GCM);
  private static final int MIN_TAG_BYTES = 12;

  private SunGcmRecipients() {}

  static Recipient keyAgree(PrivateKey key) {
    return new JceKeyAgreeRecipient(key) {
      @Override
      public RecipientOperator getRecipientOperator(AlgorithmIdentifier keyEncAlg, AlgorithmIdentifier contentAlg,
          SubjectPublicKeyInfo senderKey, ASN1OctetString ukm, byte[] encryptedKey) throws CMSException {
        checkGcm(contentAlg);
        return operator(contentAlg, extractSecretKey(keyEncAlg, contentAlg, senderKey, ukm, encryptedKey));
      }
    }.setProvider(Providers.BC);
  }

  static Recipient keyTrans(PrivateKey key) {
    return new JceKeyTransRecipient(key) {
      @Override
      public RecipientOperator getRecipientOperator(AlgorithmIdentifier keyEncAlg, AlgorithmIdentifier contentAlg, byte[] encryptedKey)
          throws CMSException {
        checkGcm(contentAlg);
        return operator(contentAlg, extractSecretKey(keyEncAlg, contentAlg, encryptedKey));
      }
    }.setProvider(Providers.BC);
  }

  private static void checkGcm(AlgorithmIdentifier contentAlg) throws CMSException {
    if (!GCM.contains(contentAlg.getAlgorithm())) {
      throw new CMSException("content encryption " + contentAlg.getAlgorithm() + " is not AES-GCM");
    }
  }

  private static RecipientOperator operator(AlgorithmIdentifier contentAlg, Key contentKey) throws CMSException {
    try {
      GCMParameters params = GCMParameters.getInstance(contentAlg.getParameters());
      if (params.getIcvLen() < MIN_TAG_BYTES) {
        throw new CMSException("GCM tag of " + params.getIcvLen() + " bytes is too short");
      }
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", Providers.SUN_JCE);
      cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(contentKey.getEncoded(), "AES"),
          new GCMParameterSpec(params.getIcvLen() * 8, params.getNonce()));
      return new RecipientOperator(new Decryptor(contentAlg, cipher));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new CMSException("cannot initialise AES-GCM: " + e.getClass().getSimpleName(), e);
    }
  }

  /** Feeds ciphertext (with the tag appended by BC's InputStreamWithMAC) and any authenticated attributes to the cipher. */
  private static final class Decryptor implements InputAEADDecryptor {
    private final AlgorithmIdentifier algorithm;
    private final Cipher cipher;
    private InputStream input;

    Decryptor(AlgorithmIdentifier algorithm, Cipher cipher) {
      this.algorithm = algorithm;
      this.cipher = cipher;
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
      return algorithm;
    }

    @Override
    public InputStream getInputStream(InputStream in) {
      this.input = in;
      return new CipherInputStream(in, cipher);
    }

    @Override
    public OutputStream getAADStream() {
      return new OutputStream() {
        @Override
        public void write(int b) {
          cipher.updateAAD(new byte[] {(byte) b});
        }

        @Override
        public void write(byte[] b, int off, int len) {
          cipher.updateAAD(b, off, len);
        }
      };
    }

    @Override
    public byte[] getMAC() {
      return input instanceof InputStreamWithMAC withMac ? withMac.getMAC() : null;
    }
  }
}
