package org.wildex.crypto.cms;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import java.util.HashSet;
import java.util.Set;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.KeyAgreeRecipientInfo;
import org.bouncycastle.asn1.cms.RecipientInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JceKeyAgreeAuthEnvelopedRecipient;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wildex.crypto.Providers;

/**
 * The comb agreement must give every recipient exactly the key-encryption key the standard one gives: each envelope
 * {@link Cms#encrypt} makes is opened here by Bouncy Castle's stock recipient (its JCE ECDH, windowed NAF, its own KDF
 * and unwrap), on the curves participants use, again and again to the same certificate (the kept point and its table
 * are reused from the second message on).
 */
class CombKeyAgreementTest {
  private static final byte[] CONTENT = "{\"title\":\"rhino horn, Maputo to Hanoi\"}".getBytes(StandardCharsets.UTF_8);

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"secp256r1", "secp384r1", "secp521r1"})
  void every_envelope_opens_with_bouncy_castles_stock_recipient(String curve) throws Exception {
    KeyPair recipient = keyPair(curve);
    X509Certificate certificate = selfSigned(recipient);
    Set<String> ephemeralKeys = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      byte[] sealed = Cms.encrypt(CONTENT, certificate);
      RecipientInformation info = new CMSAuthEnvelopedData(sealed).getRecipientInfos().getRecipients().iterator().next();
      byte[] opened = info.getContent(new JceKeyAgreeAuthEnvelopedRecipient(recipient.getPrivate()).setProvider(Providers.BC));
      assertThat(opened).as("message %d", i).isEqualTo(CONTENT);
      KeyAgreeRecipientInfo agree = (KeyAgreeRecipientInfo) RecipientInfo.getInstance(
          AuthEnvelopedData.getInstance(ContentInfo.getInstance(sealed).getContent()).getRecipientInfos().getObjectAt(0))
          .getInfo();
      ephemeralKeys.add(Hex.toHexString(agree.getOriginator().getOriginatorKey().getPublicKey().getBytes()));
    }
    assertThat(ephemeralKeys).as("a fresh ephemeral key per message").hasSize(20);
  }

  private static KeyPair keyPair(String curve) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC", Providers.BC);
    g.initialize(new ECGenParameterSpec(curve));
    return g.generateKeyPair();
  }

  private static X509Certificate selfSigned(KeyPair keys) throws Exception {
    X500Name name = new X500Name("CN=customs-test, O=Test Customs");
    Date now = new Date();
    var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.getTime()), now,
        new Date(now.getTime() + 86_400_000L), name, keys.getPublic());
    return new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(Providers.BC).build(keys.getPrivate())));
  }
}
