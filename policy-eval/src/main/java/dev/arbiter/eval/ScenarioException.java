package dev.arbiter.eval;

import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.SourcePosition;
import dev.arbiter.policy.internal.OneLine;

/**
 * Thrown when a scenario or conformance case cannot be read: not JSON, a member of the wrong shape,
 * a policy that does not parse or is not valid for its part, a malformed request. One problem, one
 * line: {@code 12:9 at /identityPolicies/0/Statement/0/Effect: Effect must be "Allow" or "Deny",
 * got "allow"}.
 */
public final class ScenarioException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial") // an immutable record; serialization is not supported
  private final JsonPointer pointer;

  @SuppressWarnings("serial") // an immutable record; serialization is not supported
  private final SourcePosition position;

  private final String reason;

  ScenarioException(JsonPointer pointer, SourcePosition position, String reason) {
    super(
        position
            + " at "
            + (pointer.tokens().isEmpty() ? "/" : OneLine.of(pointer.toString(), 200))
            + ": "
            + OneLine.of(reason, 600));
    this.pointer = pointer;
    this.position = position;
    this.reason = OneLine.of(reason, 600);
  }

  /** Where in the scenario: the JSON pointer of the element at fault. */
  public JsonPointer pointer() {
    return pointer;
  }

  /** The line and column of the element at fault. */
  public SourcePosition position() {
    return position;
  }

  /** What is wrong, without the location. */
  public String reason() {
    return reason;
  }
}
