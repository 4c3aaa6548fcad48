package org.wildex.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildex.contracts.pkg.PackageCodec;
import org.wildex.contracts.receipt.Receipt;
import org.wildex.crypto.cms.Cms;
import org.wildex.crypto.pki.DemoPki;
import org.wildex.ops.Workdir;
import org.wildex.ops.client.DeadLetters;
import org.wildex.ops.client.Mailbox;
import org.wildex.ops.demo.DemoSetup;
import org.wildex.routes.Hub;
import org.wildex.routes.HubSettings;
import org.wildex.routes.support.FreePorts;

/**
 * A message the hub cannot process is redelivered by the broker and then dead-lettered; the operator sees it with
 * {@code wildex dlq list} and puts a message back with {@code wildex dlq replay}.
 */
class DlqIT {

  @TempDir Path dir;

  @Test
  void a_poison_message_is_dead_lettered_listed_and_a_replayed_one_is_processed() throws Exception {
    Workdir workdir = new Workdir(dir);
    DemoSetup.create(workdir);
    try (Hub hub = Hub.start(HubSettings.defaults(dir).withPorts(FreePorts.next(), FreePorts.next()))) {
      String broker = hub.brokerUrl();
      byte[] sealed = sealedPackage(workdir);

      // poison: a submission without the tracking id intake always stamps; processing fails every time
      sendAsHub(workdir, broker, "wildex.intake", sealed, null);
      DeadLetters.Entry poison = awaitDeadLetter(workdir, broker, 1).get(0);
      assertThat(poison.originalAddress()).isEqualTo("wildex.intake");
      assertThat(poison.bytes()).isEqualTo(sealed.length);

      Cli list = cli("dlq", "list", "--workdir", dir.toString(), "--broker", broker);
      assertThat(list.exit()).isZero();
      assertThat(list.out()).contains(poison.id()).contains("wildex.intake").contains("1 dead-lettered message(s)");

      // a good submission that was dead-lettered (say while a dependency was down) goes back and is processed
      String trackingId = UUID.randomUUID().toString();
      sendAsHub(workdir, broker, "wildex.dlq", sealedPackage(workdir), trackingId);
      DeadLetters.Entry good = awaitDeadLetter(workdir, broker, 2).stream()
          .filter(e -> trackingId.equals(e.trackingId())).findFirst().orElseThrow();
      Cli replay = cli("dlq", "replay", good.id(), "--workdir", dir.toString(), "--broker", broker);
      assertThat(replay.exit()).as(replay.err()).isZero();
      assertThat(replay.out()).contains("replayed").contains("wildex.intake");

      Receipt receipt = awaitReceipt(workdir, broker);
      assertThat(receipt.trackingId().toString()).isEqualTo(trackingId);
      assertThat(receipt.status()).isEqualTo(Receipt.ACCEPTED);
      try (DeadLetters dlq = deadLetters(workdir, broker)) {
        assertThat(dlq.list()).extracting(DeadLetters.Entry::id).containsExactly(poison.id());
      }
      assertThat(cli("dlq", "replay", "ID:no-such-message", "--workdir", dir.toString(), "--broker", broker).exit()).isEqualTo(1);
    }
  }

  @Test
  void withdraw_moves_what_waits_for_a_revoked_participant_into_the_dlq_and_replay_puts_it_back() throws Exception {
    Workdir workdir = new Workdir(dir);
    DemoSetup.create(workdir);
    try (Hub hub = Hub.start(HubSettings.defaults(dir).withPorts(FreePorts.next(), FreePorts.next()))) {
      String broker = hub.brokerUrl();
      byte[] first = {1, 2, 3};
      byte[] second = {4, 5, 6, 7};
      sendAsHub(workdir, broker, "wildex.deliver.ncb-la", first, null);
      sendAsHub(workdir, broker, "wildex.deliver.ncb-la", second, null);
      sendAsHub(workdir, broker, "wildex.deliver.customs-la", first, null);

      Cli withdraw = cli("dlq", "withdraw", "ncb-la", "--workdir", dir.toString(), "--broker", broker);
      assertThat(withdraw.exit()).as(withdraw.err()).isZero();
      assertThat(withdraw.out()).contains("2 message(s) moved from wildex.deliver.ncb-la to wildex.dlq");
      assertThat(depth(workdir, broker, "wildex.deliver.ncb-la")).isZero();
      assertThat(depth(workdir, broker, "wildex.deliver.customs-la")).as("others untouched").isEqualTo(1);

      try (DeadLetters dlq = deadLetters(workdir, broker)) {
        List<DeadLetters.Entry> held = dlq.list();
        assertThat(held).extracting(DeadLetters.Entry::originalAddress).containsOnly("wildex.deliver.ncb-la");
        assertThat(held).extracting(DeadLetters.Entry::bytes).containsExactlyInAnyOrder(3L, 4L);
        assertThat(dlq.replay(held.get(0).id())).isPresent();
      }
      assertThat(depth(workdir, broker, "wildex.deliver.ncb-la")).isEqualTo(1);
    }
  }

  private static byte[] sealedPackage(Workdir workdir) throws Exception {
    String json = """
        {"id": "%s", "createdAt": "%s", "originator": {"org": "eia", "reference": "DLQ-1"}, "title": "Ivory carvings",
         "tlp": "GREEN", "subjects": [{"ref": "S1", "type": "ORGANISATION", "name": "Carving shop", "country": "KH"}],
         "requestedAction": "INVESTIGATE"}
        """.formatted(UUID.randomUUID(), Instant.now());
    return Cms.seal(json.getBytes(StandardCharsets.UTF_8), workdir.keys("eia"), workdir.hubCertificate());
  }

  private static void sendAsHub(Workdir workdir, String broker, String queue, byte[] body, String trackingId) throws Exception {
    String url = broker + "?sslEnabled=true&keyStorePath=" + workdir.keyStore("hub") + "&keyStorePassword=" + DemoPki.PASSWORD
        + "&trustStorePath=" + workdir.trustStore() + "&trustStorePassword=" + DemoPki.PASSWORD;
    try (Connection c = new ActiveMQConnectionFactory(url).createConnection()) {
      Session session = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
      BytesMessage m = session.createBytesMessage();
      m.writeBytes(body);
      m.setStringProperty("wildexClientId", "eia");
      m.setStringProperty("wildexReceivedAt", Instant.now().toString());
      if (trackingId != null) {
        m.setStringProperty("wildexTrackingId", trackingId);
        m.setStringProperty("_AMQ_ORIG_ADDRESS", "wildex.intake");
      }
      try (MessageProducer producer = session.createProducer(session.createQueue(queue))) {
        producer.send(m);
      }
    }
  }

  /** Messages waiting on a queue, browsed as the hub. */
  private static int depth(Workdir workdir, String broker, String queue) throws Exception {
    String url = broker + "?sslEnabled=true&keyStorePath=" + workdir.keyStore("hub") + "&keyStorePassword=" + DemoPki.PASSWORD
        + "&trustStorePath=" + workdir.trustStore() + "&trustStorePassword=" + DemoPki.PASSWORD;
    try (Connection c = new ActiveMQConnectionFactory(url).createConnection()) {
      c.start();
      Session session = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
      return java.util.Collections.list(session.createBrowser(session.createQueue(queue)).getEnumeration()).size();
    }
  }

  private static List<DeadLetters.Entry> awaitDeadLetter(Workdir workdir, String broker, int count) throws Exception {
    Instant deadline = Instant.now().plusSeconds(90);
    try (DeadLetters dlq = deadLetters(workdir, broker)) {
      while (Instant.now().isBefore(deadline)) {
        List<DeadLetters.Entry> entries = dlq.list();
        if (entries.size() >= count) {
          return entries;
        }
        Thread.sleep(250);
      }
    }
    throw new AssertionError("fewer than " + count + " dead-lettered messages after 90 s");
  }

  private static Receipt awaitReceipt(Workdir workdir, String broker) throws Exception {
    for (int round = 0; round < 40; round++) {
      List<Mailbox.Item> items = Mailbox.receipts(workdir, "eia").fetch(broker, DemoPki.PASSWORD, Duration.ofMillis(500));
      if (!items.isEmpty()) {
        return PackageCodec.fromJson(items.get(0).json(), Receipt.class);
      }
    }
    throw new AssertionError("no receipt for the replayed submission");
  }

  private static DeadLetters deadLetters(Workdir workdir, String broker) throws Exception {
    return new DeadLetters(broker, workdir.keyStore("hub"), workdir.trustStore(), DemoPki.PASSWORD);
  }

  record Cli(int exit, String out, String err) {}

  /** Runs a wildex command in this JVM, capturing what it prints. */
  private static Cli cli(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int exit = WildexCommand.commandLine().execute(args);
      return new Cli(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }
}
