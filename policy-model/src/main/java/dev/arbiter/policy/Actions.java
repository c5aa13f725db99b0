package dev.arbiter.policy;

import java.util.List;

/**
 * A statement's {@code Action} or {@code NotAction} element. An empty list (an empty JSON array)
 * makes the statement match nothing.
 *
 * @param negated true for {@code NotAction}
 * @param patterns the entries in document order
 * @param location the element
 */
public record Actions(boolean negated, List<ActionPattern> patterns, SourceLocation location) {

  /** Copies the list. */
  public Actions {
    patterns = List.copyOf(patterns);
  }

  /** The JSON element name: {@code Action} or {@code NotAction}. */
  public String elementName() {
    return negated ? "NotAction" : "Action";
  }
}
