package org.wildex.routes.intake;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Refuses a submission with 503 (HUB_UNAVAILABLE) while the data directory is full or read-only, before anything is
 * written: nothing is accepted, so nothing can be lost, and the sender retries later. What the hub already accepted
 * stays in the journal and goes on being delivered.
 */
public final class CheckStorage implements Processor {

  private final DataDirectory dataDirectory;

  public CheckStorage(DataDirectory dataDirectory) {
    this.dataDirectory = dataDirectory;
  }

  @Override
  public void process(Exchange exchange) {
    String refusal = dataDirectory.refusal();
    if (refusal != null) {
      throw new StorageUnavailable(refusal);
    }
  }

  /** The data directory cannot take new work; answered 503 by the intake's error handling, never quarantined. */
  public static final class StorageUnavailable extends IllegalStateException {
    public StorageUnavailable(String message) {
      super(message);
    }
  }
}
