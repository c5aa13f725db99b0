package dev.arbiter.eval;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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

  /**
   * The text {@code arbiter simulate} prints: the decision, the summary, which kinds of policy
   * decided, the deciding statements (each with its policy's kind, name and level) and, when {@code
   * explain} is true, the steps of the decision, the statements that did not apply and the
   * warnings. Every line ends with a newline.
   */
  public String toText(boolean explain) {
    StringBuilder out = new StringBuilder();
    out.append("Decision: ").append(decision.json()).append('\n');
    out.append(summary).append('\n');
    Set<String> kinds = new LinkedHashSet<>();
    decisive.forEach(s -> kinds.add(StatementRef.kind(s.policyType())));
    if (!kinds.isEmpty()) {
      out.append("Decided by policy type")
          .append(kinds.size() == 1 ? ": " : "s: ")
          .append(String.join(", ", kinds))
          .append('\n');
    }
    section(out, "Decided by", decisive);
    if (explain) {
      section(out, "Steps", steps);
      section(out, "Statements that did not apply", notApplied);
      section(out, "Warnings", warnings);
    }
    return out.toString();
  }

  private static void section(StringBuilder out, String title, List<?> lines) {
    if (!lines.isEmpty()) {
      out.append('\n').append(title).append(":\n");
      lines.forEach(line -> out.append("  ").append(line).append('\n'));
    }
  }

  /** Returns {@link #toText toText(true)}. */
  @Override
  public String toString() {
    return toText(true);
  }
}
