package dev.arbiter.policy.json;

/**
 * What a reader accepts: the longest document, in bytes (or characters, for text), and the deepest
 * nesting of objects and arrays.
 *
 * @param maxSize the longest document
 * @param maxDepth the deepest nesting; the root object is at depth 1
 */
public record Limits(int maxSize, int maxDepth) {

  /** Checks that both are positive. */
  public Limits {
    if (maxSize < 1 || maxDepth < 1) {
      throw new IllegalArgumentException("limits must be positive: " + maxSize + ", " + maxDepth);
    }
  }
}
