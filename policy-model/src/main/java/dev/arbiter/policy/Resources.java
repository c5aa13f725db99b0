package dev.arbiter.policy;

import java.util.List;

/**
 * A statement's {@code Resource} or {@code NotResource} element. An empty list makes the statement
 * match nothing.
 *
 * @param negated true for {@code NotResource}
 * @param patterns the entries in document order
 * @param location the element
 */
public record Resources(boolean negated, List<ResourcePattern> patterns, SourceLocation location) {

  /** Copies the list. */
  public Resources {
    patterns = List.copyOf(patterns);
  }

  /** The JSON element name: {@code Resource} or {@code NotResource}. */
  public String elementName() {
    return negated ? "NotResource" : "Resource";
  }
}
