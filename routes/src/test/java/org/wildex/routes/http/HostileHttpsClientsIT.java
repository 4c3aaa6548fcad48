package org.wildex.routes.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSocket;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.wildex.crypto.pki.DemoPki;
import org.wildex.routes.support.TlsClients;

/** Clients that vanish mid-request or send too slowly: what the hub logs about them, and how long it waits. */
class HostileHttpsClientsIT {

  private static final String HEADERS = "POST /api/v1/packages HTTP/1.1\r\nHost: localhost\r\n"
      + "Content-Type: application/pkcs7-mime\r\nContent-Length: 1000\r\n\r\n";

  private static final Duration DEADLINE = Duration.ofSeconds(2);
  /** Time for the server's timer, the 408 and the close to reach the client on a busy 2-core machine. */
  private static final Duration SLACK = Duration.ofSeconds(3);

  @TempDir static Path pki;

  private HttpsServer server;
  private CamelContext camel;
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();

  @BeforeAll
  static void createPki() throws Exception {
    DemoPki.create(pki, List.of(new DemoPki.Subject("eia", "Environmental Investigation Agency", DemoPki.KeyType.EC_P256)));
  }

  @BeforeEach
  void start() throws Exception {
    log.start();
    root().addAppender(log);
    server = new HttpsServer(new HttpsSettings("127.0.0.1", 0, pki.resolve("hub.p12"), pki.resolve("truststore.p12"),
        DemoPki.PASSWORD, 4096, DEADLINE));
    server.start();
    camel = new DefaultCamelContext();
    server.bindTo(camel);
    camel.addRoutes(new RouteBuilder() {
      @Override
      public void configure() {
        from("platform-http:/api/v1/packages?httpMethodRestrict=POST").routeId("test.size")
            .process(exchange -> exchange.getMessage().setBody("got " + exchange.getIn().getBody(byte[].class).length));
      }
    });
    camel.start();
  }

  @AfterEach
  void stop() throws Exception {
    try {
      if (camel != null) {
        camel.close();
      }
      if (server != null) {
        server.close();
      }
    } finally {
      root().detachAppender(log);
    }
  }

  @Test
  void clients_that_reset_or_close_mid_request_leave_no_error_and_no_stack_trace_in_the_log() throws Exception {
    for (int i = 0; i < 3; i++) {
      try (Socket tcp = new Socket()) {
        SSLSocket tls = handshake(tcp);
        tls.getOutputStream().write((HEADERS + "partial body").getBytes(StandardCharsets.US_ASCII));
        tls.getOutputStream().flush();
        pause(); // pacing only: the server is reading the body when the reset arrives
        reset(tcp);
      }
      try (Socket tcp = new Socket()) {
        SSLSocket tls = handshake(tcp);
        tls.getOutputStream().write((HEADERS + "partial body").getBytes(StandardCharsets.US_ASCII));
        tls.getOutputStream().flush();
        pause();
        tls.close(); // close_notify, then FIN
      }
      try (Socket tcp = new Socket()) {
        SSLSocket tls = handshake(tcp);
        tls.getOutputStream().write("POST /api/v1/packages HTTP/1.1\r\nHost: loc".getBytes(StandardCharsets.US_ASCII));
        tls.getOutputStream().flush();
        pause();
        reset(tcp);
      }
    }

    // the server notices the closes asynchronously: the log must stay clean while it does
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(events())
        .as("log events while clients vanished")
        .noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
        .noneMatch(e -> e.getThrowableProxy() != null));
    assertThat(events()).as("at most one line per request cut short (6), none for a request not yet parsed")
        .filteredOn(e -> e.getFormattedMessage().startsWith("event=CLIENT_GONE"))
        .hasSizeLessThanOrEqualTo(6);
  }

  @Test
  void a_client_trickling_its_headers_is_cut_off_at_the_request_deadline() throws Exception {
    try (Socket tcp = new Socket()) {
      SSLSocket tls = handshake(tcp);

      Cutoff cutoff = trickle(tls, ("POST /api/v1/packages HTTP/1.1\r\nHost: localhost\r\nX-Pad: " + "a".repeat(200))
          .getBytes(StandardCharsets.US_ASCII));

      assertThat(cutoff.after()).as("closed by the hub after").isLessThanOrEqualTo(DEADLINE.plus(SLACK));
      assertThat(cutoff.answer()).as("an answer, if any").matches("(?s)(HTTP/1\\.1 408 .*)?");
    }
  }

  @Test
  void a_kept_alive_client_trickling_its_next_body_gets_408_at_the_request_deadline() throws Exception {
    try (Socket tcp = new Socket()) {
      SSLSocket tls = handshake(tcp);
      tls.getOutputStream().write((HEADERS.replace("1000", "5") + "12345").getBytes(StandardCharsets.US_ASCII));
      assertThat(readAnswer(tls.getInputStream())).startsWith("HTTP/1.1 200").endsWith("got 5");

      tls.getOutputStream().write(HEADERS.getBytes(StandardCharsets.US_ASCII));
      Cutoff cutoff = trickle(tls, new byte[1000]);

      assertThat(cutoff.after()).as("closed by the hub after").isLessThanOrEqualTo(DEADLINE.plus(SLACK));
      assertThat(cutoff.answer()).startsWith("HTTP/1.1 408").contains("\"reason\":\"REQUEST_TIMEOUT\"");
    }
  }

  /** When the hub closed the connection, counted from the first byte trickled, and what it answered before. */
  private record Cutoff(Duration after, String answer) {}

  /**
   * Sends {@code bytes} one every 250 ms (so an idle timeout never fires) until the hub closes the connection; fails
   * when it is still open after the deadline and the slack.
   */
  private static Cutoff trickle(SSLSocket tls, byte[] bytes) throws Exception {
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    CompletableFuture<Long> closedAt = CompletableFuture.supplyAsync(() -> {
      try {
        tls.getInputStream().transferTo(answer);
      } catch (IOException reset) {
        // closed all the same
      }
      return System.nanoTime();
    });
    long start = System.nanoTime();
    OutputStream out = tls.getOutputStream();
    for (int i = 0; i < bytes.length && !closedAt.isDone()
        && System.nanoTime() - start < DEADLINE.plus(SLACK).toNanos(); i++) {
      try {
        out.write(bytes[i]);
        out.flush();
      } catch (IOException closed) {
        break;
      }
      Thread.sleep(250); // pacing: one byte every 250 ms
    }
    assertThat(closedAt).as("connection closed by the hub").succeedsWithin(Duration.ofSeconds(1));
    return new Cutoff(Duration.ofNanos(closedAt.get() - start), answer.toString(StandardCharsets.US_ASCII));
  }

  /** One HTTP/1.1 answer (its body sent with a Content-Length or chunked), as text without the chunk framing. */
  private static String readAnswer(InputStream in) throws IOException {
    String head = readLine(in, "\r\n\r\n");
    Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
    if (length.find()) {
      return head + new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.US_ASCII);
    }
    StringBuilder body = new StringBuilder();
    for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
      body.append(new String(in.readNBytes(size), StandardCharsets.US_ASCII));
      readLine(in, "\r\n");
    }
    readLine(in, "\r\n");
    return head + body;
  }

  private static int chunkSize(InputStream in) throws IOException {
    return Integer.parseInt(readLine(in, "\r\n").trim(), 16);
  }

  private static String readLine(InputStream in, String end) throws IOException {
    StringBuilder text = new StringBuilder();
    while (!text.toString().endsWith(end)) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed after " + text);
      }
      text.append((char) b);
    }
    return text.toString();
  }

  private SSLSocket handshake(Socket tcp) throws Exception {
    tcp.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
    tcp.setSoTimeout(10_000);
    SSLSocket tls = (SSLSocket) TlsClients.context(pki.resolve("eia.p12"), pki.resolve("truststore.p12"), DemoPki.PASSWORD)
        .getSocketFactory().createSocket(tcp, "localhost", server.port(), true);
    tls.startHandshake();
    return tls;
  }

  /** Drops the TCP connection with a reset, without a TLS close_notify (as a crashed client or a middlebox would). */
  private static void reset(Socket tcp) throws IOException {
    tcp.setSoLinger(true, 0);
    tcp.close();
  }

  /** What was logged so far (the appender adds under its own lock). */
  private List<ILoggingEvent> events() {
    synchronized (log) {
      return List.copyOf(log.list);
    }
  }

  private static void pause() throws InterruptedException {
    Thread.sleep(200);
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }
}
