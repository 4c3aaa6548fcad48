package org.wildex.contracts;

import java.util.Objects;

/** A refusal carrying a {@link ReasonCode}; the detail names paths and rules, never intelligence content. */
public class WildexException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ReasonCode reason;

  public WildexException(ReasonCode reason, String detail) {
    super(detail);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public WildexException(ReasonCode reason, String detail, Throwable cause) {
    super(detail, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public ReasonCode reason() {
    return reason;
  }

  /** The detail message (same as {@link #getMessage()}); names paths and rules, never content. */
  public String detail() {
    return getMessage();
  }

  @Override
  public String toString() {
    return "WildexException[" + reason + "]: " + getMessage();
  }
}
