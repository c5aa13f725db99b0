package dev.arbiter.eval;

import dev.arbiter.policy.PolicyType;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Decides requests against a compiled {@link PolicySet} exactly as AWS does (docs/semantics.md §9):
 * an explicit deny anywhere wins; RCP and SCP levels must each allow; a same-account resource
 * policy can grant on its own, depending on how it names the caller; otherwise the identity-based
 * policies must allow, within the permissions boundary and session policies; role trust policies
 * and KMS key policies must always allow; a cross-account request needs both accounts to allow.
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
  final List<StatementGroup> scps;
  final List<StatementGroup> rcps;
  final @Nullable CompiledPolicy endpoint;
  final StatementGroup endpointGroup;
  final StatementGroup identityGroup;
  final StatementGroup resourceGroup;
  final StatementGroup boundaryGroup;
  final StatementGroup sessionGroup;
  private final @Nullable Probe probe;

  /**
   * §9.13: why the resource policy is public, when S3 Block Public Access restricts it
   * (RestrictPublicBuckets on, a resource-based policy, public by the set's test); otherwise null.
   */
  final @Nullable String restrictedPublicPolicy;

  /** A test's fault injector: called before each statement is matched, it may throw. */
  interface Probe {
    void before(StatementRef statement);
  }

  private Evaluator(PolicySet policies, @Nullable Probe probe) {
    this.policies = policies;
    this.probe = probe;
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
        StatementGroup.of(
            levels(
                policies.serviceControlPolicies(),
                policies.serviceControlPolicyLevelNames(),
                PolicyType.SCP));
    this.rcps =
        StatementGroup.of(
            levels(
                policies.resourceControlPolicies(),
                policies.resourceControlPolicyLevelNames(),
                PolicyType.RCP));
    this.endpoint =
        policies
            .vpcEndpointPolicy()
            .map(p -> CompiledPolicy.compile(p, PolicyType.VPC_ENDPOINT))
            .orElse(null);
    this.endpointGroup =
        endpoint == null ? StatementGroup.EMPTY : new StatementGroup(List.of(endpoint));
    this.identityGroup = new StatementGroup(identity);
    this.resourceGroup =
        resource == null ? StatementGroup.EMPTY : new StatementGroup(List.of(resource));
    this.boundaryGroup = new StatementGroup(boundaries);
    this.sessionGroup = new StatementGroup(sessions);
    this.restrictedPublicPolicy = restrictedPublicPolicy(policies);
  }

  private static @Nullable String restrictedPublicPolicy(PolicySet policies) {
    if (!policies.s3BlockPublicAccess().restrictPublicBuckets()
        || policies.resourcePolicyType() != PolicyType.RESOURCE
        || policies.resourcePolicy().isEmpty()) {
      return null;
    }
    return policies
        .publicPolicyTest()
        .whyPublic(policies.resourcePolicy().get().policy())
        .orElse(null);
  }

  private static List<List<CompiledPolicy>> levels(
      List<List<NamedPolicy>> levels, List<String> names, PolicyType type) {
    List<List<CompiledPolicy>> compiled = new java.util.ArrayList<>();
    for (int i = 0; i < levels.size(); i++) {
      compiled.add(CompiledPolicy.compileAll(levels.get(i), type, names.get(i)));
    }
    return compiled;
  }

  /**
   * Validates every policy of the set for the part it plays and compiles them. When the set's S3
   * Block Public Access settings restrict public buckets, its {@link PolicySet#publicPolicyTest()}
   * is asked once here whether the resource policy is public (docs/semantics.md §9.13).
   *
   * @throws InvalidPolicyException if a policy is not valid for its type; the message names the
   *     policy, the element and its position
   */
  public static Evaluator of(PolicySet policies) {
    return new Evaluator(policies, null);
  }

  /** An evaluator that calls {@code probe} before matching each statement: for fault tests. */
  static Evaluator withProbe(PolicySet policies, Probe probe) {
    return new Evaluator(policies, probe);
  }

  @Nullable Probe probe() {
    return probe;
  }

  /** The policies this evaluator was built from. */
  public PolicySet policies() {
    return policies;
  }

  /**
   * Decides the request. Cheap: nothing is recorded.
   *
   * <p>Fails closed: should evaluation fail with an unexpected exception (a bug), the request is
   * {@link Decision#EXPLICIT_DENY denied explicitly}, as if a Deny had applied, so that no caller
   * and no combination of decisions can read the failure as permission; the error is logged (logger
   * {@code dev.arbiter.eval}) and {@link #explain} reports it in the summary and the warnings.
   */
  public Decision evaluate(Request request) {
    try {
      return new Flow(this, request, Trace.OFF).run();
    } catch (RuntimeException | StackOverflowError e) {
      LOG.log(System.Logger.Level.ERROR, () -> failure(request, e), e);
      return Decision.EXPLICIT_DENY;
    }
  }

  /** Decides the request and says why: the deciding statements, the others, the steps. */
  public Explanation explain(Request request) {
    Trace trace = Trace.recording();
    try {
      Flow flow = new Flow(this, request, trace);
      return flow.explanation(flow.run());
    } catch (RuntimeException | StackOverflowError e) {
      String why = failure(request, e);
      LOG.log(System.Logger.Level.ERROR, why, e);
      trace.warn(why);
      return new Explanation(
          Decision.EXPLICIT_DENY,
          "Explicitly denied: evaluation failed with an unexpected error, and Arbiter fails closed ("
              + e
              + ").",
          List.of(),
          trace.applied,
          trace.notApplied,
          trace.steps,
          List.copyOf(trace.warnings));
    }
  }

  private static final System.Logger LOG = System.getLogger("dev.arbiter.eval");

  private static String failure(Request request, Throwable e) {
    return "evaluation of " + request + " failed (" + e + "); the request is denied (fail closed)";
  }
}
