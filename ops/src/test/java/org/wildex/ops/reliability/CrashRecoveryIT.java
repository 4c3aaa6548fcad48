package org.wildex.ops.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wildex.routes.audit.AuditSettings;

/**
 * The hub as a separate JVM ({@code wildex serve}) under load from several clients, stopped mid-flow and restarted:
 * every package that got a 202 must reach each of its recipients exactly once, nothing else may arrive, and the audit
 * chain verifies.
 */
class CrashRecoveryIT {

  @TempDir Path dir;

  @Test
  void kill_9_mid_flow_loses_nothing_and_duplicates_nothing() throws Exception {
    run("kill -9", true);
  }

  @Test
  void graceful_restart_under_load_loses_nothing_and_duplicates_nothing() throws Exception {
    run("graceful restart", false);
  }

  private void run(String variant, boolean kill) throws Exception {
    try (ReliabilityRun run = new ReliabilityRun(dir, List.of(), Map.of(), AuditSettings.defaults(dir.resolve("data")))) {
      run.run(variant, new Restart(kill));
      if (!kill) {
        // a stopping hub answers what it does not take 503 (retry later), or the connection closes: never a 404
        assertThat(run.load.refusals()).as("refusals by HTTP status during the restart").containsOnlyKeys(0, 503);
      }
    }
  }

  /** Stops the hub half way (SIGKILL or SIGTERM) and starts it again on the same data directory. */
  private record Restart(boolean kill) implements ReliabilityRun.Fault {
    @Override
    public void inject(HubProcess hub) throws Exception {
      if (kill) {
        hub.kill();
      } else {
        hub.stop();
      }
    }

    @Override
    public HubProcess recover(HubProcess hub, ReliabilityRun run) throws Exception {
      return run.startHub();
    }
  }
}
