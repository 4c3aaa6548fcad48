import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.wildex.contracts.audit.AuditEvent;
import org.wildex.contracts.audit.AuditEventType;
import org.wildex.routes.audit.AuditSettings;
import org.wildex.routes.audit.AuditStore;

/**
 * The audit store's cost per package with random (v4) or time-ordered (v7) event ids, on a fresh embedded H2 store:
 * batches of 4 packages of 14 events each, as the audit writer appends them; the last three quarters measured.
 *
 * <pre>
 *   java -Xmx512m -cp ops/target/wildex.jar ops/bench/AuditStoreIds.java v4 24000
 *   java -Xmx512m -cp ops/target/wildex.jar ops/bench/AuditStoreIds.java v7 24000
 * </pre>
 */
public class AuditStoreIds {
  public static void main(String[] args) throws Exception {
    boolean v7 = args[0].equals("v7");
    int packages = Integer.parseInt(args[1]);
    int perBatch = 4;
    int eventsPerPackage = 14;
    Path dir = Files.createTempDirectory("wildex-audit-ids");
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    AuditEventType[] types = AuditEventType.values();
    try (AuditStore store = AuditStore.open(AuditSettings.defaults(dir), 2, "audit-ids")) {
      store.migrate();
      int batches = packages / perBatch;
      long thread0 = 0;
      long process0 = 0;
      for (int b = 0; b < batches; b++) {
        if (b == batches / 4) {
          thread0 = threads.getCurrentThreadCpuTime();
          process0 = os.getProcessCpuTime();
        }
        List<AuditEvent> events = new ArrayList<>();
        for (int p = 0; p < perBatch; p++) {
          String packageId = UUID.randomUUID().toString();
          String trackingId = UUID.randomUUID().toString();
          for (int e = 0; e < eventsPerPackage; e++) {
            events.add(AuditEvent.of(types[e % types.length], "wildex.process.open")
                .eventId(v7 ? AuditEvent.newEventId() : UUID.randomUUID())
                .trackingId(trackingId).packageId(packageId).originator("eia").recipient("ncb-kh")
                .deliveryId(UUID.randomUUID().toString()).ciphertextSha256("ab".repeat(32))
                .contentSha256("cd".repeat(32)).policyVersion("2026-11").build());
          }
        }
        store.append(events, List.of(), false, null);
      }
      int measured = (batches - batches / 4) * perBatch;
      System.out.printf("%s: %d packages measured, appending thread %.3f ms CPU per package, whole JVM %.3f ms%n",
          args[0], measured, (threads.getCurrentThreadCpuTime() - thread0) / 1e6 / measured,
          (os.getProcessCpuTime() - process0) / 1e6 / measured);
    }
  }
}
