package dev.arbiter.query;

/**
 * Thrown when a question cannot be answered as asked: an unknown or ambiguous principal, an action
 * that is not {@code service:name}, an unknown service. The message says what to write instead.
 */
public final class QueryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  QueryException(String message) {
    super(message);
  }

  /** Never null. */
  @Override
  public String getMessage() {
    String message = super.getMessage();
    return message == null ? "" : message;
  }
}
