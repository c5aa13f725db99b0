package dev.arbiter.policy;

/**
 * One thing wrong with a policy document: what (a stable code and a message that says what is
 * accepted) and where.
 *
 * <p>Codes are the issue codes of IAM Access Analyzer's policy validation where one exists (for
 * example {@code INVALID_EFFECT}, {@code JSON_SYNTAX_ERROR}), so users who know Access Analyzer
 * recognise them.
 *
 * @param code a stable upper-case code such as {@code MISSING_ACTION}
 * @param location the element the problem is about
 * @param message what is wrong and what is accepted, without the location
 */
public record PolicyProblem(String code, SourceLocation location, String message) {

  /** The JSON pointer of the element. */
  public JsonPointer pointer() {
    return location.pointer();
  }

  /** The line and column of the element. */
  public SourcePosition position() {
    return location.position();
  }

  /** Returns {@code 3:17 at /Statement/0/Effect: message}. */
  @Override
  public String toString() {
    return location + ": " + message;
  }
}
