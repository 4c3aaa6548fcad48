package org.wildex.routes.broker;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.activemq.artemis.core.protocol.stomp.StompConnection;
import org.apache.activemq.artemis.core.protocol.stomp.StompFrame;
import org.apache.activemq.artemis.core.protocol.stomp.StompFrameInterceptor;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wildex.contracts.ReasonCode;

/**
 * Keeps JVM and Java exception texts out of the ERROR frames the broker sends STOMP clients. Artemis 2.55 answers a
 * frame whose {@code content-length} is near 2^31 with the JVM's {@code OutOfMemoryError} text ("Requested array size
 * exceeds VM limit"). An outgoing ERROR frame whose message or body shows such a text or a Java exception is replaced
 * by one that says {@link ReasonCode#FRAME_INVALID} (the frame Artemis built may be encoded already, so it is dropped
 * and the replacement sent in its place); every other ERROR (a refused login or destination) goes out as it is. Registered as
 * an outgoing interceptor by class name, hence public with a no-argument constructor.
 */
public final class StompErrorGuard implements StompFrameInterceptor {

  private static final Logger LOG = LoggerFactory.getLogger(StompErrorGuard.class);
  /** What the JVM says when an allocation fails (an {@code Error}'s message, not a refusal). */
  private static final Pattern JVM_TEXT =
      Pattern.compile("(?i)requested array size|heap space|VM limit|out of memory|GC overhead|direct buffer memory");

  @Override
  public boolean intercept(StompFrame frame, RemotingConnection connection) {
    if (!"ERROR".equals(frame.getCommand()) || !internal(frame) || !(connection instanceof StompConnection stomp)) {
      return true;
    }
    Map<String, String> headers = new HashMap<>();
    headers.put("message", ReasonCode.FRAME_INVALID.name() + ": " + ReasonCode.FRAME_INVALID.description());
    String receipt = frame.getHeader("receipt-id");
    if (receipt != null) {
      headers.put("receipt-id", receipt);
    }
    try {
      stomp.physicalSend(new StompFrame("ERROR", headers, new byte[0]));
    } catch (Exception e) {
      LOG.debug("the STOMP client went away before its ERROR frame: {}", e.getClass().getSimpleName());
    }
    LOG.info("event=STOMP_ERROR_REPLACED reason={} remote={}", ReasonCode.FRAME_INVALID, connection.getRemoteAddress());
    return false; // the frame Artemis built is not sent
  }

  /** Whether the frame's message or body shows a Java exception or a JVM error text. */
  private static boolean internal(StompFrame frame) {
    byte[] body = frame.getBodyAsBytes();
    String said = frame.getHeader("message") + "\n" + (body == null ? "" : new String(body, StandardCharsets.UTF_8));
    return AmqpGuard.javaText(said) || JVM_TEXT.matcher(said).find();
  }
}
