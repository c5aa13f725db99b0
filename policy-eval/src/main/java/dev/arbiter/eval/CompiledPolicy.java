package dev.arbiter.eval;

import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyProblem;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.Statement;
import dev.arbiter.policy.internal.VersionReadings;
import java.util.List;

/** A validated policy with its statements compiled, in document order. */
final class CompiledPolicy {
  final NamedPolicy named;
  final PolicyType type;
  final CompiledStatement[] statements;

  private CompiledPolicy(NamedPolicy named, PolicyType type, CompiledStatement[] statements) {
    this.named = named;
    this.type = type;
    this.statements = statements;
  }

  /**
   * Validates the policy for the part it plays and compiles it.
   *
   * @throws InvalidPolicyException if AWS would not accept the policy as that type
   */
  static CompiledPolicy compile(NamedPolicy named, PolicyType type) {
    return compile(named, type, "");
  }

  /** As {@link #compile(NamedPolicy, PolicyType)}, for a policy attached at an SCP or RCP level. */
  static CompiledPolicy compile(NamedPolicy named, PolicyType type, String level) {
    List<PolicyProblem> problems = named.policy().validate(type);
    if (!problems.isEmpty()) {
      throw new InvalidPolicyException(named.name(), type, problems);
    }
    var statements = named.policy().statements();
    // docs/semantics.md §12.8: without a Version, ${...} is plain text or a policy variable; the
    // statements the two readings tell apart carry both.
    List<Statement> substituted =
        VersionReadings.substituted(named.policy()).map(Policy::statements).orElse(statements);
    CompiledStatement[] compiled = new CompiledStatement[statements.size()];
    for (int i = 0; i < compiled.length; i++) {
      Statement statement = statements.get(i);
      StatementRef ref = new StatementRef(named.name(), type, i, statement, level);
      Statement other = substituted.get(i);
      compiled[i] =
          other.equals(statement)
              ? new CompiledStatement(ref)
              : CompiledStatement.withTwoReadings(ref, other);
    }
    return new CompiledPolicy(named, type, compiled);
  }

  static List<CompiledPolicy> compileAll(List<NamedPolicy> policies, PolicyType type) {
    return compileAll(policies, type, "");
  }

  static List<CompiledPolicy> compileAll(
      List<NamedPolicy> policies, PolicyType type, String level) {
    return policies.stream().map(p -> compile(p, type, level)).toList();
  }
}
