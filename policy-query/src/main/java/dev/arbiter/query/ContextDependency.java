package dev.arbiter.query;

import dev.arbiter.eval.Decision;
import java.util.Map;

/**
 * What a decision depends on: request context values the question did not give, and the decision
 * they would lead to. "allowed if aws:MultiFactorAuthPresent is true" is {@code
 * ({aws:MultiFactorAuthPresent=true}, ALLOWED)}.
 *
 * @param values the context keys and values to add to the question
 * @param decision the decision with them
 */
public record ContextDependency(Map<String, String> values, Decision decision) {

  /** Copies the values. */
  public ContextDependency {
    values = Map.copyOf(values);
  }

  /** Returns, for example, {@code allowed if aws:MultiFactorAuthPresent = true}. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(decision.json()).append(" if ");
    String separator = "";
    for (Map.Entry<String, String> entry : new java.util.TreeMap<>(values).entrySet()) {
      out.append(separator).append(entry.getKey()).append(" = ").append(entry.getValue());
      separator = " and ";
    }
    return out.toString();
  }
}
