package dev.arbiter.account;

/**
 * Thrown when an account snapshot, organization file or resource policy cannot be loaded. The
 * message names the file and the element: {@code account.json at /RoleDetailList/3/RoleName: ...}.
 */
public final class AccountLoadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a complete one-line message. */
  public AccountLoadException(String message) {
    super(message);
  }

  /** Never null. */
  @Override
  public String getMessage() {
    String message = super.getMessage();
    return message == null ? "" : message;
  }
}
