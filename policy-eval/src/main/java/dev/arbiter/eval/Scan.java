package dev.arbiter.eval;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What one group of policies (the identity policies, one SCP level, ...) says about a request. */
final class Scan {
  static final Scan NONE = new Scan();

  boolean deny;
  boolean allow;

  /** For resource policies: the strongest way an applicable Allow named the caller. */
  @Nullable Naming naming;

  final List<StatementRef> denies = new ArrayList<>(0);
  final List<StatementRef> allows = new ArrayList<>(0);

  static Scan of(List<CompiledPolicy> policies, EvalState state) {
    Scan scan = new Scan();
    for (CompiledPolicy policy : policies) {
      scan.add(policy, state);
    }
    return scan;
  }

  void add(CompiledPolicy policy, EvalState state) {
    for (CompiledStatement statement : policy.statements) {
      Naming match = statement.match(state);
      if (match == null) {
        continue;
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
}
