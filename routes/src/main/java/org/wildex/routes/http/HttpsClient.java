package org.wildex.routes.http;

import java.security.cert.X509Certificate;
import org.apache.camel.Exchange;
import org.wildex.contracts.ReasonCode;
import org.wildex.contracts.WildexException;
import org.wildex.contracts.directory.Participant;
import org.wildex.routes.Participants;

/**
 * Who sent an HTTPS request: the participant whose registered certificate the client presented in the TLS handshake
 * (never a header). Every HTTPS route starts here, reads included, so a certificate revoked while its holder still has
 * a connection open is refused on its next request.
 */
public final class HttpsClient {

  private HttpsClient() {}

  /**
   * The participant behind the request.
   *
   * @throws WildexException CLIENT_CERT_REQUIRED without a verified client certificate, CERT_REVOKED when the CA has
   *     revoked it, CLIENT_NOT_REGISTERED when it is no participant's registered certificate
   */
  public static Participant identify(Exchange exchange, Participants participants) {
    X509Certificate cert = HttpsServer.peerCertificate(exchange)
        .orElseThrow(() -> new WildexException(ReasonCode.CLIENT_CERT_REQUIRED, "a TLS client certificate is required"));
    if (participants.isRevoked(cert)) {
      throw new WildexException(ReasonCode.CERT_REVOKED, "the client certificate has been revoked");
    }
    return participants.byCertificate(cert)
        .orElseThrow(() -> new WildexException(ReasonCode.CLIENT_NOT_REGISTERED, "client certificate is not in the directory"));
  }
}
