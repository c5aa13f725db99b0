package dev.arbiter.reason;

import java.util.List;

/**
 * The answer to a check: {@link Pass proved}, {@link Fail refuted} with counterexamples the
 * concrete evaluator confirmed, or {@link Inconclusive} with what stopped the proof. An
 * inconclusive answer is never a pass: callers that gate on a check treat it as a failure unless
 * they decide otherwise.
 */
public sealed interface CheckResult
    permits CheckResult.Pass, CheckResult.Fail, CheckResult.Inconclusive {

  /** The three answers, for a switch expression (Java 17 has no pattern matching switch). */
  enum Outcome {
    /** Proved for every request. */
    PASS,
    /** Refuted: at least one confirmed counterexample. */
    FAIL,
    /** Neither: a construct the reasoner does not model, or the budget ran out. */
    INCONCLUSIVE
  }

  /** Which of the three answers this is. */
  Outcome outcome();

  /** The property holds for every request. */
  record Pass() implements CheckResult {
    @Override
    public Outcome outcome() {
      return Outcome.PASS;
    }
  }

  /**
   * The property fails; each reason names a statement and a request on which the evaluator
   * confirmed the failure.
   *
   * @param reasons at least one, in statement order
   */
  record Fail(List<Reason> reasons) implements CheckResult {
    /** Copies the list and checks it is not empty. */
    public Fail {
      reasons = List.copyOf(reasons);
      if (reasons.isEmpty()) {
        throw new IllegalArgumentException("a failure needs at least one reason");
      }
    }

    @Override
    public Outcome outcome() {
      return Outcome.FAIL;
    }
  }

  /**
   * Neither proved nor refuted.
   *
   * @param cause what stopped the reasoner: the construct it does not model (with its position),
   *     the budget it ran out of, or an internal error (a counterexample the evaluator did not
   *     confirm)
   */
  record Inconclusive(String cause) implements CheckResult {
    @Override
    public Outcome outcome() {
      return Outcome.INCONCLUSIVE;
    }
  }
}
