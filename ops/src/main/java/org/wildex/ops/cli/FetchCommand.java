package org.wildex.ops.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.wildex.contracts.directory.Directory;
import org.wildex.contracts.directory.Participant;
import org.wildex.ops.Workdir;
import org.wildex.ops.client.Mailbox;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code wildex fetch}: drain a participant's deliveries (agency) or receipts (NGO) from the broker. */
@Command(name = "fetch", mixinStandardHelpOptions = true,
    description = {
      "Drains the --as participant's address over the broker (TLS, its client certificate):",
      "wildex.deliver.ID into WORKDIR/deliveries/ID/, and for NGOs also wildex.receipts.ID into WORKDIR/receipts/ID/.",
      "Each message is written as received (.p7m) and opened after checking the hub's signature (.json)."
    })
public final class FetchCommand implements Callable<Integer> {

  @Mixin WorkdirOptions options;

  @Option(names = "--as", required = true, description = "participant id (from WORKDIR/directory.yaml)")
  String as;

  @Option(names = "--broker", defaultValue = "tcp://localhost:61616", description = "broker URL (default: ${DEFAULT-VALUE})")
  String broker;

  @Option(names = "--wait", defaultValue = "2", description = "stop after this many seconds without a message (default: ${DEFAULT-VALUE})")
  int waitSeconds;

  @Override
  public Integer call() throws Exception {
    Workdir workdir = options.workdir();
    Participant me =
        Directory.load(workdir.directoryFile())
            .find(as)
            .orElseThrow(() -> new IllegalArgumentException("'" + as + "' is not in " + workdir.directoryFile()));
    String password = System.getenv().getOrDefault("WILDEX_STORE_PASSWORD", "changeit");
    for (Mailbox mailbox : Mailbox.of(workdir, me)) {
      int count = 0;
      for (Mailbox.Item item : mailbox.fetch(broker, password, Duration.ofSeconds(waitSeconds))) {
        System.out.println(item.opened());
        count++;
      }
      System.out.println(count + " message(s) from " + mailbox.queue() + " into " + mailbox.folder());
    }
    return 0;
  }
}
