package org.wildex.crypto;

/** A crypto operation failed for a reason the caller can report; the message never holds content or key material. */
public class CryptoException extends Exception {
  private static final long serialVersionUID = 1L;

  private final CryptoFailure failure;

  public CryptoException(CryptoFailure failure, String detail) {
    super(detail);
    this.failure = failure;
  }

  public CryptoException(CryptoFailure failure, String detail, Throwable cause) {
    super(detail, cause);
    this.failure = failure;
  }

  public CryptoFailure failure() {
    return failure;
  }

  @Override
  public String toString() {
    return "CryptoException[" + failure + "]: " + getMessage();
  }
}
