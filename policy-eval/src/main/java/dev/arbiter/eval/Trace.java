package dev.arbiter.eval;

import dev.arbiter.policy.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one evaluation records for its explanation. {@link #OFF} records nothing, so {@link
 * Evaluator#evaluate} pays only for the {@code on} checks; callers build messages only when {@link
 * #on} is true.
 */
final class Trace {
  static final Trace OFF = new Trace(false);

  final boolean on;
  final List<StatementRef> applied = new ArrayList<>();
  final List<NotApplied> notApplied = new ArrayList<>();
  final List<String> steps = new ArrayList<>();
  final Set<String> warnings = new LinkedHashSet<>();

  private Trace(boolean on) {
    this.on = on;
  }

  static Trace recording() {
    return new Trace(true);
  }

  void applied(StatementRef statement) {
    if (on) {
      applied.add(statement);
    }
  }

  void notApplied(
      StatementRef statement, NotApplied.Element element, String reason, SourceLocation location) {
    if (on) {
      notApplied.add(new NotApplied(statement, element, reason, location));
    }
  }

  void step(String text) {
    if (on) {
      steps.add(text);
    }
  }

  void warn(String text) {
    if (on) {
      warnings.add(text);
    }
  }
}
