package dev.arbiter.policy.json;

import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.SourceLocation;
import dev.arbiter.policy.SourcePosition;
import dev.arbiter.policy.internal.OneLine;
import java.util.List;

/**
 * Thrown by {@link JsonReader} and {@link YamlReader} when text is not a document they accept. Each
 * problem says what kind it is, so every reader can phrase it for its own users (a policy reader
 * says "a policy is a JSON object", a scenario reader "expected a JSON object").
 */
public final class JsonReadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What is wrong with the text. */
  public enum Kind {
    /** Nothing but white space (or comments, in YAML). */
    EMPTY,
    /** Longer than the limit; the detail is the length. */
    TOO_LARGE,
    /** Starts with a UTF-8 byte-order mark. */
    BYTE_ORDER_MARK,
    /** Starts with a UTF-16 byte-order mark. */
    UTF16,
    /** Not UTF-8; the detail is the 1-based number of the first bad byte. */
    INVALID_UTF8,
    /** Not JSON (or YAML); the detail is the parser's one-line message. */
    SYNTAX,
    /** Nests deeper than the limit; the detail is the limit. */
    TOO_DEEP,
    /** A name appears twice in one object; the detail is the name. */
    DUPLICATE_NAME,
    /** More content after the first value. */
    TRAILING_CONTENT
  }

  /**
   * One problem.
   *
   * @param kind what is wrong
   * @param pointer the element at fault, or the container a syntax error is in
   * @param position where
   * @param detail the kind's detail (see {@link Kind}), or ""
   */
  public record Problem(Kind kind, JsonPointer pointer, SourcePosition position, String detail) {

    /** The location, as pointer and position. */
    public SourceLocation location() {
      return SourceLocation.of(pointer, position);
    }

    /** A plain description, for readers that need no wording of their own. */
    public String message() {
      return switch (kind) {
        case EMPTY -> "the document is empty";
        case TOO_LARGE -> "the document is " + detail + " characters, over the limit";
        case BYTE_ORDER_MARK -> "the document starts with a byte-order mark";
        case UTF16 -> "the document is UTF-16; it must be UTF-8";
        case INVALID_UTF8 -> "invalid UTF-8 at byte " + detail;
        case SYNTAX -> detail;
        case TOO_DEEP -> "nesting depth over the limit of " + detail + " levels";
        case DUPLICATE_NAME -> "duplicate member " + OneLine.quote(detail);
        case TRAILING_CONTENT -> "unexpected content after the end of the document";
      };
    }
  }

  @SuppressWarnings("serial") // an immutable list of records; serialization is not supported
  private final List<Problem> problems;

  JsonReadException(List<Problem> problems) {
    super(problems.get(0).location() + ": " + problems.get(0).message());
    this.problems = List.copyOf(problems);
  }

  JsonReadException(Kind kind, JsonPointer pointer, SourcePosition position, String detail) {
    this(List.of(new Problem(kind, pointer, position, detail)));
  }

  /** Every problem, first found first; never empty. */
  public List<Problem> problems() {
    return problems;
  }

  /** The first problem. */
  public Problem problem() {
    return problems.get(0);
  }
}
