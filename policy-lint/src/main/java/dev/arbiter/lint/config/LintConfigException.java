package dev.arbiter.lint.config;

import dev.arbiter.policy.SourcePosition;

/**
 * Thrown when a linter configuration file cannot be read or holds something the linter does not
 * understand (an unknown key, check code or finding type). Its message reads {@code
 * .arbiter.yaml:4:3: unknown key "ignores" (did you mean "ignore"?)}.
 */
public final class LintConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final SourcePosition position;
  private final String reason;

  /** Creates the exception for {@code reason} at {@code position} of {@code source}. */
  public LintConfigException(String source, SourcePosition position, String reason) {
    super(source + ":" + (position.isKnown() ? position.toString() : "1:1") + ": " + reason);
    this.source = source;
    this.position = position;
    this.reason = reason;
  }

  /** The configuration file's name. */
  public String source() {
    return source;
  }

  /** Where in the file the problem is. */
  public SourcePosition position() {
    return position;
  }

  /** What is wrong, without the location. */
  public String reason() {
    return reason;
  }
}
