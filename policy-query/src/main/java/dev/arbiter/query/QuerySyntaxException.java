package dev.arbiter.query;

import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.Located;
import dev.arbiter.policy.SourceLocation;
import dev.arbiter.policy.SourcePosition;

/**
 * Thrown when a query does not parse. The message says where (the 1-based column) and what was
 * expected: {@code column 9: expected an action (such as s3:GetObject), got end of query}.
 */
public final class QuerySyntaxException extends RuntimeException implements Located {
  private static final long serialVersionUID = 1L;

  private final int column;
  private final String problem;

  QuerySyntaxException(int column, String problem) {
    super("column " + column + ": " + problem);
    this.column = column;
    this.problem = problem;
  }

  /** The 1-based column of the query text where parsing failed. */
  public int column() {
    return column;
  }

  /** Where: line 1 (a query is one line) at {@link #column()}, pointer {@link JsonPointer#ROOT}. */
  @Override
  public SourceLocation location() {
    return SourceLocation.of(JsonPointer.ROOT, new SourcePosition(1, Math.max(1, column)));
  }

  /** What was wrong, without the column. */
  public String problem() {
    return problem;
  }

  /** Never null. */
  @Override
  public String getMessage() {
    return "column " + column + ": " + problem;
  }
}
