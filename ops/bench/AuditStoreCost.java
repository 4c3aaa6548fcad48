import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.wildex.contracts.audit.AuditEvent;
import org.wildex.contracts.audit.AuditEventType;
import org.wildex.contracts.audit.SealedReceipt;
import org.wildex.routes.audit.AuditSettings;
import org.wildex.routes.audit.AuditStore;

/**
 * The audit store's cost per package as the hub's writer appends: 11 events (RECEIVED, ACCEPTED, 4 ROUTED,
 * RECEIPT_SENT, 4 DELIVERED) and one sealed receipt of 2.6 KiB (base64) a package, 6 packages a batch, each batch
 * committed and synced ({@code CHECKPOINT SYNC}) as the writer does; tracking ids random (v4) or time-ordered (v7);
 * extra H2 URL settings as the third argument. The last three quarters are measured: CPU of the appending thread and of
 * the whole JVM (H2's serialisation and background writer included), and the file's size at the end.
 *
 * <pre>
 *   mvn -q -DskipTests -DskipITs package
 *   java -Xmx512m -cp ops/target/wildex.jar ops/bench/AuditStoreCost.java v4 24000
 *   java -Xmx512m -cp ops/target/wildex.jar ops/bench/AuditStoreCost.java v7 24000 ";AUTO_COMPACT_FILL_RATE=0"
 * </pre>
 */
public class AuditStoreCost {
  public static void main(String[] args) throws Exception {
    boolean v7 = args[0].equals("v7");
    int packages = Integer.parseInt(args[1]);
    String extra = args.length > 2 ? args[2] : "";
    int perBatch = 6;
    Path dir = Files.createTempDirectory("wildex-audit-cost");
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    AuditEventType[] life = {AuditEventType.RECEIVED, AuditEventType.ACCEPTED, AuditEventType.ROUTED, AuditEventType.ROUTED,
        AuditEventType.ROUTED, AuditEventType.ROUTED, AuditEventType.RECEIPT_SENT, AuditEventType.DELIVERED,
        AuditEventType.DELIVERED, AuditEventType.DELIVERED, AuditEventType.DELIVERED};
    byte[] cms = new byte[1985];
    ThreadLocalRandom.current().nextBytes(cms);
    String cmsB64 = Base64.getEncoder().encodeToString(cms);
    AuditSettings s = AuditSettings.defaults(dir);
    s = s.withUrl(s.jdbcUrl() + extra, "sa", "");
    try (AuditStore store = AuditStore.open(s, 2, "audit-cost")) {
      store.migrate();
      int batches = packages / perBatch;
      long thread0 = 0, process0 = 0;
      for (int b = 0; b < batches; b++) {
        if (b == batches / 4) {
          thread0 = threads.getCurrentThreadCpuTime();
          process0 = os.getProcessCpuTime();
        }
        List<AuditEvent> events = new ArrayList<>();
        List<SealedReceipt> receipts = new ArrayList<>();
        for (int p = 0; p < perBatch; p++) {
          String packageId = UUID.randomUUID().toString();
          String trackingId = (v7 ? AuditEvent.newEventId() : UUID.randomUUID()).toString();
          for (AuditEventType t : life) {
            events.add(AuditEvent.of(t, "wildex.process.open")
                .eventId(AuditEvent.newEventId())
                .trackingId(trackingId).packageId(packageId).originator("eia").recipient("ncb-kh")
                .deliveryId(UUID.randomUUID().toString()).ciphertextSha256("ab".repeat(32))
                .contentSha256("cd".repeat(32)).policyVersion("2026-11").build());
          }
          receipts.add(new SealedReceipt(trackingId, packageId, "eia", "ACCEPTED", cmsB64));
        }
        store.append(events, receipts, false, null);
      }
      int measured = (batches - batches / 4) * perBatch;
      System.out.printf("%s %s: %d packages measured, appending thread %.3f ms CPU per package, whole JVM %.3f ms, file %d MB%n",
          args[0], extra, measured, (threads.getCurrentThreadCpuTime() - thread0) / 1e6 / measured,
          (os.getProcessCpuTime() - process0) / 1e6 / measured,
          Files.size(dir.resolve("audit/wildex-audit.mv.db")) >> 20);
    }
  }
}
