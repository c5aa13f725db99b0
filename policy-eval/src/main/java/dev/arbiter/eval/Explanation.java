package dev.arbiter.eval;

import java.util.List;

/**
 * A decision with its reasons, from {@link Evaluator#explain(Request)}.
 *
 * @param decision the decision, always the same as {@link Evaluator#evaluate(Request)} gives
 * @param summary one sentence saying why
 * @param decisive the statements that decided: for an explicit deny, the Deny statements that
 *     applied; for an allow, the Allow statements every required policy contributed; for an
 *     implicit deny, none
 * @param applied every statement that applied to the request, in evaluation order
 * @param notApplied the statements that did not apply, each with the element that ruled it out
 * @param steps the decision flow as it ran, one line per step (docs/semantics.md §9.2)
 * @param warnings evaluation facts worth a look: an undocumented case met, a value that could not
 *     be parsed
 */
public record Explanation(
    Decision decision,
    String summary,
    List<StatementRef> decisive,
    List<StatementRef> applied,
    List<NotApplied> notApplied,
    List<String> steps,
    List<String> warnings) {

  /** Copies the lists. */
  public Explanation {
    decisive = List.copyOf(decisive);
    applied = List.copyOf(applied);
    notApplied = List.copyOf(notApplied);
    steps = List.copyOf(steps);
    warnings = List.copyOf(warnings);
  }

  /** A readable, multi-line rendering: decision, summary, steps, statements and warnings. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    out.append("Decision: ").append(decision.json()).append('\n');
    out.append(summary).append('\n');
    if (!decisive.isEmpty()) {
      out.append("\nDecided by:\n");
      decisive.forEach(s -> out.append("  ").append(s).append('\n'));
    }
    if (!steps.isEmpty()) {
      out.append("\nSteps:\n");
      steps.forEach(s -> out.append("  ").append(s).append('\n'));
    }
    if (!notApplied.isEmpty()) {
      out.append("\nStatements that did not apply:\n");
      notApplied.forEach(s -> out.append("  ").append(s).append('\n'));
    }
    if (!warnings.isEmpty()) {
      out.append("\nWarnings:\n");
      warnings.forEach(s -> out.append("  ").append(s).append('\n'));
    }
    return out.toString();
  }
}
