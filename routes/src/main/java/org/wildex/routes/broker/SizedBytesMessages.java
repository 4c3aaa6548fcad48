package org.wildex.routes.broker;

import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;
import java.util.Map;
import org.apache.activemq.artemis.core.message.impl.CoreMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQMessage;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.component.jms.JmsBinding;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.component.jms.JmsEndpoint;
import org.apache.camel.component.jms.JmsMessageType;

/**
 * The hub's JMS component: a byte-array body (a sealed delivery, receipt or submission) goes into an Artemis message
 * buffer allocated at the body's size. Artemis's client starts every message at 1,500 bytes and Netty grows it to the
 * next power of two, so a 33 kB delivery was written into a 64 KiB array after a 1,500-byte one.
 */
public final class SizedBytesMessages extends JmsComponent {

  /** Room after the body for the message's headers and properties, which Artemis encodes behind it when sending. */
  static final int PROPERTIES_ROOM = 2048;

  public SizedBytesMessages(ConnectionFactory connections) {
    setConnectionFactory(connections);
  }

  @Override
  protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
    JmsEndpoint endpoint = (JmsEndpoint) super.createEndpoint(uri, remaining, parameters);
    endpoint.setBinding(new Binding(endpoint));
    return endpoint;
  }

  private static final class Binding extends JmsBinding {

    Binding(JmsEndpoint endpoint) {
      super(endpoint);
    }

    @Override
    protected Message createJmsMessageForType(
        Exchange exchange, Object body, Session session, CamelContext context, JmsMessageType type) throws JMSException {
      if (type != JmsMessageType.Bytes || !(body instanceof byte[] bytes)) {
        return super.createJmsMessageForType(exchange, body, session, context, type);
      }
      BytesMessage message = session.createBytesMessage();
      if (message instanceof ActiveMQMessage artemis && artemis.getCoreMessage() instanceof CoreMessage core) {
        core.initBuffer(CoreMessage.BODY_OFFSET + bytes.length + PROPERTIES_ROOM);
      }
      message.writeBytes(bytes);
      return message;
    }
  }
}
