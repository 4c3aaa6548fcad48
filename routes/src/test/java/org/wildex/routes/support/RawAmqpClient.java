package org.wildex.routes.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.apache.qpid.proton.Proton;
import org.apache.qpid.proton.amqp.transport.ErrorCondition;
import org.apache.qpid.proton.engine.Connection;
import org.apache.qpid.proton.engine.EndpointState;
import org.apache.qpid.proton.engine.Sasl;
import org.apache.qpid.proton.engine.Session;
import org.apache.qpid.proton.engine.Transport;

/**
 * An AMQP 1.0 client on the bare proton-j engine over TLS, for frames a JMS client never sends (an attach without a
 * target). Authenticates with SASL EXTERNAL (the TLS client certificate). Not thread-safe; pump it from one thread.
 */
public final class RawAmqpClient implements AutoCloseable {

  private final SSLSocket socket;
  private final InputStream in;
  private final OutputStream out;
  private final Transport transport = Proton.transport();
  private final Connection connection = Proton.connection();

  private RawAmqpClient(SSLSocket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /** Connects, opens the AMQP connection (SASL EXTERNAL) and waits until the broker has opened it too. */
  public static RawAmqpClient open(SSLContext tls, String host, int port) throws IOException {
    SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(host, port);
    socket.setSoTimeout(100);
    socket.startHandshake();
    RawAmqpClient client = new RawAmqpClient(socket);
    Sasl sasl = client.transport.sasl();
    sasl.client();
    sasl.setMechanisms("EXTERNAL");
    sasl.send(new byte[0], 0, 0); // an empty initial response: the name is the certificate
    client.transport.bind(client.connection);
    client.connection.setContainer("raw-amqp-probe");
    client.connection.setHostname(host);
    client.connection.open();
    client.pumpUntil(() -> client.connection.getRemoteState() != EndpointState.UNINITIALIZED, Duration.ofSeconds(10));
    return client;
  }

  public Connection connection() {
    return connection;
  }

  /** A new session, opened (locally; pump to send it). */
  public Session session() {
    Session session = connection.session();
    session.open();
    return session;
  }

  /**
   * Writes what the engine has to send and feeds it what the broker answers until {@code done} holds, the broker closes
   * the socket or {@code timeout} passes (then it throws).
   */
  public void pumpUntil(BooleanSupplier done, Duration timeout) throws IOException {
    long end = System.nanoTime() + timeout.toNanos();
    byte[] buffer = new byte[16 * 1024];
    while (true) {
      while (transport.pending() > 0) {
        ByteBuffer head = transport.head();
        byte[] bytes = new byte[head.remaining()];
        head.get(bytes);
        out.write(bytes);
        transport.pop(bytes.length);
      }
      out.flush();
      if (done.getAsBoolean()) {
        return;
      }
      if (System.nanoTime() > end) {
        throw new IOException("no answer within " + timeout);
      }
      int capacity = transport.capacity();
      if (capacity < 0) {
        return; // the engine saw the end of input
      }
      int read;
      try {
        read = in.read(buffer, 0, Math.min(capacity, buffer.length));
      } catch (SocketTimeoutException nothingYet) {
        continue;
      }
      if (read < 0) {
        transport.close_tail();
      } else {
        transport.tail().put(buffer, 0, read);
      }
      transport.process();
    }
  }

  /** The description of a refusal, of the given endpoint's condition or else of the connection's; empty if none. */
  public String refusal(ErrorCondition endpointCondition) {
    for (ErrorCondition condition : new ErrorCondition[] {endpointCondition, connection.getRemoteCondition()}) {
      if (condition != null && condition.getCondition() != null) {
        return condition.getCondition() + ": " + condition.getDescription();
      }
    }
    return "";
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
