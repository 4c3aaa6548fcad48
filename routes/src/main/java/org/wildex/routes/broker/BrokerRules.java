package org.wildex.routes.broker;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptorFactory;
import org.apache.activemq.artemis.core.remoting.impl.netty.TransportConstants;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.wildex.contracts.directory.Directory;
import org.wildex.contracts.directory.Participant;
import org.wildex.contracts.directory.ParticipantKind;
import org.wildex.contracts.directory.Peer;
import org.wildex.routes.TlsPolicy;

/**
 * What makes an Artemis broker a wildex broker, whether it is embedded in {@code wildex serve} ({@link EmbeddedBroker})
 * or runs on its own ({@link BrokerNode}, {@code wildex broker}): the addresses, who may do what on them, redelivery and
 * dead-lettering, the security switches and the participants' TLS acceptor. One place, so both enforce the same rules.
 */
public final class BrokerRules {

  static final int MAX_DELIVERY_ATTEMPTS = 5;
  static final long REDELIVERY_DELAY_MS = 500;
  static final double REDELIVERY_MULTIPLIER = 2.0;
  static final long MAX_REDELIVERY_DELAY_MS = 10_000;
  /** Memory all addresses together may hold before paging to disk. */
  static final long GLOBAL_MAX_SIZE_BYTES = 64L * 1024 * 1024;
  /** Memory one address may hold before paging to disk. */
  static final long ADDRESS_MAX_SIZE_BYTES = 16L * 1024 * 1024;
  static final int DISK_SCAN_PERIOD_MS = 1000;
  /** Protocols of the participants' TLS acceptor, all on one port (Artemis tells them apart by their first bytes). */
  static final String NETWORK_PROTOCOLS = "CORE,AMQP,STOMP";
  /**
   * Prefix a client may put before a queue name to say "anycast queue" ({@code /queue/wildex.deliver.ncb-la}, as STOMP
   * clients write it); the broker strips it, so the name without it means the same queue under the same permissions.
   */
  static final String ANYCAST_PREFIX = "/queue/";
  /**
   * Seconds a new connection on the participants' acceptor has for its TLS handshake, and as many to send its first
   * bytes (Artemis's defaults, stated).
   */
  static final int HANDSHAKE_TIMEOUT_SECONDS = 10;
  /** Largest AMQP frame a client may send (Artemis's default, stated); participants only consume. */
  static final int AMQP_MAX_FRAME_BYTES = 128 * 1024;
  /**
   * Journal data files (10 MiB each) before Artemis may compact: compaction reads every data file whole into a heap
   * buffer, and with Artemis's default (10) a backlog on {@code wildex.intake} made it run again and again (a third of
   * the hub's allocation in the bench). From 50 files (500 MiB) on, it still bounds the journal's disk use.
   */
  static final int JOURNAL_COMPACT_MIN_FILES = 50;

  private BrokerRules() {}

  /**
   * Applies the rules to a broker configuration: persistence switches, disk limits, security, addresses, address
   * settings and roles. {@code redistribute} (brokers of a cluster) lets messages move to the node where their consumer
   * is at once, instead of staying on a node without one.
   */
  static void apply(Configuration config, Directory directory, long minDiskFreeBytes, boolean redistribute) {
    config.setPersistenceEnabled(true);
    config.setPersistDeliveryCountBeforeDelivery(true);
    config.setJournalCompactMinFiles(JOURNAL_COMPACT_MIN_FILES);
    config.setJMXManagementEnabled(false);
    config.setGlobalMaxSize(GLOBAL_MAX_SIZE_BYTES);
    config.setMaxDiskUsage(100);
    config.setMinDiskFree(minDiskFreeBytes);
    config.setDiskScanPeriod(DISK_SCAN_PERIOD_MS);

    config.setSecurityEnabled(true);
    // decisions must never be cached under a claimed username (STACK.md: authorization cache gotcha)
    config.setAuthenticationCacheSize(0);
    config.setAuthorizationCacheSize(0);

    for (String address : addresses(directory)) {
      QueueConfiguration queue = QueueConfiguration.of(address).setAddress(address)
          .setRoutingType(RoutingType.ANYCAST).setDurable(true);
      if (address.equals(EmbeddedBroker.AUDIT)) {
        // one audit writer at a time per broker: the broker elects it, and hands the queue to the next on failure
        queue.setExclusive(true);
      }
      config.addAddressConfiguration(new CoreAddressConfiguration()
          .setName(address)
          .addRoutingType(RoutingType.ANYCAST)
          .addQueueConfiguration(queue));
    }
    config.addAddressSetting("#", defaultAddressSettings(redistribute));
    config.addAddressSetting(EmbeddedBroker.DLQ, new AddressSettings().setMaxDeliveryAttempts(-1));
    // audit events wait here while the audit store is down, however long: never dead-letter them
    config.addAddressSetting(EmbeddedBroker.AUDIT, defaultAddressSettings(redistribute).setMaxDeliveryAttempts(-1));
    // a recall waits (with backoff) until the hub can carry it out, e.g. while the trail has not yet stored its package
    config.addAddressSetting(EmbeddedBroker.RECALL, defaultAddressSettings(redistribute).setMaxDeliveryAttempts(-1));
    config.addAddressSetting(EmbeddedBroker.RELEASE, defaultAddressSettings(redistribute).setMaxDeliveryAttempts(-1));
    securityRoles(directory).forEach(config::putSecurityRoles);
    config.registerBrokerPlugin(new AmqpGuard());
    config.getOutgoingInterceptorClassNames().add(StompErrorGuard.class.getName());
  }

  /**
   * The participants' acceptor: Core, AMQP 1.0 and STOMP over TLS (the hub's key, the CA as trust), a client
   * certificate required, AMQP authenticating with SASL EXTERNAL only.
   */
  public static TransportConfiguration participantAcceptor(String name, String host, int port, Path keyStoreP12,
      Path trustStoreP12, String storePassword) {
    Map<String, Object> params = new HashMap<>();
    params.put(TransportConstants.HOST_PROP_NAME, host);
    params.put(TransportConstants.PORT_PROP_NAME, port);
    params.put(TransportConstants.PROTOCOLS_PROP_NAME, NETWORK_PROTOCOLS);
    params.put(TransportConstants.SSL_ENABLED_PROP_NAME, true);
    params.put(TransportConstants.KEYSTORE_TYPE_PROP_NAME, "PKCS12");
    params.put(TransportConstants.KEYSTORE_PATH_PROP_NAME, keyStoreP12.toAbsolutePath().toString());
    params.put(TransportConstants.KEYSTORE_PASSWORD_PROP_NAME, storePassword);
    params.put(TransportConstants.TRUSTSTORE_TYPE_PROP_NAME, "PKCS12");
    params.put(TransportConstants.TRUSTSTORE_PATH_PROP_NAME, trustStoreP12.toAbsolutePath().toString());
    params.put(TransportConstants.TRUSTSTORE_PASSWORD_PROP_NAME, storePassword);
    params.put(TransportConstants.ENABLED_PROTOCOLS_PROP_NAME, String.join(",", TlsPolicy.PROTOCOLS));
    params.put(TransportConstants.ENABLED_CIPHER_SUITES_PROP_NAME, String.join(",", TlsPolicy.CIPHER_SUITES));
    params.put(TransportConstants.SSL_PROVIDER,
        TlsPolicy.openSsl() ? TransportConstants.OPENSSL_PROVIDER : TransportConstants.DEFAULT_SSL_PROVIDER);
    // Java NIO, not Netty's native epoll transport (Artemis's default where its library loads, as it does here): in
    // five of six paired bench runs the hub cost less with NIO, its broker threads 0.5-1.2 ms a package less
    // (ops/bench/README.md, session of 2026-12-08)
    params.put(TransportConstants.USE_EPOLL_PROP_NAME, false);
    // every network client is a participant (or a hub node, or another broker) with a certificate
    params.put(TransportConstants.NEED_CLIENT_AUTH_PROP_NAME, true);
    // AMQP clients authenticate with their TLS certificate (SASL EXTERNAL); no password mechanism is offered. STOMP
    // and Core clients send no credentials: their CONNECT is authenticated by the same certificate (the security
    // manager ignores a passcode and refuses a login naming anyone else)
    // a client has this long for its TLS handshake, as long again to send its first bytes (which protocol it
    // speaks), then LoginDeadline's to log in
    params.put(TransportConstants.SSL_HANDSHAKE_TIMEOUT, HANDSHAKE_TIMEOUT_SECONDS);
    params.put(TransportConstants.HANDSHAKE_TIMEOUT, HANDSHAKE_TIMEOUT_SECONDS);
    // an AMQP frame header announcing more is answered with a framing error and the connection is closed at once;
    // Core and STOMP over TCP have no such bound in Artemis (STOMP's stompMaxFramePayloadLength is for WebSocket only)
    Map<String, Object> protocolProps = Map.of("saslMechanisms", "EXTERNAL", "anycastPrefix", ANYCAST_PREFIX,
        "maxFrameSize", String.valueOf(AMQP_MAX_FRAME_BYTES));
    return new TransportConfiguration(NettyAcceptorFactory.class.getName(), params, name, protocolProps);
  }

  /** Every address the broker pre-creates, each with a same-named durable anycast queue. */
  static List<String> addresses(Directory directory) {
    Set<String> names = new LinkedHashSet<>(
        List.of(EmbeddedBroker.INTAKE, EmbeddedBroker.QUARANTINE, EmbeddedBroker.AUDIT, EmbeddedBroker.DLQ,
            EmbeddedBroker.RECALL, EmbeddedBroker.RELEASE, EmbeddedBroker.WITHDRAWN));
    if (!directory.peers().isEmpty()) {
      names.add(EmbeddedBroker.FEDERATION_IN);
      for (Peer peer : directory.peers()) {
        if (peer.broker() != null) {
          names.add(EmbeddedBroker.FEDERATION_OUT_PREFIX + peer.region());
        }
      }
    }
    for (Participant p : directory.participants()) {
      if (directory.isRemote(p.id())) {
        continue; // reads from its own region's hub
      }
      if (p.kind() != ParticipantKind.AUDITOR) {
        names.add(EmbeddedBroker.DELIVER_PREFIX + p.id());
      }
      if (p.kind() == ParticipantKind.NGO) {
        names.add(EmbeddedBroker.RECEIPTS_PREFIX + p.id());
      }
    }
    return new ArrayList<>(names);
  }

  /** Hub may do everything everywhere; a participant may only consume and browse its own two addresses. */
  static Map<String, Set<Role>> securityRoles(Directory directory) {
    Map<String, Set<Role>> roles = new HashMap<>();
    roles.put("#", Set.of(hubRole()));
    if (!directory.peers().isEmpty()) {
      roles.put(EmbeddedBroker.FEDERATION_IN, Set.of(hubRole(), peerRole()));
    }
    for (Participant p : directory.participants()) {
      if (directory.isRemote(p.id())) {
        continue;
      }
      // an exact match replaces "#" entirely, so the hub role is repeated here
      roles.put(EmbeddedBroker.DELIVER_PREFIX + p.id(), Set.of(hubRole(), readOnlyRole(p.id())));
      roles.put(EmbeddedBroker.RECEIPTS_PREFIX + p.id(), Set.of(hubRole(), readOnlyRole(p.id())));
    }
    return roles;
  }

  private static Role hubRole() {
    Role role = new Role();
    role.setName(EmbeddedBroker.HUB_ROLE);
    role.setSend(true);
    role.setConsume(true);
    role.setBrowse(true);
    role.setCreateAddress(true);
    role.setDeleteAddress(true);
    role.setCreateDurableQueue(true);
    role.setDeleteDurableQueue(true);
    role.setCreateNonDurableQueue(true);
    role.setDeleteNonDurableQueue(true);
    role.setManage(true);
    role.setView(true);
    role.setEdit(true);
    return role;
  }

  /** A peer region's hub: send only (its core bridge forwards hand-overs), no consume, browse or management. */
  private static Role peerRole() {
    Role role = new Role();
    role.setName(EmbeddedBroker.PEER_ROLE);
    role.setSend(true);
    return role;
  }

  private static Role readOnlyRole(String participantId) {
    Role role = new Role();
    role.setName(participantId);
    role.setConsume(true);
    role.setBrowse(true);
    return role;
  }

  private static AddressSettings defaultAddressSettings(boolean redistribute) {
    AddressSettings settings = new AddressSettings()
        .setDeadLetterAddress(SimpleString.of(EmbeddedBroker.DLQ))
        .setAutoCreateDeadLetterResources(false)
        .setAutoCreateExpiryResources(false)
        .setMaxDeliveryAttempts(MAX_DELIVERY_ATTEMPTS)
        .setRedeliveryDelay(REDELIVERY_DELAY_MS)
        .setRedeliveryMultiplier(REDELIVERY_MULTIPLIER)
        .setMaxRedeliveryDelay(MAX_REDELIVERY_DELAY_MS)
        .setAutoCreateAddresses(false)
        .setAutoCreateQueues(false)
        .setAutoDeleteAddresses(false)
        .setAutoDeleteQueues(false)
        // every hub address is one anycast queue; a client naming it without a routing type (a STOMP SUBSCRIBE to
        // "wildex.deliver.<id>" without "/queue/") means that queue, not a multicast subscription it may not create
        .setDefaultAddressRoutingType(RoutingType.ANYCAST)
        .setDefaultQueueRoutingType(RoutingType.ANYCAST)
        .setMaxSizeBytes(ADDRESS_MAX_SIZE_BYTES)
        .setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE);
    if (redistribute) {
      settings.setRedistributionDelay(0);
    }
    return settings;
  }
}
