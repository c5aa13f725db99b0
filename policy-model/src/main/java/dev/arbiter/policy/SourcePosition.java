package dev.arbiter.policy;

/**
 * A 1-based line and column in a source document. Columns count UTF-16 characters, so a tab or a
 * non-ASCII letter counts as one column.
 *
 * @param line the line, starting at 1
 * @param column the column, starting at 1
 */
public record SourcePosition(int line, int column) {

  /** The position of elements that were built in code rather than read from a document. */
  public static final SourcePosition UNKNOWN = new SourcePosition(0, 0);

  /**
   * Checks that both coordinates are positive, or both zero for {@link #UNKNOWN}.
   *
   * @throws IllegalArgumentException otherwise
   */
  public SourcePosition {
    if (!((line > 0 && column > 0) || (line == 0 && column == 0))) {
      throw new IllegalArgumentException("invalid position " + line + ":" + column);
    }
  }

  /** Whether this position points into a real document. */
  public boolean isKnown() {
    return line > 0;
  }

  /** Returns {@code line:column}, or {@code ?:?} when unknown. */
  @Override
  public String toString() {
    return isKnown() ? line + ":" + column : "?:?";
  }
}
