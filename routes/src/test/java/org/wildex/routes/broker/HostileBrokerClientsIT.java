package org.wildex.routes.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import jakarta.jms.Connection;
import javax.net.ssl.SSLContext;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.qpid.jms.JmsConnectionFactory;
import javax.net.ssl.SSLSocket;
import org.apache.qpid.proton.Proton;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.ApplicationProperties;
import org.apache.qpid.proton.amqp.messaging.Rejected;
import org.apache.qpid.proton.amqp.messaging.Source;
import org.apache.qpid.proton.amqp.messaging.Target;
import org.apache.qpid.proton.engine.Delivery;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Sender;
import org.apache.qpid.proton.message.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wildex.contracts.directory.ParticipantKind;
import org.wildex.routes.support.FreePorts;
import org.wildex.routes.support.RawAmqpClient;
import org.wildex.routes.support.StompClient;
import org.wildex.routes.support.TestPki;
import org.wildex.routes.support.TestPki.Member;
import org.wildex.routes.support.TlsClients;

/** Clients of the participants' broker port that announce more than they send, or ask for what makes Artemis trip. */
class HostileBrokerClientsIT {

  private static final String AGENCY = "ncb-ke";
  /** Sooner than Artemis's connection TTL (30 to 60 s): the login deadline, its once-a-second check, and slack. */
  private static final Duration PROMPTLY = LoginDeadline.DEADLINE.plusSeconds(4);

  @TempDir static Path pkiDir;
  @TempDir Path dataDir;

  private static TestPki pki;
  private int port;
  private EmbeddedBroker broker;

  @BeforeAll
  static void createPki() throws Exception {
    pki = TestPki.create(pkiDir, List.of(new Member(AGENCY, ParticipantKind.NCB, "KE")), List.of());
  }

  @BeforeEach
  void startBroker() throws Exception {
    port = FreePorts.next();
    broker = new EmbeddedBroker(new BrokerSettings(dataDir, "127.0.0.1", port, pki.hubKeyStore(), pki.trustStore(),
        TestPki.PASSWORD, pki.directory()));
    broker.start();
  }

  @AfterEach
  void stopBroker() throws Exception {
    broker.close();
  }

  /** The protocol's header (hex), then a frame header announcing gigabytes, then nothing more. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "AMQP with SASL, 414d5150 03010000, ffffffff 02010000",
      "AMQP without SASL, 414d5150 00010000, ffffffff 02000000",
      "AMQP without SASL 2 GiB, 414d5150 00010000, 7fffffff 02000000",
      "Core 1 GiB, 41525445 4d4953, 40000000",
      "STOMP 1 GiB, 434f4e4e 4543540a, 636f6e74656e742d6c656e6774683a 31303733373431383234 0a0a",
  })
  void a_frame_header_announcing_gigabytes_closes_the_connection_promptly_without_java_exception_text(
      String protocol, String header, String frameHeader) throws Exception {
    try (Socket tcp = new Socket()) {
      SSLSocket tls = handshake(tcp);
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      CompletableFuture<Void> closed = CompletableFuture.runAsync(() -> {
        try {
          tls.getInputStream().transferTo(answer);
        } catch (IOException reset) {
          // closed all the same
        }
      });
      tls.getOutputStream().write(hex(header));
      tls.getOutputStream().write(hex(frameHeader));
      tls.getOutputStream().flush();

      assertThat(closed).as("%s connection closed by the broker", protocol).succeedsWithin(PROMPTLY);
      assertNoJavaText(answer.toString(StandardCharsets.ISO_8859_1));
    }
  }

  @Test
  void clients_that_logged_in_stay_connected_past_the_login_deadline() throws Exception {
    String tlsParams = "keyStoreType=PKCS12&keyStorePath=" + pki.p12(AGENCY) + "&keyStorePassword=" + TestPki.PASSWORD
        + "&trustStoreType=PKCS12&trustStorePath=" + pki.trustStore() + "&trustStorePassword=" + TestPki.PASSWORD;
    try (ActiveMQConnectionFactory coreFactory = new ActiveMQConnectionFactory(
            "tcp://127.0.0.1:" + port + "?sslEnabled=true&" + tlsParams);
        Connection core = coreFactory.createConnection();
        Connection amqp = new JmsConnectionFactory("amqps://127.0.0.1:" + port + "?transport.storeType=PKCS12"
            + "&transport.keyStoreLocation=" + pki.p12(AGENCY) + "&transport.keyStorePassword=" + TestPki.PASSWORD
            + "&transport.trustStoreLocation=" + pki.trustStore() + "&transport.trustStorePassword=" + TestPki.PASSWORD
            + "&amqp.saslMechanisms=EXTERNAL").createConnection();
        StompClient stomp = StompClient.open(tls(AGENCY), "127.0.0.1", port)) {
      core.start();
      amqp.start();
      assertThat(stomp.connect(null).command()).isEqualTo("CONNECTED");

      await().during(LoginDeadline.DEADLINE.plusSeconds(2)).atMost(LoginDeadline.DEADLINE.plusSeconds(10))
          .until(() -> broker.server().getConnectionCount() == 3);
    }
  }

  @Test
  void an_amqp_attach_without_a_target_is_refused_without_java_exception_text() throws Exception {
    try (RawAmqpClient amqp = RawAmqpClient.open(tls(AGENCY), "127.0.0.1", port)) {
      Sender sender = amqp.session().sender("no-target");
      sender.setSource(new Source());
      sender.setTarget(null);
      sender.open();

      amqp.pumpUntil(() -> sender.getRemoteState() == EndpointState.CLOSED
          || amqp.connection().getRemoteState() == EndpointState.CLOSED, Duration.ofSeconds(10));

      String refusal = amqp.refusal(sender.getRemoteCondition());
      assertThat(refusal).as("the refusal").isNotEmpty();
      assertNoJavaText(refusal);
    }
  }

  @ParameterizedTest(name = "to {0}")
  @CsvSource({"activemq.management", "activemq.management.anything", "wildex.intake"})
  void an_anonymous_relay_send_is_refused_without_java_exception_text(String to) throws Exception {
    try (RawAmqpClient amqp = RawAmqpClient.open(tls(AGENCY), "127.0.0.1", port)) {
      Sender relay = amqp.session().sender("relay");
      relay.setSource(new Source());
      relay.setTarget(new Target()); // no address: the anonymous relay, each message names its own
      relay.open();
      amqp.pumpUntil(() -> relay.getCredit() > 0 || closed(amqp, relay), Duration.ofSeconds(10));
      Delivery delivery = null;
      if (!closed(amqp, relay)) {
        delivery = send(relay, to);
        Delivery sent = delivery;
        amqp.pumpUntil(() -> sent.getRemoteState() != null || closed(amqp, relay), Duration.ofSeconds(10));
      }

      String refusal = delivery != null && delivery.getRemoteState() instanceof Rejected rejected
          ? amqp.refusal(rejected.getError()) : amqp.refusal(relay.getRemoteCondition());
      assertThat(delivery).as("nothing accepted").matches(d -> d == null || !(d.getRemoteState() instanceof Accepted));
      assertThat(refusal).as("the refusal").isNotEmpty();
      assertNoJavaText(refusal);
    }
  }

  @ParameterizedTest(name = "content-length {0}")
  @CsvSource({"2147483647", "2147483646"})
  void a_stomp_frame_with_an_impossible_content_length_is_refused_without_jvm_text(String length) throws Exception {
    try (StompClient stomp = StompClient.open(tls(AGENCY), "127.0.0.1", port)) {
      assertThat(stomp.connect(null).command()).isEqualTo("CONNECTED");
      stomp.sendRaw(("SEND\ndestination:/queue/wildex.deliver." + AGENCY + "\ncontent-length:" + length + "\n\nabc")
          .getBytes(StandardCharsets.UTF_8));
      StompClient.Frame error = stomp.receive(Duration.ofSeconds(10));
      assertThat(error).as("an answer").isNotNull();
      assertThat(error.command()).isEqualTo("ERROR");
      String said = error.header("message") + "\n" + error.text();
      assertNoJavaText(said);
      assertThat(said).doesNotContain("VM limit").contains("FRAME_INVALID");
    }
  }

  private static boolean closed(RawAmqpClient amqp, Sender link) {
    return link.getRemoteState() == EndpointState.CLOSED || amqp.connection().getRemoteState() == EndpointState.CLOSED;
  }

  /** One message to {@code to}, as a management request would be (the operation in its application properties). */
  private static Delivery send(Sender relay, String to) {
    Message message = Proton.message();
    message.setAddress(to);
    message.setApplicationProperties(new ApplicationProperties(Map.of("_AMQ_ResourceName", "broker",
        "_AMQ_OperationName", "getQueueNames")));
    message.setBody(new AmqpValue("[]"));
    byte[] encoded = new byte[1024];
    int length = message.encode(encoded, 0, encoded.length);
    Delivery delivery = relay.delivery(new byte[] {1});
    relay.send(encoded, 0, length);
    relay.advance();
    return delivery;
  }

  /** No Java exception name, message or stack frame (an Artemis coded message such as AMQ229032 is fine). */
  private static void assertNoJavaText(String description) {
    assertThat(description)
        .doesNotContain("Exception")
        .doesNotContain("Cannot invoke")
        .doesNotContain(".java:")
        .doesNotContainPattern("\\b(java|javax|jakarta|org|io|com)\\.[a-z]+\\.");
  }

  private static SSLContext tls(String participant) throws Exception {
    return TlsClients.context(pki.p12(participant), pki.trustStore(), TestPki.PASSWORD);
  }

  private SSLSocket handshake(Socket tcp) throws Exception {
    tcp.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    SSLSocket tls = (SSLSocket) TlsClients.context(pki.p12(AGENCY), pki.trustStore(), TestPki.PASSWORD)
        .getSocketFactory().createSocket(tcp, "localhost", port, true);
    tls.startHandshake();
    return tls;
  }

  private static byte[] hex(String spaced) {
    return HexFormat.of().parseHex(spaced.replace(" ", ""));
  }
}
