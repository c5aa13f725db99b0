package dev.arbiter.account;

import dev.arbiter.policy.Located;
import dev.arbiter.policy.SourceLocation;

/**
 * Thrown when an account snapshot, organization file or resource policy cannot be loaded. The
 * message names the file and the element: {@code account.json at /RoleDetailList/3/RoleName: ...};
 * {@link #location()} gives the element's pointer and, where the file says, its line and column.
 */
public final class AccountLoadException extends RuntimeException implements Located {
  private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial") // immutable; serialization is not supported
  private final SourceLocation location;

  /** Creates the exception with a complete one-line message and no location. */
  public AccountLoadException(String message) {
    this(message, SourceLocation.UNKNOWN);
  }

  AccountLoadException(String message, SourceLocation location) {
    super(message);
    this.location = location;
  }

  /** Never null. */
  @Override
  public String getMessage() {
    String message = super.getMessage();
    return message == null ? "" : message;
  }

  /** The element at fault, or {@link SourceLocation#UNKNOWN} when the error is about no element. */
  @Override
  public SourceLocation location() {
    return location;
  }
}
