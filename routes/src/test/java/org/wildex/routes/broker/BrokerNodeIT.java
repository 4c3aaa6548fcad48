package org.wildex.routes.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildex.contracts.audit.AuditBatch;
import org.wildex.contracts.audit.AuditEvent;
import org.wildex.contracts.audit.AuditEventType;
import org.wildex.contracts.directory.ParticipantKind;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.routes.WildexHeaders;
import org.wildex.routes.audit.BrokerAuditPlugin;
import org.wildex.routes.support.FreePorts;
import org.wildex.routes.support.TestPki;
import org.wildex.routes.support.TestPki.Member;

/**
 * {@code wildex broker}'s node from a plain Artemis {@code broker.xml}: the same access rules as the embedded broker
 * (participants by certificate, each on its own addresses), the hub's certificate acting as the hub, {@code DELIVERED}
 * published on acknowledgement, and configurations that would open a hole refused.
 */
class BrokerNodeIT {

  private static final String KENYA_NCB = "ncb-ke";
  private static final String TANZANIA_CUSTOMS = "customs-tz";
  private static final String EIA = "eia";
  private static final String STRANGER = "stranger";
  private static final long RECEIVE_MS = 5_000;

  @TempDir static Path pkiDir;
  @TempDir Path dir;

  private static TestPki pki;
  private int port;
  private BrokerNode node;
  private final Deque<AutoCloseable> opened = new ArrayDeque<>();

  @BeforeAll
  static void createPki() throws Exception {
    pki = TestPki.create(pkiDir, List.of(
        new Member(KENYA_NCB, ParticipantKind.NCB, "KE"),
        new Member(TANZANIA_CUSTOMS, ParticipantKind.CUSTOMS, "TZ"),
        new Member(EIA, ParticipantKind.NGO, "GB")), List.of(STRANGER));
  }

  @AfterEach
  void stop() throws Exception {
    while (!opened.isEmpty()) {
      try {
        opened.pop().close();
      } catch (Exception ignored) {
        // a refused connection may fail to close; nothing left to release
      }
    }
    if (node != null) {
      node.close();
    }
  }

  @Test
  void participants_get_the_embedded_brokers_rules_on_the_wildex_acceptor() throws Exception {
    start(standalone("tcp://127.0.0.1:" + (port = FreePorts.next())));
    hubSends("wildex.deliver." + KENYA_NCB, "for-kenya");
    hubSends("wildex.deliver." + TANZANIA_CUSTOMS, "for-tanzania");

    Session kenya = core(KENYA_NCB).createSession(false, Session.AUTO_ACKNOWLEDGE);
    assertThat(((TextMessage) kenya.createConsumer(kenya.createQueue("wildex.deliver." + KENYA_NCB)).receive(RECEIVE_MS))
        .getText()).isEqualTo("for-kenya");
    assertThatThrownBy(() -> kenya.createConsumer(kenya.createQueue("wildex.deliver." + TANZANIA_CUSTOMS)))
        .isInstanceOf(JMSSecurityException.class);
    MessageProducer forge = kenya.createProducer(kenya.createQueue("wildex.intake"));
    assertThatThrownBy(() -> forge.send(kenya.createTextMessage("forged"))).isInstanceOf(JMSSecurityException.class);

    Session amqp = amqp(KENYA_NCB).createSession(false, Session.AUTO_ACKNOWLEDGE);
    assertThatThrownBy(() -> amqp.createConsumer(amqp.createQueue("wildex.deliver." + TANZANIA_CUSTOMS)))
        .isInstanceOf(JMSSecurityException.class).hasMessageContaining("amqp:unauthorized-access");

    assertThatThrownBy(() -> core(STRANGER)).isInstanceOf(JMSSecurityException.class);
    assertThatThrownBy(() -> core(null)).isInstanceOf(JMSException.class);
    assertThatThrownBy(() -> connect(url(KENYA_NCB), BrokerNode.CLUSTER_USER, "guessed")).isInstanceOf(JMSException.class);
    assertThat(count("wildex.deliver." + TANZANIA_CUSTOMS)).isEqualTo(1);
  }

  @Test
  void addresses_settings_and_the_exclusive_audit_queue_are_the_embedded_brokers() throws Exception {
    start(standalone("tcp://127.0.0.1:" + (port = FreePorts.next())));

    for (String name : List.of("wildex.intake", "wildex.quarantine", "wildex.audit", "wildex.dlq",
        "wildex.deliver." + KENYA_NCB, "wildex.receipts." + EIA)) {
      assertThat(node.server().locateQueue(SimpleString.of(name))).as(name).isNotNull();
    }
    assertThat(node.server().locateQueue(SimpleString.of("wildex.audit")).isExclusive()).isTrue();
    AddressSettings intake = node.server().getAddressSettingsRepository().getMatch("wildex.intake");
    assertThat(intake.getDeadLetterAddress().toString()).isEqualTo("wildex.dlq");
    assertThat(intake.getMaxDeliveryAttempts()).isEqualTo(EmbeddedBroker.MAX_DELIVERY_ATTEMPTS);
    assertThat(intake.isAutoCreateQueues()).isFalse();
    assertThat(node.server().getConfiguration().isSecurityEnabled()).isTrue();
    assertThat(node.server().getConfiguration().getClusterPassword()).isNotEqualTo("CHANGE ME!!");
  }

  @Test
  void the_hub_certificate_acts_as_the_hub_and_an_acknowledged_delivery_is_audited_as_delivered() throws Exception {
    start(standalone("tcp://127.0.0.1:" + (port = FreePorts.next())));
    String packageId = UUID.randomUUID().toString();
    String deliveryId = UUID.randomUUID().toString();
    Session hub = core("hub").createSession(false, Session.AUTO_ACKNOWLEDGE);
    TextMessage delivery = hub.createTextMessage("sealed");
    delivery.setStringProperty(WildexHeaders.PACKAGE_ID, packageId);
    delivery.setStringProperty(WildexHeaders.DELIVERY_ID, deliveryId);
    hub.createProducer(hub.createQueue("wildex.deliver." + KENYA_NCB)).send(delivery);

    Session kenya = core(KENYA_NCB).createSession(true, Session.SESSION_TRANSACTED);
    assertThat(kenya.createConsumer(kenya.createQueue("wildex.deliver." + KENYA_NCB)).receive(RECEIVE_MS)).isNotNull();
    assertThat(count("wildex.audit")).as("nothing before the acknowledgement commits").isZero();
    kenya.commit();

    Message audit = hub.createConsumer(hub.createQueue("wildex.audit")).receive(RECEIVE_MS);
    assertThat(audit).isInstanceOf(BytesMessage.class);
    byte[] body = new byte[(int) ((BytesMessage) audit).getBodyLength()];
    ((BytesMessage) audit).readBytes(body);
    AuditEvent event = PackageCodec.fromJson(body, AuditBatch.class).events().get(0);
    assertThat(event.type()).isEqualTo(AuditEventType.DELIVERED);
    assertThat(event.routeId()).isEqualTo(BrokerAuditPlugin.BROKER_ROUTE);
    assertThat(event.recipient()).isEqualTo(KENYA_NCB);
    assertThat(event.packageId()).isEqualTo(packageId);
    assertThat(event.deliveryId()).isEqualTo(deliveryId);
  }

  @Test
  void acknowledgements_in_one_transaction_are_audited_in_one_message_and_not_at_all_when_it_rolls_back()
      throws Exception {
    start(standalone("tcp://127.0.0.1:" + (port = FreePorts.next())));
    List<String> deliveryIds = hubSendsDeliveries(KENYA_NCB, 3);
    Session kenya = core(KENYA_NCB).createSession(true, Session.SESSION_TRANSACTED);
    MessageConsumer consumer = kenya.createConsumer(kenya.createQueue("wildex.deliver." + KENYA_NCB));
    for (int i = 0; i < 3; i++) {
      assertThat(consumer.receive(RECEIVE_MS)).isNotNull();
    }
    kenya.rollback();
    assertThat(count("wildex.audit")).as("a rolled-back acknowledgement is no delivery").isZero();

    for (int i = 0; i < 3; i++) {
      assertThat(consumer.receive(RECEIVE_MS)).isNotNull();
    }
    kenya.commit();

    // Messages routed by different transactions reach the queue in no guaranteed order (a redelivery's
    // message is added after its own journal sync), so the four messages are told apart by content.
    Map<Boolean, List<List<AuditEvent>>> messages = auditMessages(4).stream()
        .collect(Collectors.partitioningBy(m -> m.get(0).type() == AuditEventType.DELIVERED));
    assertThat(messages.get(false)).as("each redelivery is published as it happens, in a message of its own")
        .hasSize(3)
        .allSatisfy(m -> assertThat(m).singleElement().extracting(AuditEvent::type)
            .isEqualTo(AuditEventType.REDELIVERED));
    assertThat(messages.get(true)).hasSize(1);
    assertThat(messages.get(true).get(0)).as("the three acknowledgements of one transaction, in one audit message")
        .extracting(AuditEvent::type, AuditEvent::deliveryId, AuditEvent::recipient)
        .containsExactly(deliveryIds.stream()
            .map(id -> tuple(AuditEventType.DELIVERED, id, KENYA_NCB)).toArray(
                Tuple[]::new));
  }

  @Test
  void a_transactions_audit_message_on_a_paging_address_survives_a_restart() throws Exception {
    Path config = standalone("tcp://127.0.0.1:" + (port = FreePorts.next()));
    start(config);
    List<String> deliveryIds = hubSendsDeliveries(TANZANIA_CUSTOMS, 2);
    node.server().getPagingManager().getPageStore(SimpleString.of("wildex.audit")).startPaging();
    Session tanzania = amqp(TANZANIA_CUSTOMS).createSession(Session.SESSION_TRANSACTED);
    MessageConsumer consumer =
        tanzania.createConsumer(tanzania.createQueue("wildex.deliver." + TANZANIA_CUSTOMS));
    for (int i = 0; i < 2; i++) {
      assertThat(consumer.receive(RECEIVE_MS)).isNotNull();
    }
    tanzania.commit();
    assertThat(node.server().getPagingManager().getPageStore(SimpleString.of("wildex.audit")).isPaging()).isTrue();

    stop();
    start(config);
    assertThat(auditMessages(1).get(0)).as("the paged audit message of the committed transaction, after a restart")
        .extracting(AuditEvent::type, AuditEvent::deliveryId)
        .containsExactly(tuple(AuditEventType.DELIVERED, deliveryIds.get(0)),
            tuple(AuditEventType.DELIVERED, deliveryIds.get(1)));
  }

  @Test
  void refuses_configurations_that_would_open_a_hole() throws Exception {
    int p = FreePorts.next();
    assertThatThrownBy(() -> node(write("no-wildex-acceptor", xml("<acceptor name=\"other\">tcp://127.0.0.1:" + p
        + "?sslEnabled=true;needClientAuth=true</acceptor>", ""))).start())
        .hasMessageContaining("no acceptor named 'wildex'");
    assertThatThrownBy(() -> node(write("plain", xml("<acceptor name=\"wildex\">tcp://127.0.0.1:" + p + "</acceptor>"
        + "<acceptor name=\"plain\">tcp://127.0.0.1:" + FreePorts.next() + "</acceptor>", ""))).start())
        .hasMessageContaining("acceptor 'plain'").hasMessageContaining("TLS with client certificates");
    assertThatThrownBy(() -> node(write("pair-without-secret", xml("<acceptor name=\"wildex\">tcp://127.0.0.1:" + p
        + "</acceptor>", "<ha-policy><replication><primary/></replication></ha-policy>"))).start())
        .hasMessageContaining("cluster secret");
  }

  // ---- helpers

  private void start(Path config) throws Exception {
    node = node(config).withPlugin(new BrokerAuditPlugin());
    node.start();
    assertThat(node.isActive()).isTrue();
    assertThat(node.networkUrl()).isEqualTo("tcp://127.0.0.1:" + port);
  }

  private BrokerNode node(Path config) {
    return new BrokerNode(config, pki.directory(), pki.hubKeyStore(), pki.trustStore(), TestPki.PASSWORD, null);
  }

  /** A standalone node whose wildex acceptor is at {@code acceptor} (no parameters: wildex sets them). */
  private Path standalone(String acceptor) throws Exception {
    return write("standalone", xml("<acceptor name=\"wildex\">" + acceptor + "</acceptor>", ""));
  }

  private String xml(String acceptors, String more) {
    Path data = dir.resolve("data");
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <configuration xmlns="urn:activemq" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                       xsi:schemaLocation="urn:activemq /schema/artemis-configuration.xsd">
          <core xmlns="urn:activemq:core">
            <name>test-node</name>
            <journal-type>NIO</journal-type>
            <journal-directory>%1$s/journal</journal-directory>
            <bindings-directory>%1$s/bindings</bindings-directory>
            <paging-directory>%1$s/paging</paging-directory>
            <large-messages-directory>%1$s/large-messages</large-messages-directory>
            <node-manager-lock-directory>%1$s</node-manager-lock-directory>
            <acceptors>%2$s</acceptors>
            %3$s
          </core>
        </configuration>
        """.formatted(data, acceptors, more);
  }

  private Path write(String name, String xml) throws Exception {
    return Files.writeString(dir.resolve(name + ".xml"), xml);
  }

  private void hubSends(String queue, String body) throws JMSException {
    Session session = core("hub").createSession(false, Session.AUTO_ACKNOWLEDGE);
    session.createProducer(session.createQueue(queue)).send(session.createTextMessage(body));
  }

  /** The hub puts {@code n} deliveries on {@code recipient}'s address; their delivery ids, in order. */
  private List<String> hubSendsDeliveries(String recipient, int n) throws JMSException {
    Session hub = core("hub").createSession(false, Session.AUTO_ACKNOWLEDGE);
    MessageProducer producer = hub.createProducer(hub.createQueue("wildex.deliver." + recipient));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      TextMessage delivery = hub.createTextMessage("sealed");
      delivery.setStringProperty(WildexHeaders.PACKAGE_ID, UUID.randomUUID().toString());
      String id = UUID.randomUUID().toString();
      ids.add(id);
      delivery.setStringProperty(WildexHeaders.DELIVERY_ID, id);
      producer.send(delivery);
    }
    return ids;
  }

  /** The next {@code n} messages on {@code wildex.audit}, each as its events. */
  private List<List<AuditEvent>> auditMessages(int n) throws JMSException {
    Session hub = core("hub").createSession(false, Session.AUTO_ACKNOWLEDGE);
    MessageConsumer audit = hub.createConsumer(hub.createQueue("wildex.audit"));
    List<List<AuditEvent>> messages = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Message m = audit.receive(RECEIVE_MS);
      assertThat(m).as("audit message %d of %d", i + 1, n).isInstanceOf(BytesMessage.class);
      byte[] body = new byte[(int) ((BytesMessage) m).getBodyLength()];
      ((BytesMessage) m).readBytes(body);
      messages.add(PackageCodec.fromJson(body, AuditBatch.class).events());
    }
    assertThat(audit.receive(200)).as("no more audit messages").isNull();
    return messages;
  }

  private long count(String queue) {
    Queue q = node.server().locateQueue(SimpleString.of(queue));
    return q.getMessageCount();
  }

  /** Core over TLS with {@code who}'s certificate ("hub": the hub's; null: none). */
  private Connection core(String who) throws JMSException {
    return connect(url(who), null, null);
  }

  private String url(String who) {
    StringBuilder url = new StringBuilder("tcp://127.0.0.1:").append(port)
        .append("?sslEnabled=true&callTimeout=").append(who == null ? 2_000 : 10_000)
        .append("&trustStoreType=PKCS12&trustStorePath=").append(pki.trustStore())
        .append("&trustStorePassword=").append(TestPki.PASSWORD);
    if (who != null) {
      url.append("&keyStoreType=PKCS12&keyStorePath=").append(who.equals("hub") ? pki.hubKeyStore() : pki.p12(who))
          .append("&keyStorePassword=").append(TestPki.PASSWORD);
    }
    return url.toString();
  }

  private Connection amqp(String participant) throws JMSException {
    String url = "amqps://127.0.0.1:" + port
        + "?transport.storeType=PKCS12"
        + "&transport.keyStoreLocation=" + pki.p12(participant)
        + "&transport.keyStorePassword=" + TestPki.PASSWORD
        + "&transport.trustStoreLocation=" + pki.trustStore()
        + "&transport.trustStorePassword=" + TestPki.PASSWORD
        + "&amqp.saslMechanisms=EXTERNAL";
    return started(new JmsConnectionFactory(url), null, null);
  }

  private Connection connect(String url, String user, String password) throws JMSException {
    ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url);
    opened.push(factory);
    return started(factory, user, password);
  }

  private Connection started(ConnectionFactory factory, String user, String password) throws JMSException {
    Connection connection = user == null ? factory.createConnection() : factory.createConnection(user, password);
    opened.push(connection);
    connection.start();
    return connection;
  }
}
