package dev.arbiter.policy;

import java.util.List;

/**
 * A statement's {@code Condition} element, flattened into one {@link Condition} per operator and
 * key, in document order. An empty block ({@code "Condition": {}}) is kept, because it is written
 * back.
 *
 * @param conditions the tests, all of which must be true
 * @param location the element
 */
public record ConditionBlock(List<Condition> conditions, SourceLocation location) {

  /** Copies the list. */
  public ConditionBlock {
    conditions = List.copyOf(conditions);
  }
}
