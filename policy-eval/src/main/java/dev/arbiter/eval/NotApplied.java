package dev.arbiter.eval;

import dev.arbiter.policy.SourceLocation;

/**
 * A statement that did not apply to the request, and the first element that ruled it out.
 *
 * @param statement the statement
 * @param element the element that did not match
 * @param reason what did not match, for example {@code condition StringEquals aws:username: request
 *     value "bob" matches none of ["alice"]}
 * @param location where that element (or condition) was written
 */
public record NotApplied(
    StatementRef statement, Element element, String reason, SourceLocation location) {

  /** The elements that can rule a statement out, checked in this order. */
  public enum Element {
    /** {@code Action} or {@code NotAction}. */
    ACTION,
    /** {@code Resource} or {@code NotResource}. */
    RESOURCE,
    /** {@code Principal} or {@code NotPrincipal}. */
    PRINCIPAL,
    /** {@code Condition}. */
    CONDITION
  }

  /** Returns {@code statement: reason}. */
  @Override
  public String toString() {
    return statement + ": " + reason;
  }
}
