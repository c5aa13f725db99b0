package dev.arbiter.eval;

import dev.arbiter.policy.PolicyType;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Decides requests against a compiled {@link PolicySet} exactly as AWS does (SEMANTICS.md §9): an
 * explicit deny anywhere wins; RCP and SCP levels must each allow; a same-account resource policy
 * can grant on its own, depending on how it names the caller; otherwise the identity-based policies
 * must allow, within the permissions boundary and session policies; role trust policies and KMS key
 * policies must always allow; a cross-account request needs both accounts to allow.
 *
 * <p>Build once with {@link #of(PolicySet)}, then call {@link #evaluate(Request)} from any number
 * of threads: the evaluator is immutable. Evaluation never throws for a valid request, and a value
 * it cannot parse never makes a request allowed.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html">How
 *     AWS enforcement code logic evaluates requests to allow or deny access</a>
 */
public final class Evaluator {
  private final PolicySet policies;
  final List<CompiledPolicy> identity;
  final @Nullable CompiledPolicy resource;
  final List<CompiledPolicy> boundaries;
  final List<CompiledPolicy> sessions;
  final List<List<CompiledPolicy>> scps;
  final List<List<CompiledPolicy>> rcps;

  private Evaluator(PolicySet policies) {
    this.policies = policies;
    this.identity = CompiledPolicy.compileAll(policies.identityPolicies(), PolicyType.IDENTITY);
    this.resource =
        policies
            .resourcePolicy()
            .map(p -> CompiledPolicy.compile(p, policies.resourcePolicyType()))
            .orElse(null);
    this.boundaries =
        CompiledPolicy.compileAll(
            policies.permissionsBoundaries(), PolicyType.PERMISSIONS_BOUNDARY);
    this.sessions = CompiledPolicy.compileAll(policies.sessionPolicies(), PolicyType.SESSION);
    this.scps =
        policies.serviceControlPolicies().stream()
            .map(level -> CompiledPolicy.compileAll(level, PolicyType.SCP))
            .toList();
    this.rcps =
        policies.resourceControlPolicies().stream()
            .map(level -> CompiledPolicy.compileAll(level, PolicyType.RCP))
            .toList();
  }

  /**
   * Validates every policy of the set for the part it plays and compiles them.
   *
   * @throws InvalidPolicyException if a policy is not valid for its type; the message names the
   *     policy, the element and its position
   */
  public static Evaluator of(PolicySet policies) {
    return new Evaluator(policies);
  }

  /** The policies this evaluator was built from. */
  public PolicySet policies() {
    return policies;
  }

  /** Decides the request. Cheap: nothing is recorded. */
  public Decision evaluate(Request request) {
    return new Flow(this, request, Trace.OFF).run();
  }

  /** Decides the request and says why: the deciding statements, the others, the steps. */
  public Explanation explain(Request request) {
    Trace trace = Trace.recording();
    Flow flow = new Flow(this, request, trace);
    Decision decision = flow.run();
    return new Explanation(
        decision,
        flow.summary(),
        flow.decisive(),
        trace.applied,
        trace.notApplied,
        trace.steps,
        List.copyOf(trace.warnings));
  }
}
