package org.wildex.routes.lifecycle;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.core.server.MessageReference;
import org.apache.activemq.artemis.core.server.ServerConsumer;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin;
import org.wildex.routes.Endpoints;
import org.wildex.routes.WildexHeaders;

/**
 * A broker plugin of the embedded broker that never hands a delivery of a recalled package to a consumer: not one that
 * waited while the recall ran, nor one a consumer had taken without acknowledging and gave back. Recall notices pass.
 * The hub names a package here before it withdraws its deliveries, and names every recorded recall at start.
 */
public final class RecallGuard implements ActiveMQServerMessagePlugin {

  private final Set<String> recalled = ConcurrentHashMap.newKeySet();

  /** From now on, no delivery of this package reaches a consumer. */
  public void recalled(String packageId) {
    recalled.add(packageId);
  }

  /** As {@link #recalled(String)}, for each. */
  public void recalled(Collection<String> packageIds) {
    recalled.addAll(packageIds);
  }

  @Override
  public boolean canAccept(ServerConsumer consumer, MessageReference reference) {
    if (recalled.isEmpty() || !reference.getQueue().getName().toString().startsWith(Endpoints.DELIVER_PREFIX)) {
      return true;
    }
    Message m = reference.getMessage();
    Object packageId = m.getObjectProperty(WildexHeaders.PACKAGE_ID);
    return packageId == null || m.getObjectProperty(WildexHeaders.MESSAGE_KIND) != null
        || !recalled.contains(packageId.toString());
  }
}
