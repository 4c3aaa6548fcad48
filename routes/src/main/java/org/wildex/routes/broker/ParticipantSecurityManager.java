package org.wildex.routes.broker;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import javax.security.auth.Subject;
import javax.security.auth.x500.X500Principal;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMConnection;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager5;
import org.apache.activemq.artemis.spi.core.security.jaas.RolePrincipal;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;
import org.apache.activemq.artemis.utils.CertificateUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Artemis security manager: a participant is who its verified TLS client certificate says it is; the hub is the
 * in-VM user with the per-start random password, or a network client presenting the hub's own certificate (operator
 * tools such as {@code wildex dlq}, which run with the hub's key). Everyone else is refused.
 *
 * <p>A participant's role is its id. A username claimed beside a certificate must be empty, the participant id or
 * the certificate's own subject DN (what AMQP SASL EXTERNAL reports); anything else is refused, so a claimed name
 * can never borrow another participant's identity (see STACK.md, authorization cache).
 */
final class ParticipantSecurityManager implements ActiveMQSecurityManager5 {

  private static final Logger LOG = LoggerFactory.getLogger(ParticipantSecurityManager.class);

  private final ParticipantCertificates participants;
  private final Predicate<X509Certificate> revoked;
  private final String hubUser;
  private final byte[] hubPassword;

  ParticipantSecurityManager(
      ParticipantCertificates participants, Predicate<X509Certificate> revoked, String hubUser, String hubPassword) {
    this.participants = Objects.requireNonNull(participants);
    this.revoked = Objects.requireNonNull(revoked);
    this.hubUser = Objects.requireNonNull(hubUser);
    this.hubPassword = hubPassword.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Subject authenticate(String user, String password, RemotingConnection connection, String securityDomain) {
    X509Certificate[] chain = connection == null ? null : CertificateUtil.getCertsFromConnection(connection);
    if (chain != null && chain.length > 0 && chain[0] != null) {
      return certificateLogin(user, chain[0], connection);
    }
    if (hubUser.equals(user) && password != null && isInVm(connection)
        && MessageDigest.isEqual(hubPassword, password.getBytes(StandardCharsets.UTF_8))) {
      return subject(hubUser, EmbeddedBroker.HUB_ROLE);
    }
    LOG.warn("broker login refused: no client certificate and no valid hub credentials (remote {})", remote(connection));
    return null;
  }

  private Subject certificateLogin(String claimed, X509Certificate cert, RemotingConnection connection) {
    if (participants.isHub(cert) && !revoked.test(cert) && (claimed == null || claimed.isEmpty() || claimed.equals(hubUser))) {
      LOG.info("broker login with the hub certificate (operator tool or hub node) from {}", remote(connection));
      return subject(hubUser, EmbeddedBroker.HUB_ROLE);
    }
    Optional<String> peer = participants.peerFor(cert);
    if (peer.isPresent()) {
      // a peer region's hub (its core bridge): it may send hand-overs to wildex.federation.in and do nothing else
      if (revoked.test(cert) || !(claimed == null || claimed.isEmpty() || claimed.equals(peer.get()))) {
        LOG.warn("broker login refused: peer hub certificate of region {} revoked or claiming another name (remote {})",
            peer.get(), remote(connection));
        return null;
      }
      LOG.debug("broker login of the peer hub of region {} from {}", peer.get(), remote(connection));
      return subject(peer.get(), EmbeddedBroker.PEER_ROLE);
    }
    Optional<String> participant = participants.participantFor(cert);
    if (participant.isEmpty()) {
      LOG.warn("broker login refused: certificate serial {} is not registered (remote {})",
          cert.getSerialNumber().toString(16), remote(connection));
      return null;
    }
    String id = participant.get();
    if (revoked.test(cert)) {
      LOG.warn("broker login refused: certificate of {} is revoked (remote {})", id, remote(connection));
      return null;
    }
    if (!claimMatches(claimed, id, cert)) {
      LOG.warn("broker login refused: certificate of {} claimed another username (remote {})", id, remote(connection));
      return null;
    }
    return subject(id, id);
  }

  private static boolean claimMatches(String claimed, String id, X509Certificate cert) {
    if (claimed == null || claimed.isEmpty() || claimed.equals(id)) {
      return true;
    }
    try {
      return new X500Principal(claimed).equals(cert.getSubjectX500Principal());
    } catch (IllegalArgumentException notADistinguishedName) {
      return false;
    }
  }

  @Override
  public boolean authorize(Subject subject, Set<Role> roles, CheckType checkType, String address) {
    if (subject == null || roles == null) {
      return false;
    }
    Set<RolePrincipal> held = subject.getPrincipals(RolePrincipal.class);
    for (Role role : roles) {
      if (checkType.hasRole(role) && held.contains(new RolePrincipal(role.getName()))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String getUserFromSubject(Subject subject) {
    if (subject == null) {
      return null;
    }
    return subject.getPrincipals(UserPrincipal.class).stream().map(UserPrincipal::getName).findFirst().orElse(null);
  }

  /** Legacy entry point; never used because this manager implements {@link ActiveMQSecurityManager5}. */
  @Override
  public boolean validateUser(String user, String password) {
    return false;
  }

  /** Legacy entry point; never used because this manager implements {@link ActiveMQSecurityManager5}. */
  @Override
  public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
    return false;
  }

  private static Subject subject(String user, String role) {
    Subject subject = new Subject();
    subject.getPrincipals().add(new UserPrincipal(user));
    subject.getPrincipals().add(new RolePrincipal(role));
    subject.setReadOnly();
    return subject;
  }

  private static boolean isInVm(RemotingConnection connection) {
    return connection != null && connection.getTransportConnection() instanceof InVMConnection;
  }

  private static String remote(RemotingConnection connection) {
    return connection == null ? "none" : connection.getRemoteAddress();
  }

}
