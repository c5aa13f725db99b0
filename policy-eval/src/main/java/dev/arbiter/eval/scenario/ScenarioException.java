package dev.arbiter.eval.scenario;

import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.Located;
import dev.arbiter.policy.SourceLocation;
import dev.arbiter.policy.SourcePosition;
import dev.arbiter.policy.internal.OneLine;

/**
 * Thrown when a scenario or conformance case cannot be read: not JSON, a member of the wrong shape,
 * a policy that does not parse or is not valid for its part, a malformed request. One problem, one
 * line: {@code 12:9 at /identityPolicies/0/Statement/0/Effect: Effect must be "Allow" or "Deny",
 * got "allow"}.
 */
public final class ScenarioException extends RuntimeException implements Located {
  private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial") // immutable; serialization is not supported
  private final SourceLocation location;

  private final String reason;

  ScenarioException(JsonPointer pointer, SourcePosition position, String reason) {
    super(
        position
            + " at "
            + (pointer.tokens().isEmpty() ? "/" : OneLine.of(pointer.toString(), 200))
            + ": "
            + OneLine.of(reason, 600));
    this.location = SourceLocation.of(pointer, position);
    this.reason = OneLine.of(reason, 600);
  }

  /** Where in the scenario: the element at fault, its JSON pointer and line and column. */
  @Override
  public SourceLocation location() {
    return location;
  }

  /** What is wrong, without the location. */
  public String reason() {
    return reason;
  }
}
