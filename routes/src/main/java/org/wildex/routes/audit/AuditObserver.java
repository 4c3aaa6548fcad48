package org.wildex.routes.audit;

import java.util.List;
import org.wildex.contracts.audit.AuditEvent;

/**
 * Told about audit events once the exchange that recorded them completed (so a stage transaction that rolls back and is
 * redelivered is told once, when it finally succeeds), and about the events the broker itself records. Metrics count
 * from here: the events carry ids, participant ids, levels and reason codes only, never content.
 *
 * <p>Bound in the Camel registry as {@link #NAME}; {@link AuditTrail#publish()} finds it there.
 */
public interface AuditObserver {

  /** Registry name the hub binds its observer under. */
  String NAME = "wildex.audit.observer";

  /** Called on the thread that completed the exchange (or acknowledged on the broker); must be quick and never throw. */
  void observed(List<AuditEvent> events);
}
