package dev.arbiter.query;

import dev.arbiter.eval.Decision;
import dev.arbiter.reason.Conditions;
import dev.arbiter.reason.Reasoner;

/**
 * How a decision depends on request context the question did not give: the exact conditions on the
 * missing keys under which the request is allowed ({@link Reasoner#conditions}, the answer of
 * {@code arbiter simulate --conditions}), each alternative confirmed on the evaluator. A denial
 * that some values would turn into an allow has {@link Conditions.AllowedIf} conditions; so has an
 * allow that some values would turn into a denial (it is allowed exactly when one alternative
 * holds, and denied otherwise). When the reasoner could not decide, the conditions are {@link
 * Conditions.Inconclusive}: the decision may depend on the missing keys, and nothing more is
 * claimed.
 *
 * @param asked the decision as asked, with the missing keys absent
 * @param conditions under which values of the missing keys the request is allowed
 */
public record ContextDependency(Decision asked, Conditions conditions) {

  /** Whether the reasoner decided the conditions (they are exact, not inconclusive). */
  public boolean decided() {
    return conditions.outcome() != Conditions.Outcome.INCONCLUSIVE;
  }

  /** Returns {@link Conditions#toText()}: the lines {@code simulate --conditions} prints. */
  @Override
  public String toString() {
    return conditions.toText();
  }
}
