package org.wildex.ops.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildex.routes.audit.AuditSettings;

/**
 * The hub's data directory (journal, paging, embedded audit store) on a small ext4 file system of its own that fills up,
 * or that the kernel turns read-only as it does when a disk fails, while {@code wildex serve} is under load. The hub
 * answers new submissions 503 (HUB_UNAVAILABLE, Retry-After) and keeps what it accepted: once the disk has room again,
 * or was repaired and the hub restarted, every package that got a 202 is delivered exactly once.
 */
class DiskFaultIT {

  static final int DISK_MIB = 384;
  /** Intake refuses below this; the broker blocks its producers below half of it. */
  static final int MIN_FREE_MIB = 48;

  @TempDir Path dir;
  private LoopDisk disk;

  @BeforeEach
  void disk() throws Exception {
    disk = LoopDisk.create(dir.resolve("data.img"), dir.resolve("data-disk"), DISK_MIB);
  }

  @AfterEach
  void unmount() throws Exception {
    if (disk != null) {
      disk.close();
    }
  }

  @Test
  void full_data_disk_refuses_intake_with_503_and_keeps_what_it_accepted() throws Exception {
    try (ReliabilityRun run = newRun()) {
      run.run("data disk full", new DiskFull());
    }
  }

  @Test
  void data_disk_turning_read_only_refuses_intake_with_503_and_keeps_what_it_accepted() throws Exception {
    try (ReliabilityRun run = newRun()) {
      run.run("data disk read-only", new DiskReadOnly());
    }
  }

  /** Fills the disk to below intake's margin but above the broker's, half way; frees it for the second phase. */
  private final class DiskFull implements ReliabilityRun.Fault {
    @Override
    public void inject(HubProcess hub) throws Exception {
      disk.fill((MIN_FREE_MIB * 3L / 4) * 1024 * 1024);
    }

    @Override
    public HubProcess recover(HubProcess hub, ReliabilityRun run) throws Exception {
      assertOnlyRefusedWith503(run);
      disk.unfill();
      Thread.sleep(1_500); // the broker rescans its disk every second
      return hub;
    }
  }

  /** Turns the disk read-only half way; then does what an operator does: stop the hub, repair, start it again. */
  private final class DiskReadOnly implements ReliabilityRun.Fault {
    @Override
    public void inject(HubProcess hub) throws Exception {
      disk.failReadOnly();
    }

    @Override
    public HubProcess recover(HubProcess hub, ReliabilityRun run) throws Exception {
      assertOnlyRefusedWith503(run);
      try {
        hub.stop();
      } catch (IllegalStateException stuck) {
        System.out.println("hub did not stop on SIGTERM with its disk read-only; killed: " + stuck.getMessage());
      }
      disk.repair();
      return run.startHub();
    }
  }

  private ReliabilityRun newRun() throws Exception {
    Path dataDir = disk.mountPoint().resolve("data");
    return new ReliabilityRun(dir.resolve("workdir"),
        List.of("--data-dir", dataDir.toString(), "--min-free-disk-mb", "" + MIN_FREE_MIB), Map.of(),
        AuditSettings.defaults(dataDir));
  }

  /** Every submission the hub did not accept while the disk was bad got an answer, and that answer was 503. */
  private static void assertOnlyRefusedWith503(ReliabilityRun run) {
    Map<Integer, Integer> refusals = run.load.refusals();
    assertThat(refusals).as("refusals by HTTP status while the disk was bad").containsOnlyKeys(503);
    assertThat(refusals.get(503)).as("submissions refused with 503").isPositive();
  }
}
