package org.wildex.routes;

import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jms.support.destination.DestinationResolver;
import org.springframework.jms.support.destination.DynamicDestinationResolver;

/**
 * Resolves each queue name once. The hub's addresses are fixed (one delivery and one receipt queue per participant),
 * and Artemis's {@code Session.createQueue} asks the broker whether the queue exists, a round trip per send otherwise.
 */
final class CachedDestinations implements DestinationResolver {

  private final DynamicDestinationResolver resolver = new DynamicDestinationResolver();
  private final Map<String, Destination> queues = new ConcurrentHashMap<>();

  @Override
  public Destination resolveDestinationName(Session session, String name, boolean pubSubDomain) throws JMSException {
    if (pubSubDomain) {
      return resolver.resolveDestinationName(session, name, true);
    }
    Destination queue = queues.get(name);
    if (queue == null) {
      queue = resolver.resolveDestinationName(session, name, false);
      queues.put(name, queue);
    }
    return queue;
  }
}
