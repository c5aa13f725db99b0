package dev.arbiter.iac;

import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.SourceLocation;
import dev.arbiter.policy.SourcePosition;

/**
 * A template that cannot be read: not JSON or YAML, an unknown short-form tag, a malformed
 * intrinsic function. Its message reads {@code line:col at /pointer: what is wrong}.
 */
public final class TemplateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial") // a value object; serialization is not supported
  private final SourceLocation location;

  private final String problem;

  /** A problem at {@code pointer}, {@code position}, described by {@code problem}. */
  public TemplateException(JsonPointer pointer, SourcePosition position, String problem) {
    super(SourceLocation.of(pointer, position) + ": " + problem);
    this.location = SourceLocation.of(pointer, position);
    this.problem = problem;
  }

  /** Where in the template. */
  public SourceLocation location() {
    return location;
  }

  /** What is wrong, without the location. */
  public String problem() {
    return problem;
  }
}
