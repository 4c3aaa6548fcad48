package org.wildex.routes.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

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
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.message.impl.CoreMessage;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQMessage;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.jms.JmsEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildex.contracts.directory.ParticipantKind;
import org.wildex.crypto.pki.Pem;
import org.wildex.routes.support.FreePorts;
import org.wildex.routes.support.StompClient.Frame;
import org.wildex.routes.support.StompClient;
import org.wildex.routes.support.TestPki.Member;
import org.wildex.routes.support.TestPki;
import org.wildex.routes.support.TlsClients;

class EmbeddedBrokerIT {

  private static final String KENYA_NCB = "ncb-ke";
  private static final String TANZANIA_CUSTOMS = "customs-tz";
  private static final String EIA = "eia";
  private static final String AUDITOR = "auditor";
  /** Issued by the hub's CA but not in the directory. */
  private static final String STRANGER = "stranger";
  private static final long RECEIVE_MS = 5_000;

  @TempDir static Path pkiDir;
  @TempDir Path dataDir;

  private static TestPki pki;
  private int port;
  private EmbeddedBroker broker;
  private final Deque<AutoCloseable> opened = new ArrayDeque<>();
  /** Serial numbers of certificates this test's "CA" has revoked; the broker asks at every login. */
  private final Set<BigInteger> revokedSerials = ConcurrentHashMap.newKeySet();

  @BeforeAll
  static void createPki() throws Exception {
    pki = TestPki.create(pkiDir, List.of(
        new Member(KENYA_NCB, ParticipantKind.NCB, "KE"),
        new Member(TANZANIA_CUSTOMS, ParticipantKind.CUSTOMS, "TZ"),
        new Member(EIA, ParticipantKind.NGO, "GB"),
        new Member(AUDITOR, ParticipantKind.AUDITOR, "GB")), List.of(STRANGER));
  }

  @BeforeEach
  void startBroker() throws Exception {
    port = FreePorts.next();
    broker = newBroker();
    broker.start();
  }

  @AfterEach
  void stopBroker() throws Exception {
    closeClients();
    broker.close();
  }

  @Test
  void agency_consumes_its_own_delivery_queue_over_core_with_its_certificate() throws Exception {
    hubSends("wildex.deliver." + KENYA_NCB, "sealed-delivery-1");

    Session session = coreClient(KENYA_NCB, null, null).createSession(false, Session.AUTO_ACKNOWLEDGE);
    MessageConsumer consumer = session.createConsumer(session.createQueue("wildex.deliver." + KENYA_NCB));

    assertThat(text(consumer.receive(RECEIVE_MS))).isEqualTo("sealed-delivery-1");
  }

  @Test
  void hub_bytes_bodies_go_into_buffers_of_their_size_and_reach_an_amqp_agency_intact() throws Exception {
    CamelContext camel = new DefaultCamelContext();
    camel.addComponent("jms", new SizedBytesMessages(broker.hubConnections()));
    camel.start();
    opened.push(camel::stop);
    ProducerTemplate producer = camel.createProducerTemplate();
    Random random = new Random(7);
    List<Integer> sizes = List.of(0, 1, 1_499, 1_500, 33_000, 70_000);
    for (int size : sizes) {
      byte[] body = new byte[size];
      random.nextBytes(body);
      producer.sendBodyAndHeader("jms:queue:wildex.deliver." + KENYA_NCB, body, "wildexPackageId", "p-" + size);
    }

    Session agency = amqpClient(KENYA_NCB).createSession(false, Session.AUTO_ACKNOWLEDGE);
    MessageConsumer consumer = agency.createConsumer(agency.createQueue("wildex.deliver." + KENYA_NCB));
    Random expected = new Random(7);
    for (int size : sizes) {
      Message message = consumer.receive(RECEIVE_MS);
      assertThat(message).as("delivery of %d bytes", size).isInstanceOf(BytesMessage.class);
      byte[] body = new byte[size];
      expected.nextBytes(body);
      byte[] received = new byte[(int) ((BytesMessage) message).getBodyLength()];
      ((BytesMessage) message).readBytes(received);
      assertThat(received).as("body of %d bytes", size).isEqualTo(body);
      assertThat(message.getStringProperty("wildexPackageId")).isEqualTo("p-" + size);
    }

    // what Camel's binding made for a 33,000-byte body: a buffer of that size and room for the properties, not 64 KiB
    JmsEndpoint endpoint = camel.getEndpoint("jms:queue:wildex.deliver." + KENYA_NCB, JmsEndpoint.class);
    Exchange exchange = new DefaultExchange(camel);
    exchange.getIn().setBody(new byte[33_000]);
    try (Connection connection = hub(); Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
      Message made = endpoint.getBinding().makeJmsMessage(exchange, session);
      CoreMessage core = (CoreMessage) ((ActiveMQMessage) made).getCoreMessage();
      assertThat(core.getBuffer().capacity())
          .isEqualTo(CoreMessage.BODY_OFFSET + 33_000 + SizedBytesMessages.PROPERTIES_ROOM);
      ((BytesMessage) made).reset();
      assertThat(((BytesMessage) made).getBodyLength()).isEqualTo(33_000);
    }
  }

  @Test
  void a_critical_journal_error_is_reported_to_the_hub_as_journal_failed() throws Exception {
    assertThat(broker.journalFailed()).isFalse();
    hubSends("wildex.deliver." + KENYA_NCB, "before-the-failure");
    assertThat(broker.journalFailed()).as("a normal send is no failure").isFalse();

    // what Artemis's journal calls when a write or sync fails (e.g. the file system turned read-only)
    broker.server().getIoCriticalErrorListener().onIOException(new IOException("simulated: Read-only file system"),
        "simulated", null);

    assertThat(broker.journalFailed()).isTrue();
  }

  @Test
  void agency_cannot_consume_another_agencys_delivery_queue_over_core() throws Exception {
    hubSends("wildex.deliver." + TANZANIA_CUSTOMS, "not-for-kenya");
    Session session = coreClient(KENYA_NCB, null, null).createSession(false, Session.AUTO_ACKNOWLEDGE);

    assertThatThrownBy(() -> session.createConsumer(session.createQueue("wildex.deliver." + TANZANIA_CUSTOMS)))
        .isInstanceOf(JMSSecurityException.class);
    assertThatThrownBy(() -> session.createBrowser(session.createQueue("wildex.deliver." + TANZANIA_CUSTOMS)).getEnumeration())
        .isInstanceOf(JMSSecurityException.class);
    assertThat(messageCount("wildex.deliver." + TANZANIA_CUSTOMS)).isEqualTo(1);
  }

  @Test
  void agency_cannot_send_to_intake_or_to_its_own_queue() throws Exception {
    Session session = coreClient(KENYA_NCB, null, null).createSession(false, Session.AUTO_ACKNOWLEDGE);

    for (String address : List.of("wildex.intake", "wildex.deliver." + KENYA_NCB)) {
      MessageProducer producer = session.createProducer(session.createQueue(address));
      assertThatThrownBy(() -> producer.send(session.createTextMessage("forged")))
          .as("send to %s", address)
          .isInstanceOf(JMSSecurityException.class);
      assertThat(messageCount(address)).isZero();
    }
  }

  @Test
  void agency_cannot_create_queues_of_its_own() throws Exception {
    Session session = coreClient(KENYA_NCB, null, null).createSession(false, Session.AUTO_ACKNOWLEDGE);

    assertThatThrownBy(() -> session.createConsumer(session.createQueue("wildex.deliver.invented")))
        .isInstanceOf(JMSException.class);
    assertThatThrownBy(() -> session.createTemporaryQueue()).isInstanceOf(JMSSecurityException.class);
    assertThat(broker.server().locateQueue(SimpleString.of("wildex.deliver.invented"))).isNull();
  }

  @Test
  void ngos_and_auditors_read_no_delivery_and_nobody_reads_intake_quarantine_or_dead_letters_over_core_amqp_or_stomp()
      throws Exception {
    for (String address : List.of("wildex.deliver." + KENYA_NCB, "wildex.intake", "wildex.quarantine", "wildex.dlq",
        "wildex.audit")) {
      hubSends(address, "ciphertext");
    }
    for (String who : List.of(EIA, AUDITOR, KENYA_NCB)) {
      for (String address : List.of("wildex.deliver." + KENYA_NCB, "wildex.intake", "wildex.quarantine", "wildex.dlq",
          "wildex.audit")) {
        if (who.equals(KENYA_NCB) && address.equals("wildex.deliver." + KENYA_NCB)) {
          continue; // its own
        }
        try (StompClient stomp = stomp(who)) {
          assertThat(stomp.subscribe("1", "/queue/" + address).command()).as("subscribe: %s over STOMP on %s", who, address)
              .isEqualTo("ERROR");
        }
      }
    }
    for (String who : List.of(EIA, AUDITOR, KENYA_NCB)) {
      for (boolean amqp : List.of(false, true)) {
        Session session = (amqp ? amqpClient(who) : coreClient(who, null, null)).createSession(false, Session.AUTO_ACKNOWLEDGE);
        for (String address : List.of("wildex.deliver." + KENYA_NCB, "wildex.intake", "wildex.quarantine", "wildex.dlq",
            "wildex.audit")) {
          if (who.equals(KENYA_NCB) && address.equals("wildex.deliver." + KENYA_NCB)) {
            continue; // its own
          }
          String what = who + (amqp ? " over AMQP" : " over Core") + " on " + address;
          assertThatThrownBy(() -> session.createConsumer(session.createQueue(address))).as("consume: " + what)
              .isInstanceOf(JMSSecurityException.class);
          assertThatThrownBy(() -> session.createBrowser(session.createQueue(address)).getEnumeration().hasMoreElements())
              .as("browse: " + what).isInstanceOf(JMSSecurityException.class);
        }
      }
    }
    for (String address : List.of("wildex.deliver." + KENYA_NCB, "wildex.intake", "wildex.quarantine", "wildex.dlq",
        "wildex.audit")) {
      assertThat(messageCount(address)).as(address + " untouched").isEqualTo(1);
    }
  }

  @Test
  void agency_consumes_its_own_queue_over_amqp_with_sasl_external() throws Exception {
    hubSends("wildex.deliver." + KENYA_NCB, "sealed-delivery-amqp");

    Session session = amqpClient(KENYA_NCB).createSession(false, Session.AUTO_ACKNOWLEDGE);
    MessageConsumer consumer = session.createConsumer(session.createQueue("wildex.deliver." + KENYA_NCB));

    assertThat(text(consumer.receive(RECEIVE_MS))).isEqualTo("sealed-delivery-amqp");
  }

  @Test
  void ngo_reads_its_receipts_over_amqp() throws Exception {
    hubSends("wildex.receipts." + EIA, "signed-receipt");

    Session session = amqpClient(EIA).createSession(false, Session.AUTO_ACKNOWLEDGE);
    MessageConsumer consumer = session.createConsumer(session.createQueue("wildex.receipts." + EIA));

    assertThat(text(consumer.receive(RECEIVE_MS))).isEqualTo("signed-receipt");
  }

  @Test
  void amqp_client_denied_another_agencys_queue_sees_unauthorized_access() throws Exception {
    hubSends("wildex.deliver." + TANZANIA_CUSTOMS, "not-for-kenya");
    Session session = amqpClient(KENYA_NCB).createSession(false, Session.AUTO_ACKNOWLEDGE);

    assertThatThrownBy(() -> session.createConsumer(session.createQueue("wildex.deliver." + TANZANIA_CUSTOMS)))
        .isInstanceOf(JMSSecurityException.class)
        .hasMessageContaining("amqp:unauthorized-access");
    assertThatThrownBy(() -> session.createProducer(session.createQueue("wildex.intake")))
        .isInstanceOf(JMSSecurityException.class)
        .hasMessageContaining("amqp:unauthorized-access");
    assertThat(messageCount("wildex.deliver." + TANZANIA_CUSTOMS)).isEqualTo(1);
  }

  @Test
  void agency_consumes_its_own_queue_over_stomp_and_a_delivery_stays_until_the_client_acks_it() throws Exception {
    byte[] sealed = {0x30, (byte) 0x82, 0x00, 0x0a, 0x00, 0x0a, 0x0d, 0x3a, 0x5c, (byte) 0xff};  // NUL, LF, CR, ':', '\\'
    hubSendsBytes("wildex.deliver." + KENYA_NCB, sealed, "pkg-1");

    StompClient first = stomp(KENYA_NCB);
    assertThat(first.subscribe("d", "/queue/wildex.deliver." + KENYA_NCB).command()).isEqualTo("RECEIPT");
    Frame message = first.receive(Duration.ofMillis(RECEIVE_MS));
    assertThat(message).isNotNull();
    assertThat(message.command()).isEqualTo("MESSAGE");
    assertThat(message.body()).isEqualTo(sealed);
    assertThat(message.header("wildexPackageId")).isEqualTo("pkg-1");
    assertThat(messageCount("wildex.deliver." + KENYA_NCB)).as("received, not acknowledged").isEqualTo(1);
    first.close(); // gone without acknowledging

    StompClient second = stomp(KENYA_NCB);
    // the destination without the /queue/ prefix is the same queue
    assertThat(second.subscribe("d", "wildex.deliver." + KENYA_NCB).command()).isEqualTo("RECEIPT");
    Frame again = second.receive(Duration.ofMillis(RECEIVE_MS));
    assertThat(again).isNotNull();
    assertThat(again.body()).isEqualTo(sealed);
    assertThat(second.ack(again).command()).isEqualTo("RECEIPT");
    awaitMessageCount("wildex.deliver." + KENYA_NCB, 0);
    assertThat(second.receive(Duration.ofMillis(500))).as("nothing after the acknowledged delivery").isNull();
  }

  @Test
  void agency_cannot_subscribe_to_another_agencys_queue_or_send_anywhere_over_stomp() throws Exception {
    hubSends("wildex.deliver." + TANZANIA_CUSTOMS, "not-for-kenya");

    for (String destination : List.of("/queue/wildex.deliver." + TANZANIA_CUSTOMS, "wildex.deliver." + TANZANIA_CUSTOMS)) {
      try (StompClient stomp = stomp(KENYA_NCB)) {
        Frame answer = stomp.subscribe("steal", destination);
        assertThat(answer.command()).as(destination).isEqualTo("ERROR");
        // Artemis names no cause in the frame; the same SUBSCRIBE on its own queue succeeds (test above)
        assertThat(answer.header("message")).as(destination).contains("Error creating subscription");
      }
      assertThat(broker.server().locateQueue(SimpleString.of("wildex.deliver." + TANZANIA_CUSTOMS)).getConsumerCount())
          .isZero();
    }
    for (String destination : List.of("/queue/wildex.intake", "/queue/wildex.deliver." + KENYA_NCB)) {
      try (StompClient stomp = stomp(KENYA_NCB)) {
        stomp.send("SEND", Map.of("destination", destination, "receipt", "forged"), "forged".getBytes(StandardCharsets.UTF_8));
        assertThat(stomp.receive(Duration.ofMillis(RECEIVE_MS))).as(destination).isNotNull()
            .extracting(Frame::command).isEqualTo("ERROR");
      }
    }
    assertThat(messageCount("wildex.deliver." + TANZANIA_CUSTOMS)).isEqualTo(1);
    assertThat(messageCount("wildex.intake")).isZero();
    assertThat(messageCount("wildex.deliver." + KENYA_NCB)).isZero();
  }

  @Test
  void stomp_login_is_the_client_certificate_only() throws Exception {
    hubSends("wildex.deliver." + KENYA_NCB, "for-kenya-only");
    // no certificate: the TLS handshake is refused, no CONNECTED ever comes back
    assertThatThrownBy(() -> {
          try (StompClient anonymous = StompClient.open(TlsClients.context(null, pki.trustStore(), TestPki.PASSWORD),
              "127.0.0.1", port)) {
            anonymous.connect(broker.hubUser());
          }
        })
        .isInstanceOf(IOException.class);
    // a certificate not in the directory, or another agency's certificate claiming Kenya's login
    assertThat(connectFrame(STRANGER, null).command()).isEqualTo("ERROR");
    assertThat(connectFrame(TANZANIA_CUSTOMS, KENYA_NCB).command()).isEqualTo("ERROR");
    assertThat(connectFrame(KENYA_NCB, null).command()).as("Kenya itself").isEqualTo("CONNECTED");
    assertThat(messageCount("wildex.deliver." + KENYA_NCB)).isEqualTo(1);
  }

  @Test
  void a_revoked_certificate_is_refused_on_its_next_stomp_connection() throws Exception {
    hubSends("wildex.deliver." + KENYA_NCB, "for-kenya");
    assertThat(connectFrame(KENYA_NCB, null).command()).isEqualTo("CONNECTED");

    revokedSerials.add(Pem.readCertificate(pki.certificatePem(KENYA_NCB)).getSerialNumber());

    Frame refused = connectFrame(KENYA_NCB, null);
    assertThat(refused.command()).isEqualTo("ERROR");
    assertThat(refused.text()).contains("Security Error");
    assertThat(connectFrame(TANZANIA_CUSTOMS, null).command()).as("an agency not revoked").isEqualTo("CONNECTED");
    assertThat(messageCount("wildex.deliver." + KENYA_NCB)).isEqualTo(1);
  }

  @Test
  void certificate_of_one_agency_claiming_anothers_username_gets_nothing() throws Exception {
    hubSends("wildex.deliver." + KENYA_NCB, "for-kenya-only");
    // Kenya's own access first, so any decision cached under its name would be there to borrow
    Session kenya = coreClient(KENYA_NCB, null, null).createSession(false, Session.CLIENT_ACKNOWLEDGE);
    kenya.createBrowser(kenya.createQueue("wildex.deliver." + KENYA_NCB)).getEnumeration().hasMoreElements();

    for (String claimed : List.of(KENYA_NCB, "CN=" + KENYA_NCB + ", O=Org " + KENYA_NCB)) {
      assertThatThrownBy(() -> {
            Session impostor = coreClient(TANZANIA_CUSTOMS, claimed, "any").createSession(false, Session.AUTO_ACKNOWLEDGE);
            impostor.createConsumer(impostor.createQueue("wildex.deliver." + KENYA_NCB)).receive(RECEIVE_MS);
          })
          .as("Tanzania's certificate claiming %s", claimed)
          .isInstanceOf(JMSSecurityException.class);
    }
    assertThat(messageCount("wildex.deliver." + KENYA_NCB)).isEqualTo(1);
  }

  @Test
  void client_without_certificate_is_refused_even_with_hub_credentials() {
    assertThatThrownBy(() -> connect(coreUrl(null), null, null)).isInstanceOf(JMSException.class);
    assertThatThrownBy(() -> connect(coreUrl(null), broker.hubUser(), broker.hubPassword()))
        .isInstanceOf(JMSException.class);
  }

  @Test
  void certificate_from_the_trusted_ca_but_not_in_the_directory_is_refused() {
    assertThatThrownBy(() -> connect(coreUrl(STRANGER), null, null)).isInstanceOf(JMSSecurityException.class);
  }

  @Test
  void hub_credentials_are_refused_beside_a_participant_certificate_and_over_the_network() {
    assertThatThrownBy(() -> connect(coreUrl(KENYA_NCB), broker.hubUser(), broker.hubPassword()))
        .isInstanceOf(JMSSecurityException.class);
  }

  @Test
  void artemis_default_cluster_credentials_do_not_bypass_security() {
    assertThatThrownBy(() -> connect(coreUrl(KENYA_NCB), "ACTIVEMQ.CLUSTER.ADMIN.USER", "CHANGE ME!!"))
        .isInstanceOf(JMSSecurityException.class);
    assertThatThrownBy(() -> connect(broker.inVmUrl(), "ACTIVEMQ.CLUSTER.ADMIN.USER", "CHANGE ME!!"))
        .isInstanceOf(JMSSecurityException.class);
  }

  @Test
  void hub_in_vm_needs_its_password() throws Exception {
    assertThatThrownBy(() -> connect(broker.inVmUrl(), broker.hubUser(), "wrong")).isInstanceOf(JMSSecurityException.class);
    assertThatThrownBy(() -> connect(broker.inVmUrl(), null, null)).isInstanceOf(JMSSecurityException.class);

    hubSends("wildex.intake", "ciphertext");
    Session session = hub().createSession(false, Session.AUTO_ACKNOWLEDGE);
    assertThat(text(session.createConsumer(session.createQueue("wildex.intake")).receive(RECEIVE_MS))).isEqualTo("ciphertext");
  }

  @Test
  void pre_creates_every_address_with_dead_lettering_and_paging() {
    assertThat(List.of("wildex.intake", "wildex.quarantine", "wildex.audit", "wildex.dlq",
            "wildex.deliver." + KENYA_NCB, "wildex.deliver." + TANZANIA_CUSTOMS, "wildex.deliver." + EIA,
            "wildex.receipts." + EIA))
        .allSatisfy(name -> assertThat(broker.server().locateQueue(SimpleString.of(name))).as(name)
            .isNotNull().satisfies(q -> assertThat(q.isDurable()).isTrue()));
    assertThat(broker.server().locateQueue(SimpleString.of("wildex.receipts." + KENYA_NCB))).isNull();

    AddressSettings intake = broker.server().getAddressSettingsRepository().getMatch("wildex.intake");
    assertThat(intake.getDeadLetterAddress().toString()).isEqualTo("wildex.dlq");
    assertThat(intake.getMaxDeliveryAttempts()).isEqualTo(5);
    assertThat(intake.getRedeliveryDelay()).isEqualTo(500);
    assertThat(intake.getRedeliveryMultiplier()).isEqualTo(2.0);
    assertThat(intake.getMaxRedeliveryDelay()).isEqualTo(10_000);
    assertThat(intake.isAutoCreateQueues()).isFalse();
    assertThat(intake.isAutoCreateAddresses()).isFalse();
    assertThat(intake.getMaxSizeBytes()).isPositive();
  }

  @Test
  void message_rolled_back_five_times_is_dead_lettered_with_backoff() throws Exception {
    hubSends("wildex.intake", "poison");
    Session session = hub().createSession(true, Session.SESSION_TRANSACTED);
    MessageConsumer consumer = session.createConsumer(session.createQueue("wildex.intake"));

    long previous = 0;
    for (int attempt = 1; attempt <= 5; attempt++) {
      Message message = consumer.receive(15_000);
      assertThat(text(message)).isEqualTo("poison");
      assertThat(message.getIntProperty("JMSXDeliveryCount")).isEqualTo(attempt);
      long now = System.nanoTime();
      if (attempt > 1) {
        // 500 ms, then doubling: never redelivered sooner than the configured delay
        long expectedMs = Math.min(500L << (attempt - 2), 10_000);
        assertThat((now - previous) / 1_000_000).as("delay before attempt %d", attempt).isGreaterThanOrEqualTo(expectedMs - 50);
      }
      previous = now;
      session.rollback();
    }

    Session dlq = hub().createSession(false, Session.AUTO_ACKNOWLEDGE);
    assertThat(text(dlq.createConsumer(dlq.createQueue("wildex.dlq")).receive(RECEIVE_MS))).isEqualTo("poison");
    assertThat(messageCount("wildex.intake")).isZero();
  }

  @Test
  void persistent_messages_survive_a_broker_restart() throws Exception {
    String firstPassword = broker.hubPassword();
    for (int i = 0; i < 3; i++) {
      hubSends("wildex.deliver." + KENYA_NCB, "delivery-" + i);
    }
    closeClients();
    broker.stop();

    broker = newBroker();
    broker.start();

    assertThat(broker.hubPassword()).isNotEqualTo(firstPassword);
    Session session = coreClient(KENYA_NCB, null, null).createSession(false, Session.AUTO_ACKNOWLEDGE);
    MessageConsumer consumer = session.createConsumer(session.createQueue("wildex.deliver." + KENYA_NCB));
    for (int i = 0; i < 3; i++) {
      assertThat(text(consumer.receive(RECEIVE_MS))).isEqualTo("delivery-" + i);
    }
  }

  @Test
  void refuses_to_start_when_the_network_port_is_taken() throws Exception {
    broker.stop();
    try (java.net.ServerSocket squatter = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
      EmbeddedBroker second = new EmbeddedBroker(settings());
      try {
        assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("acceptor");
        assertThat(second.isStarted()).isFalse();
      } finally {
        second.close();
      }
    }
  }

  // ---- helpers

  private EmbeddedBroker newBroker() {
    return new EmbeddedBroker(settings()).withRevocationCheck(cert -> revokedSerials.contains(cert.getSerialNumber()));
  }

  /** A STOMP 1.2 client over TLS with the participant's certificate, CONNECTED (asserted), closed after the test. */
  private StompClient stomp(String participant) throws Exception {
    StompClient client = StompClient.open(TlsClients.context(pki.p12(participant), pki.trustStore(), TestPki.PASSWORD),
        "127.0.0.1", port);
    opened.push(client);
    assertThat(client.connect(null).command()).as("CONNECT as %s", participant).isEqualTo("CONNECTED");
    return client;
  }

  /** What the broker answers to a STOMP CONNECT with the participant's certificate and the given login. */
  private Frame connectFrame(String participant, String login) throws Exception {
    try (StompClient client = StompClient.open(
        TlsClients.context(pki.p12(participant), pki.trustStore(), TestPki.PASSWORD), "127.0.0.1", port)) {
      return client.connect(login);
    }
  }

  private void hubSendsBytes(String queue, byte[] body, String packageId) throws JMSException {
    try (Connection connection = hub(); Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
      BytesMessage message = session.createBytesMessage();
      message.writeBytes(body);
      message.setStringProperty("wildexPackageId", packageId);
      session.createProducer(session.createQueue(queue)).send(message);
    }
  }

  private void awaitMessageCount(String queue, long count) {
    await().atMost(Duration.ofSeconds(10)).until(() -> messageCount(queue) == count);
  }

  private BrokerSettings settings() {
    return new BrokerSettings(dataDir, "127.0.0.1", port, pki.hubKeyStore(), pki.trustStore(),
        TestPki.PASSWORD, pki.directory());
  }

  private Connection hub() throws JMSException {
    return connect(broker.inVmUrl(), broker.hubUser(), broker.hubPassword());
  }

  private void hubSends(String queue, String body) throws JMSException {
    try (Connection connection = hub(); Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
      session.createProducer(session.createQueue(queue)).send(session.createTextMessage(body));
    }
  }

  private Connection coreClient(String participant, String user, String password) throws JMSException {
    return connect(coreUrl(participant), user, password);
  }

  /** Core over TLS; {@code participant} null means no client certificate. */
  private String coreUrl(String participant) {
    StringBuilder url = new StringBuilder("tcp://127.0.0.1:").append(port)
        // a refused TLS handshake surfaces only when the call times out: keep that short
        .append("?sslEnabled=true&callTimeout=").append(participant == null ? 2_000 : 10_000)
        .append("&trustStoreType=PKCS12&trustStorePath=").append(pki.trustStore())
        .append("&trustStorePassword=").append(TestPki.PASSWORD);
    if (participant != null) {
      url.append("&keyStoreType=PKCS12&keyStorePath=").append(pki.p12(participant))
          .append("&keyStorePassword=").append(TestPki.PASSWORD);
    }
    return url.toString();
  }

  private Connection connect(String url, String user, String password) throws JMSException {
    ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url);
    opened.push(factory);
    return started(factory, user, password);
  }

  private Connection amqpClient(String participant) throws JMSException {
    String url = "amqps://127.0.0.1:" + port
        + "?transport.storeType=PKCS12"
        + "&transport.keyStoreLocation=" + pki.p12(participant)
        + "&transport.keyStorePassword=" + TestPki.PASSWORD
        + "&transport.trustStoreLocation=" + pki.trustStore()
        + "&transport.trustStorePassword=" + TestPki.PASSWORD
        + "&amqp.saslMechanisms=EXTERNAL";
    return started(new JmsConnectionFactory(url), null, null);
  }

  private Connection started(ConnectionFactory factory, String user, String password) throws JMSException {
    Connection connection = user == null && password == null
        ? factory.createConnection() : factory.createConnection(user, password);
    opened.push(connection);
    connection.start();
    return connection;
  }

  private long messageCount(String queue) {
    Queue q = broker.server().locateQueue(SimpleString.of(queue));
    return q.getMessageCount();
  }

  private static String text(Message message) throws JMSException {
    assertThat(message).as("a message within %d ms", RECEIVE_MS).isInstanceOf(TextMessage.class);
    return ((TextMessage) message).getText();
  }

  private void closeClients() throws Exception {
    while (!opened.isEmpty()) {
      try {
        opened.pop().close();
      } catch (Exception ignored) {
        // closing a refused connection may fail; nothing left to release
      }
    }
  }
}
