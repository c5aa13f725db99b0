package dev.arbiter.policy;

import java.util.List;
import java.util.Optional;

/**
 * One statement of a policy.
 *
 * <p>Optional elements are {@link Optional}: an absent {@code Principal} is {@code
 * Optional.empty()}, never null. (The AST records hold {@code Optional} components so that absence
 * is part of the value and nulls stay out of the API.)
 *
 * @param sid the {@code Sid}, if present
 * @param effect {@code Allow} or {@code Deny}
 * @param principals the {@code Principal} or {@code NotPrincipal} element, if present
 * @param actions the {@code Action} or {@code NotAction} element
 * @param resources the {@code Resource} or {@code NotResource} element, if present
 * @param condition the {@code Condition} element, if present
 * @param location the statement object
 */
public record Statement(
    Optional<String> sid,
    Effect effect,
    Optional<Principals> principals,
    Actions actions,
    Optional<Resources> resources,
    Optional<ConditionBlock> condition,
    SourceLocation location) {

  /**
   * The same statement with every {@link SourceLocation} {@link SourceLocation#UNKNOWN}, for
   * comparing or hashing statements by content alone (see {@link Policy#withoutLocations()}).
   */
  public Statement withoutLocations() {
    return Unlocated.statement(this);
  }

  /** The condition tests, or an empty list when there is no {@code Condition} element. */
  public List<Condition> conditions() {
    return condition.map(ConditionBlock::conditions).orElse(List.of());
  }
}
