package org.wildex.routes.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A minimal STOMP 1.2 client over TLS, written by hand (frames are lines of text and a NUL-terminated body), so tests
 * see exactly which frame the broker answers with. Not thread-safe; one client per connection.
 */
public final class StompClient implements AutoCloseable {

  /** A frame: command, headers (decoded; the first of a repeated header wins, as STOMP 1.2 says) and body bytes. */
  public record Frame(String command, Map<String, String> headers, byte[] body) {
    public String header(String name) {
      return headers.get(name);
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return command + " " + headers + (command.equals("ERROR") ? " " + text() : "");
    }
  }

  private final SSLSocket socket;
  private final InputStream in;
  private final OutputStream out;

  private StompClient(SSLSocket socket) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  /** Opens TLS to the broker with {@code tls} (its key managers decide which client certificate, if any, is shown). */
  public static StompClient open(SSLContext tls, String host, int port) throws IOException {
    SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(host, port);
    socket.setSoTimeout(10_000);
    return new StompClient(socket);
  }

  /**
   * Sends CONNECT (STOMP 1.2, no login unless given, never a passcode) and returns the answer: {@code CONNECTED} or
   * {@code ERROR}. A broker that drops the TLS connection instead throws {@link IOException}.
   */
  public Frame connect(String login) throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("accept-version", "1.2");
    headers.put("host", "wildex");
    headers.put("heart-beat", "0,0");
    if (login != null) {
      headers.put("login", login);
    }
    send("CONNECT", headers, null);
    Frame answer = receive(Duration.ofSeconds(10));
    if (answer == null) {
      throw new SocketTimeoutException("no answer to CONNECT");
    }
    return answer;
  }

  /** Subscribes with {@code client-individual} acknowledgement and asks for a receipt; returns RECEIPT or ERROR. */
  public Frame subscribe(String id, String destination) throws IOException {
    send("SUBSCRIBE", Map.of("id", id, "destination", destination, "ack", "client-individual", "receipt", "sub-" + id), null);
    return receive(Duration.ofSeconds(10));
  }

  /** Acknowledges one MESSAGE (its {@code ack} header) and asks for a receipt; returns RECEIPT or ERROR. */
  public Frame ack(Frame message) throws IOException {
    send("ACK", Map.of("id", message.header("ack"), "receipt", "ack-" + message.header("ack")), null);
    return receive(Duration.ofSeconds(10));
  }

  /** Sends a frame; the body, when given, with its {@code content-length}. */
  public void send(String command, Map<String, String> headers, byte[] body) throws IOException {
    StringBuilder frame = new StringBuilder(command).append('\n');
    boolean escape = !command.equals("CONNECT");
    headers.forEach((k, v) -> frame.append(escape ? encode(k) : k).append(':').append(escape ? encode(v) : v).append('\n'));
    if (body != null) {
      frame.append("content-length:").append(body.length).append('\n');
    }
    frame.append('\n');
    out.write(frame.toString().getBytes(StandardCharsets.UTF_8));
    if (body != null) {
      out.write(body);
    }
    out.write(0);
    out.flush();
  }

  /** Sends bytes as they are (a hand-made, possibly broken frame). */
  public void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** The next frame, or null when none arrives within {@code timeout}; EOF (the broker closed) throws. */
  public Frame receive(Duration timeout) throws IOException {
    socket.setSoTimeout((int) timeout.toMillis());
    String command;
    try {
      do {
        command = readLine(); // heart-beats are bare EOLs
      } while (command.isEmpty());
    } catch (SocketTimeoutException quiet) {
      return null;
    }
    Map<String, String> headers = new LinkedHashMap<>();
    boolean decode = !command.equals("CONNECTED");
    for (String line = readLine(); !line.isEmpty(); line = readLine()) {
      int colon = line.indexOf(':');
      String name = line.substring(0, colon);
      String value = line.substring(colon + 1);
      headers.putIfAbsent(decode ? decode(name) : name, decode ? decode(value) : value);
    }
    byte[] body;
    String length = headers.get("content-length");
    if (length != null) {
      body = in.readNBytes(Integer.parseInt(length));
      if (body.length != Integer.parseInt(length) || in.read() != 0) {
        throw new IOException("frame " + command + " not terminated by NUL after its content-length");
      }
    } else {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      for (int b = read(); b != 0; b = read()) {
        bytes.write(b);
      }
      body = bytes.toByteArray();
    }
    return new Frame(command, headers, body);
  }

  /** Sends DISCONNECT with a receipt and waits for it (a clean goodbye: unacknowledged messages go back). */
  public void disconnect() throws IOException {
    send("DISCONNECT", Map.of("receipt", "bye"), null);
    receive(Duration.ofSeconds(10));
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = read(); b != '\n'; b = read()) {
      line.write(b);
    }
    String s = line.toString(StandardCharsets.UTF_8);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  private int read() throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new EOFException("the broker closed the connection");
    }
    return b;
  }

  private static String encode(String s) {
    return s.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n").replace(":", "\\c");
  }

  private static String decode(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char next = s.charAt(++i);
        out.append(switch (next) {
          case 'c' -> ':';
          case 'n' -> '\n';
          case 'r' -> '\r';
          default -> next;
        });
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
