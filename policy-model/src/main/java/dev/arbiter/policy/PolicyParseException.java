package dev.arbiter.policy;

import java.util.List;

/**
 * Thrown when a document is not a policy: not JSON, or JSON whose shape is not a policy. It carries
 * every problem the reader found, first one first; its message is the first problem, for example
 * {@code 3:17 at /Statement/0/Effect: Effect must be "Allow" or "Deny", got "allow"}.
 */
public final class PolicyParseException extends RuntimeException implements Located {
  private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial") // an immutable list of records; serialization is not supported
  private final List<PolicyProblem> problems;

  /**
   * Creates the exception.
   *
   * @throws IllegalArgumentException if {@code problems} is empty
   */
  public PolicyParseException(List<PolicyProblem> problems) {
    super(problems.isEmpty() ? "" : problems.get(0).toString());
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a parse exception needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, in document order of discovery; never empty. */
  public List<PolicyProblem> problems() {
    return problems;
  }

  /** The first problem, as {@code line:column at /pointer: message}; never null. */
  @Override
  public String getMessage() {
    return problems.get(0).toString();
  }

  /** The first problem. */
  public PolicyProblem problem() {
    return problems.get(0);
  }

  /** The location of the first problem. */
  @Override
  public SourceLocation location() {
    return problem().location();
  }
}
