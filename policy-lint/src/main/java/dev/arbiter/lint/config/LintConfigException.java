package dev.arbiter.lint.config;

import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.Located;
import dev.arbiter.policy.SourceLocation;
import dev.arbiter.policy.SourcePosition;

/**
 * Thrown when a linter configuration file cannot be read or holds something the linter does not
 * understand (an unknown key, check code or finding type). Its message reads {@code
 * .arbiter.yaml:4:3: unknown key "ignores" (did you mean "ignore"?)}.
 */
public final class LintConfigException extends RuntimeException implements Located {
  private static final long serialVersionUID = 1L;

  private final String source;

  @SuppressWarnings("serial") // immutable; serialization is not supported
  private final SourceLocation location;

  private final String reason;

  /** Creates the exception for {@code reason} at {@code position} of {@code source}. */
  public LintConfigException(String source, SourcePosition position, String reason) {
    this(source, SourceLocation.of(JsonPointer.ROOT, position), reason);
  }

  /** Creates the exception for {@code reason} at {@code location} of {@code source}. */
  public LintConfigException(String source, SourceLocation location, String reason) {
    super(
        source
            + ":"
            + (location.position().isKnown() ? location.position().toString() : "1:1")
            + ": "
            + reason);
    this.source = source;
    this.location = location;
    this.reason = reason;
  }

  /** The configuration file's name. */
  public String source() {
    return source;
  }

  /** Where in the file the problem is: the pointer of the setting, and its line and column. */
  @Override
  public SourceLocation location() {
    return location;
  }

  /** What is wrong, without the location. */
  public String reason() {
    return reason;
  }
}
