package dev.arbiter.lint;

import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.SourcePosition;
import dev.arbiter.policy.internal.OneLine;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

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
 * @param related Arbiter's other findings on the same element, less or as serious, folded into this
 *     one so that one problem gives one finding; each still says what it found
 */
public record Finding(
    String code,
    FindingType type,
    String message,
    String file,
    JsonPointer pointer,
    SourcePosition position,
    List<Finding> related) {

  /** Copies the list. */
  public Finding {
    related = List.copyOf(related);
  }

  /** A finding with nothing folded into it. */
  public Finding(
      String code,
      FindingType type,
      String message,
      String file,
      JsonPointer pointer,
      SourcePosition position) {
    this(code, type, message, file, pointer, position, List.of());
  }

  /** This finding with {@code others} folded into it. */
  public Finding withRelated(List<Finding> others) {
    List<Finding> all = new ArrayList<>(related);
    all.addAll(others);
    return new Finding(code, type, message, file, pointer, position, all);
  }

  /**
   * The longest message {@link #toString()} prints; it also writes control characters as escapes,
   * so a value quoted from a hostile policy cannot start a forged line of the text report.
   */
  static final int MAX_LINE_MESSAGE = 2_000;

  /**
   * Returns {@code file:line:col: TYPE CODE message}, on one line, followed by {@code [also: CODE,
   * ...]} when other findings are folded into it.
   */
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
        + OneLine.of(message, MAX_LINE_MESSAGE)
        + (related.isEmpty()
            ? ""
            : " [also: "
                + related.stream().map(Finding::code).collect(Collectors.joining(", "))
                + "]");
  }
}
