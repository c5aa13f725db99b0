package dev.arbiter.eval;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What one group of policies (the identity policies, one SCP level, ...) says about a request. */
final class Scan {
  static final Scan NONE = new Scan(false);

  boolean deny;
  boolean allow;

  /** For resource policies: the strongest way an applicable Allow named the caller. */
  @Nullable Naming naming;

  /** The applicable Deny and Allow statements; filled only when the evaluation is traced. */
  final List<StatementRef> denies;

  final List<StatementRef> allows;

  private Scan(boolean traced) {
    denies = traced ? new ArrayList<>() : List.of();
    allows = traced ? new ArrayList<>() : List.of();
  }

  /**
   * Scans the group. Untraced, only the statements whose action test passes are looked at, and the
   * scan stops at the first applicable Deny (an explicit deny decides); traced, every statement is
   * matched so that the explanation can say why each did not apply.
   */
  static Scan of(StatementGroup group, EvalState state) {
    Scan scan = new Scan(state.trace.on);
    if (state.trace.on) {
      for (CompiledStatement statement : group.all()) {
        probe(statement, state);
        scan.record(statement, statement.match(state), state);
      }
      return scan;
    }
    for (CompiledStatement statement : group.candidates(state.request.actionLower())) {
      probe(statement, state);
      scan.record(statement, statement.matchAfterAction(state), state);
      if (scan.deny) {
        return scan;
      }
    }
    return scan;
  }

  private static void probe(CompiledStatement statement, EvalState state) {
    if (state.probe != null) {
      state.probe.before(statement.ref);
    }
  }

  private void record(CompiledStatement statement, @Nullable Naming match, EvalState state) {
    if (match == null) {
      return;
    }
    if (statement.allow) {
      allow = true;
      naming = naming == null ? match : Naming.stronger(naming, match);
      if (state.trace.on) {
        allows.add(statement.ref);
      }
    } else {
      deny = true;
      if (state.trace.on) {
        denies.add(statement.ref);
      }
    }
  }
}
