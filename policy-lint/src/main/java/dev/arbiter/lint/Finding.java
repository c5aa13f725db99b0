package dev.arbiter.lint;

import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.SourcePosition;

/**
 * One problem the linter found: what (code, type, message) and where (file, JSON pointer,
 * line:column). Findings are data, not exceptions.
 *
 * @param code the check's issue code, for example {@code WILDCARD_WITHOUT_LIKE_OPERATOR}
 * @param type the finding type after configuration
 * @param message what is wrong and how to fix it
 * @param file the file name as given to the linter
 * @param pointer the element the finding is about
 * @param position the line and column where that element starts
 */
public record Finding(
    String code,
    FindingType type,
    String message,
    String file,
    JsonPointer pointer,
    SourcePosition position) {

  /** Returns {@code file:line:col: TYPE CODE message}. */
  @Override
  public String toString() {
    return file
        + ":"
        + (position.isKnown() ? position.line() + ":" + position.column() : "1:1")
        + ": "
        + type.awsName()
        + " "
        + code
        + " "
        + message;
  }
}
