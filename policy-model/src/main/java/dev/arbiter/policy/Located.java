package dev.arbiter.policy;

/**
 * Something reported about one place in an input document, in the one shape every exception of
 * Arbiter that has a place uses: a {@link SourceLocation}, that is a JSON pointer to the element
 * and its 1-based line and column. A pointer is {@link JsonPointer#ROOT} and a position {@link
 * SourcePosition#UNKNOWN} when the reader does not know them (a query has one line, so its
 * positions are on line 1).
 */
public interface Located {

  /** Where the problem is. */
  SourceLocation location();

  /** The JSON pointer of the element at fault. */
  default JsonPointer pointer() {
    return location().pointer();
  }

  /** The line and column of the element at fault. */
  default SourcePosition position() {
    return location().position();
  }
}
