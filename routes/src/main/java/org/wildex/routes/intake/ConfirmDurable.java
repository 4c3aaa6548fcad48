package org.wildex.routes.intake;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * After the durable send and before the 202: if the broker's journal failed meanwhile (a critical I/O error), the
 * broker's confirmation of the send cannot be trusted, so the answer is 503 (HUB_UNAVAILABLE) and the sender retries.
 * Seen in {@code DiskFaultIT}: with the data disk turning read-only, a send confirmed 0.4 s after the journal's first
 * I/O error was not in the journal when the hub restarted. Should the write have reached the disk after all, the
 * package is delivered without a 202, and the package id makes the sender's retry a duplicate that is never forwarded.
 */
public final class ConfirmDurable implements Processor {

  private final DataDirectory dataDirectory;

  public ConfirmDurable(DataDirectory dataDirectory) {
    this.dataDirectory = dataDirectory;
  }

  @Override
  public void process(Exchange exchange) {
    String failed = dataDirectory.journalFailed();
    if (failed != null) {
      throw new CheckStorage.StorageUnavailable(failed);
    }
  }
}
