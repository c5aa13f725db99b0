package dev.arbiter.policy;

import java.util.List;

/**
 * One operator-and-key test of a {@code Condition} block: {@code "StringEquals": {"aws:username":
 * ["alice", "bob"]}} is one {@code Condition}. All conditions of a statement must be true (AND);
 * several values of one condition are alternatives (OR, or NOR for negated operators).
 *
 * @param operator the operator
 * @param key the context key
 * @param values the values; empty for an empty JSON array
 * @param operatorLocation where the operator was written
 * @param location where the key was written
 */
public record Condition(
    ConditionOperator operator,
    ConditionKey key,
    List<ConditionValue> values,
    SourceLocation operatorLocation,
    SourceLocation location) {

  /** Copies the values. */
  public Condition {
    values = List.copyOf(values);
  }
}
