package dev.arbiter.eval;

import dev.arbiter.policy.Located;
import dev.arbiter.policy.PolicyProblem;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.SourceLocation;
import java.util.List;

/**
 * Thrown by {@link Evaluator#of(PolicySet)} when a policy is not valid for the part it plays (an
 * identity-based policy with a {@code Principal}, a trust policy with a {@code Resource}): AWS
 * would not store it, so the evaluator will not load it. The message names the policy, the element
 * and its position, for example {@code identityPolicies[0] (identity): 4:7 at
 * /Statement/0/Principal: Principal is not allowed in an identity-based policy; it names no
 * principal [UNSUPPORTED_PRINCIPAL]}.
 */
public final class InvalidPolicyException extends RuntimeException implements Located {
  private static final long serialVersionUID = 1L;

  private final String policyName;
  private final PolicyType policyType;

  @SuppressWarnings("serial") // an immutable list of records; serialization is not supported
  private final List<PolicyProblem> problems;

  InvalidPolicyException(String policyName, PolicyType policyType, List<PolicyProblem> problems) {
    super(message(policyName, policyType, problems));
    this.policyName = policyName;
    this.policyType = policyType;
    this.problems = List.copyOf(problems);
  }

  private static String message(String name, PolicyType type, List<PolicyProblem> problems) {
    PolicyProblem first = problems.get(0);
    String more = problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "";
    return name + " (" + type.cliName() + "): " + first + " [" + first.code() + "]" + more;
  }

  /** The name of the policy that is not valid. */
  public String policyName() {
    return policyName;
  }

  /** The type it was validated as. */
  public PolicyType policyType() {
    return policyType;
  }

  /** The location of the first problem, in the policy's own document. */
  @Override
  public SourceLocation location() {
    return problems.get(0).location();
  }

  /** Every problem, first one first; never empty. */
  public List<PolicyProblem> problems() {
    return problems;
  }
}
