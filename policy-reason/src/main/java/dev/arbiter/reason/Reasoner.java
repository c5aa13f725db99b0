package dev.arbiter.reason;

import dev.arbiter.eval.PolicySet;
import dev.arbiter.eval.Request;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.ResourcePattern;
import dev.arbiter.policy.SourcePosition;
import dev.arbiter.policy.Statement;
import dev.arbiter.policy.internal.OneLine;
import dk.brics.automaton.Automaton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks about every request at once, in the manner of IAM Access Analyzer's custom policy checks,
 * offline. Each check returns {@link CheckResult.Pass} only when it is proved for every request
 * (actions and resources range over all strings, condition keys the policies do not mention over
 * every state); {@link CheckResult.Fail} only with counterexamples that the concrete evaluator
 * confirmed; otherwise {@link CheckResult.Inconclusive}, naming the construct or budget that
 * stopped it. docs/reasoning.md describes the encoding and what it models.
 *
 * <pre>{@code
 * CheckResult result = Reasoner.create().noNewAccess(oldPolicy, newPolicy, PolicyType.IDENTITY);
 * }</pre>
 *
 * <p>A policy is read alone, as its type reads it: an identity policy grants what its Allow
 * statements cover and its Deny statements do not; a resource or trust policy likewise, for the
 * principals it names. Supported types: {@link PolicyType#IDENTITY}, {@link PolicyType#RESOURCE}
 * and {@link PolicyType#TRUST}. Immutable and thread-safe.
 */
public final class Reasoner {
  private static final Set<PolicyType> TYPES =
      Set.of(PolicyType.IDENTITY, PolicyType.RESOURCE, PolicyType.TRUST);

  private final Duration timeout;
  private final int maxCubes;

  private Reasoner(Duration timeout, int maxCubes) {
    this.timeout = timeout;
    this.maxCubes = maxCubes;
  }

  /** A reasoner with the default budget: 10 seconds and 200,000 cubes per check. */
  public static Reasoner create() {
    return new Reasoner(Duration.ofSeconds(10), 200_000);
  }

  /**
   * This reasoner with another budget; a check that exceeds it is inconclusive.
   *
   * @throws IllegalArgumentException if either limit is not positive
   */
  public Reasoner withBudget(Duration newTimeout, int newMaxCubes) {
    if (newTimeout.isNegative() || newTimeout.isZero() || newMaxCubes < 1) {
      throw new IllegalArgumentException("a budget must be positive");
    }
    return new Reasoner(newTimeout, newMaxCubes);
  }

  /**
   * Whether {@code candidate} grants nothing that {@code reference} does not ({@code
   * CheckNoNewAccess}). A failure names each statement of the candidate that adds access, with a
   * request it allows and the reference does not.
   *
   * @throws dev.arbiter.eval.InvalidPolicyException if a policy is not valid for the type
   */
  public CheckResult noNewAccess(Policy reference, Policy candidate, PolicyType type) {
    return newAccess(reference, candidate, type, "");
  }

  /**
   * Whether {@code policy} grants none of the given actions on any of the given resources ({@code
   * CheckAccessNotGranted}). Actions may hold {@code *} and {@code ?}; resources are Resource
   * patterns. An empty list stands for every action, or every resource; both empty asks whether the
   * policy grants anything.
   *
   * @throws dev.arbiter.eval.InvalidPolicyException if the policy is not valid for the type
   */
  public CheckResult accessNotGranted(
      Policy policy, PolicyType type, List<String> actions, List<String> resources) {
    if (!TYPES.contains(type)) {
      return unsupported(type);
    }
    Replay replay = new Replay(policy, type, "policy");
    try (Space space = space()) {
      Domains domains = Domains.of(List.of(policy));
      return withVariables(
          Variables.of(List.of(policy)),
          variables ->
              accessNotGranted(
                  policy, type, actions, resources, replay, space, domains, variables));
    } catch (Unmodelled e) {
      return new CheckResult.Inconclusive(e.construct());
    }
  }

  private static CheckResult accessNotGranted(
      Policy policy,
      PolicyType type,
      List<String> actions,
      List<String> resources,
      Replay replay,
      Space space,
      Domains domains,
      Variables variables) {
    {
      Encoder.Encoded encoded = Encoder.encode(policy, type, domains, variables);
      Cube query = query(actions, resources);
      if (!actions.isEmpty() && outside(query)) {
        return OUTSIDE_ASKED;
      }
      List<Reason> reasons = new ArrayList<>();
      for (List<Cube> allow : byStatement(encoded.allows())) {
        List<Cube> asked = new ArrayList<>();
        for (Cube cube : allow) {
          Cube one = cube.intersect(query);
          if (!one.isEmpty()) {
            asked.add(one);
          }
        }
        if (asked.isEmpty()) {
          continue;
        }
        Witnesses granted = new Witnesses(type, domains, Replay.spellings(policy));
        space.minus(space.minus(asked, encoded.denies()), OUTSIDE_POLICIES, granted::offer);
        if (granted.none()) {
          continue;
        }
        Request request = granted.request();
        if (request == null || !replay.allows(request)) {
          return unconfirmed(request, variables);
        }
        int index = allow.get(0).statement();
        reasons.add(
            reason(
                policy,
                index,
                "The statement with index " + index + " grants the access in question: ",
                request));
      }
      return reasons.isEmpty() ? new CheckResult.Pass() : new CheckResult.Fail(reasons);
    }
  }

  /**
   * Whether {@code policy}, attached to a resource of the given type, grants nothing to the public
   * ({@code CheckNoPublicAccess}): to anonymous callers, to principals of accounts the policy does
   * not name, or to anyone signed in with a public web identity provider, whose keys that restrict
   * the caller (aws:PrincipalOrgID, aws:SourceVpce, aws:SourceIp and the like) hold values the
   * policy does not fix (docs/reasoning.md, "No public access"). A failure names each statement
   * that grants public access, says who the public is, and gives a request it allows, confirmed on
   * the evaluator.
   *
   * @throws dev.arbiter.eval.InvalidPolicyException if the policy is not valid for the type
   */
  public CheckResult noPublicAccess(Policy policy, PublicResourceType resourceType) {
    return noPublicAccess(policy, resourceType.policyType(), resourceType);
  }

  /**
   * {@link #noPublicAccess(Policy, PublicResourceType)} for a policy whose resource is not known:
   * every action and every resource (a resource or trust policy).
   *
   * @throws dev.arbiter.eval.InvalidPolicyException if the policy is not valid for the type
   */
  public CheckResult noPublicAccess(Policy policy, PolicyType type) {
    if (type != PolicyType.RESOURCE && type != PolicyType.TRUST) {
      return new CheckResult.Inconclusive(
          "public access is a question about resource and trust policies, not " + type.cliName());
    }
    return noPublicAccess(policy, type, null);
  }

  private CheckResult noPublicAccess(
      Policy policy, PolicyType type, @Nullable PublicResourceType resourceType) {
    Replay replay = new Replay(policy, type, "policy");
    try (Space space = space()) {
      Public.Adversary adversary = Public.adversary(policy, resourceType);
      Domains domains = Domains.of(List.of(adversary.policy()));
      return withVariables(
          Variables.of(List.of(adversary.policy())),
          variables -> noPublicAccess(policy, type, adversary, replay, space, domains, variables));
    } catch (Unmodelled e) {
      return new CheckResult.Inconclusive(e.construct());
    }
  }

  private static CheckResult noPublicAccess(
      Policy policy,
      PolicyType type,
      Public.Adversary adversary,
      Replay replay,
      Space space,
      Domains domains,
      Variables variables) {
    {
      Encoder.Encoded encoded = Encoder.encode(adversary.policy(), type, domains, variables);
      List<Reason> reasons = new ArrayList<>();
      for (List<Cube> allow : byStatement(encoded.allows())) {
        List<Cube> asked = new ArrayList<>();
        for (Cube cube : allow) {
          Cube one = cube.intersect(adversary.cube());
          if (!one.isEmpty()) {
            asked.add(one);
          }
        }
        List<Cube> granted = new ArrayList<>();
        space.minus(
            space.minus(asked, encoded.denies()),
            OUTSIDE_POLICIES,
            cube -> {
              Cube real = cube.sendable().within(type.usesIdentitySyntax(), domains);
              if (!real.isEmpty()) {
                granted.add(real);
              }
              return granted.size() >= Witnesses.EXAMPLES;
            });
        if (granted.isEmpty()) {
          continue;
        }
        Request request = Public.sample(granted, Replay.spellings(policy), adversary.resources());
        if (request == null || !replay.allows(request)) {
          return unconfirmed(request, variables);
        }
        int index = allow.get(0).statement();
        reasons.add(
            reason(
                policy,
                index,
                "Public access in the statement with index "
                    + index
                    + " ("
                    + Public.who(request)
                    + "): ",
                request));
      }
      return reasons.isEmpty() ? new CheckResult.Pass() : new CheckResult.Fail(reasons);
    }
  }

  /**
   * Whether the two policies grant exactly the same requests: {@link #noNewAccess} both ways. A
   * failure's reasons name statements of {@code b} that add access, then statements of {@code a}
   * whose access {@code b} drops.
   */
  public CheckResult equivalent(Policy a, Policy b, PolicyType type) {
    Differences differences = differences(a, b, type);
    List<Reason> reasons = new ArrayList<>();
    for (CheckResult one : List.of(differences.added(), differences.removed())) {
      if (one instanceof CheckResult.Fail fail) {
        reasons.addAll(fail.reasons());
      }
    }
    if (!reasons.isEmpty()) {
      return new CheckResult.Fail(reasons);
    }
    if (differences.added() instanceof CheckResult.Inconclusive inconclusive) {
      return inconclusive;
    }
    return differences.removed();
  }

  /**
   * What {@code b} grants beyond {@code a}, and what it no longer grants, statement by statement.
   */
  public Differences differences(Policy a, Policy b, PolicyType type) {
    return new Differences(
        newAccess(a, b, type, "the second policy: "), newAccess(b, a, type, "the first policy: "));
  }

  private CheckResult newAccess(Policy reference, Policy candidate, PolicyType type, String whose) {
    if (!TYPES.contains(type)) {
      return unsupported(type);
    }
    Replay old = Replay.reference(reference, type);
    Replay now = new Replay(candidate, type, "candidate");
    try (Space space = space()) {
      Domains domains = Domains.of(List.of(reference, candidate));
      return withVariables(
          Variables.of(List.of(reference, candidate)),
          variables ->
              newAccess(reference, candidate, type, whose, old, now, space, domains, variables));
    } catch (Unmodelled e) {
      return new CheckResult.Inconclusive(e.construct());
    }
  }

  private static CheckResult newAccess(
      Policy reference,
      Policy candidate,
      PolicyType type,
      String whose,
      Replay old,
      Replay now,
      Space space,
      Domains domains,
      Variables variables) {
    {
      Encoder.Encoded before = Encoder.encode(reference, type, domains, variables);
      Encoder.Encoded after = Encoder.encode(candidate, type, domains, variables);
      List<Reason> reasons = new ArrayList<>();
      for (List<Cube> allow : byStatement(after.allows())) {
        List<Cube> granted = space.minus(space.minus(allow, after.denies()), OUTSIDE_POLICIES);
        Witnesses added = new Witnesses(type, domains, Replay.spellings(candidate, reference));
        if (!space.minus(granted, before.allows(), added::offer)) {
          for (Cube cube : space.intersect(granted, before.denies())) {
            if (added.offer(cube)) {
              break;
            }
          }
        }
        if (added.none()) {
          continue;
        }
        Request request = added.request();
        if (request == null || !now.allows(request) || old.allows(request)) {
          return unconfirmed(request, variables);
        }
        int index = allow.get(0).statement();
        reasons.add(
            reason(
                candidate,
                index,
                "New access in "
                    + whose
                    + "the statement with index "
                    + index
                    + " allows what the other policy does not: ",
                request));
      }
      return reasons.isEmpty() ? new CheckResult.Pass() : new CheckResult.Fail(reasons);
    }
  }

  /**
   * A check over the cases of its policy variables (docs/reasoning.md, "Policy variables"): first
   * with the "any other value" case approximated, where a proof is final; when a counterexample
   * from there is not confirmed, again with that case replaced by one fresh value, where a
   * counterexample is exact and no counterexample leaves the other values undecided. Both runs
   * share the check's budget.
   */
  private static CheckResult withVariables(
      Variables variables, java.util.function.Function<Variables, CheckResult> check) {
    try {
      return check.apply(variables);
    } catch (Retry retry) {
      CheckResult probed = check.apply(variables.in(Variables.Mode.PROBE));
      return probed instanceof CheckResult.Pass
          ? new CheckResult.Inconclusive(variables.undecided())
          : probed;
    }
  }

  /** A counterexample from an approximated case that the evaluator did not confirm. */
  private static final class Retry extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Retry() {
      super(null, null, false, false);
    }
  }

  /**
   * The requests an access check asks about: the actions (with {@code *} and {@code ?}; none for
   * every action) on the Resource patterns (none for every resource).
   *
   * @throws Unmodelled for a policy variable in a resource pattern
   */
  static Cube query(List<String> actions, List<String> resources) {
    Automaton action = Strings.ANY;
    if (!actions.isEmpty()) {
      action = Strings.actions(actions.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList());
    }
    Automaton resource = Strings.ANY;
    if (!resources.isEmpty()) {
      resource = Strings.EMPTY;
      for (String text : resources) {
        Automaton one = Strings.resource(ResourcePattern.of(text).template());
        if (one == null) {
          throw new Unmodelled("a policy variable in the resource " + text);
        }
        resource = Strings.or(resource, one);
      }
    }
    return new Cube(Strings.ANY, action, resource, Map.of(), -1);
  }

  /** Whether the query asks about an action AWS decides outside policies, on the resource *. */
  static boolean outside(Cube query) {
    return Strings.meets(query.action(), OUTSIDE_POLICIES.get(0).action())
        && query.resource().run("*");
  }

  /**
   * AWS allows these to every IAM principal whatever the policy says (docs/semantics.md §9.12):
   * "not granted" would be false assurance, and "granted by this policy" untrue.
   */
  static final CheckResult OUTSIDE_ASKED =
      new CheckResult.Inconclusive(
          "sts:GetCallerIdentity and sts:GetSessionToken are allowed by AWS outside policies"
              + " (docs/semantics.md §9.12)");

  /**
   * Whether the caller of {@code shape} is allowed none of the given actions on any of the given
   * resources of the shape's account through all the policies of {@code set}, combined as the
   * evaluator combines them (docs/semantics.md §9: explicit denies, RCP and SCP levels, the VPC
   * endpoint policy, the resource policy, identity policies, boundary and session policies). A
   * failure names each statement through which the access is granted (an identity or resource
   * policy statement), with a request the evaluator of {@code set} allows. Actions and resources as
   * in {@link #accessNotGranted(Policy, PolicyType, List, List)}; every condition key ranges freely
   * (docs/reasoning.md, "Policy sets").
   *
   * @throws dev.arbiter.eval.InvalidPolicyException if a policy is not valid for its part
   * @throws IllegalArgumentException if the evaluator refuses requests by the shape's caller
   */
  public CheckResult accessNotGranted(
      PolicySet set, RequestShape shape, List<String> actions, List<String> resources) {
    try (Space space = space()) {
      return SetChecks.accessNotGranted(space, this, set, shape, actions, resources);
    }
  }

  /**
   * Whether {@code candidate} allows the caller of {@code shape} nothing that {@code reference}
   * does not, on resources of the shape's account, each set decided as a whole (see {@link
   * #accessNotGranted(PolicySet, RequestShape, List, List)}). A failure names each statement of the
   * candidate through which new access is granted, with a request the candidate's evaluator allows
   * and the reference's does not.
   *
   * @throws dev.arbiter.eval.InvalidPolicyException if a policy is not valid for its part
   * @throws IllegalArgumentException if the evaluator refuses requests by the shape's caller
   */
  public CheckResult noNewAccess(PolicySet reference, PolicySet candidate, RequestShape shape) {
    try (Space space = space()) {
      return SetChecks.noNewAccess(space, this, reference, candidate, shape, "the candidate");
    }
  }

  /**
   * What {@code b} allows the caller of {@code shape} beyond {@code a}, and what it no longer
   * allows, each set decided as a whole.
   *
   * @throws dev.arbiter.eval.InvalidPolicyException if a policy is not valid for its part
   * @throws IllegalArgumentException if the evaluator refuses requests by the shape's caller
   */
  public Differences differences(PolicySet a, PolicySet b, RequestShape shape) {
    CheckResult added;
    try (Space space = space()) {
      added = SetChecks.noNewAccess(space, this, a, b, shape, "the second set");
    }
    try (Space space = space()) {
      return new Differences(
          added, SetChecks.noNewAccess(space, this, b, a, shape, "the first set"));
    }
  }

  /**
   * Under which values of the condition keys the request does not give it would be allowed by the
   * set ({@code arbiter simulate --conditions}): the request's principal, action, resource,
   * resource account and given keys stay as they are; each key that a policy of the set reads and
   * the request leaves out may be absent or take any value. The answer lists the exact
   * alternatives, each confirmed on the evaluator with a request that satisfies it, or says that no
   * value allows the request, or that the reasoner cannot tell (docs/reasoning.md, "Missing context
   * keys").
   *
   * @throws dev.arbiter.eval.InvalidPolicyException if a policy is not valid for its part
   */
  public Conditions conditions(PolicySet set, Request request) {
    try (Space space = space()) {
      return ContextConditions.of(space, set, request);
    }
  }

  /**
   * Requests AWS decides without policies (docs/semantics.md §9.12): sts:GetCallerIdentity and
   * sts:GetSessionToken by an IAM principal. No policy grants or denies them, so the checks leave
   * them out.
   */
  private static final List<Cube> OUTSIDE_POLICIES =
      List.of(
          new Cube(
              Strings.or(Callers.IAM, Callers.ROOTS),
              Strings.or(
                  Strings.exactly("sts:getcalleridentity"), Strings.exactly("sts:getsessiontoken")),
              Strings.ANY,
              Map.of(),
              -1));

  /** The cubes grouped by the statement they came from, in statement order. */
  static List<List<Cube>> byStatement(List<Cube> cubes) {
    Map<Integer, List<Cube>> out = new java.util.TreeMap<>();
    for (Cube cube : cubes) {
      out.computeIfAbsent(cube.statement(), k -> new ArrayList<>()).add(cube);
    }
    return List.copyOf(out.values());
  }

  /**
   * Residual cubes restricted to the requests that can exist, gathered until one of them gives a
   * plain counterexample (docs/semantics.md §12.0: no resource {@code *}, no empty or multivalued
   * keys) or {@link #EXAMPLES} are found: only one request per statement is reported, so the rest
   * of a residue need not be computed.
   */
  static final class Witnesses {
    static final int EXAMPLES = 16;

    private final boolean identity;
    private final Domains domains;
    private final Map<String, String> spellings;
    private final @Nullable String resourceAccount;
    private final List<Cube> cubes = new ArrayList<>();
    private @Nullable Request plain;

    Witnesses(PolicyType type, Domains domains, Map<String, String> spellings) {
      this(type.usesIdentitySyntax(), domains, spellings, null);
    }

    /** For a check over a policy set: its caller is fixed, its resources in one account. */
    Witnesses(Domains domains, Map<String, String> spellings, String resourceAccount) {
      this(false, domains, spellings, resourceAccount);
    }

    private Witnesses(
        boolean identity,
        Domains domains,
        Map<String, String> spellings,
        @Nullable String resourceAccount) {
      this.identity = identity;
      this.domains = domains;
      this.spellings = spellings;
      this.resourceAccount = resourceAccount;
    }

    /** Takes a residual cube; true once enough are known. */
    boolean offer(Cube cube) {
      Cube real =
          resourceAccount == null
              ? cube.sendable().within(identity, domains)
              // a set's caller is fixed (and may be a root user, which Callers.ALL leaves out)
              : cube.sendable()
                  .withPrincipal(Strings.ANY)
                  .within(false, domains)
                  .withPrincipal(cube.principal());
      if (real.isEmpty()) {
        return false;
      }
      cubes.add(real);
      Request request = Replay.sample(real, spellings, resourceAccount);
      if (request != null && Replay.plain(request)) {
        plain = request;
        return true;
      }
      return cubes.size() >= EXAMPLES;
    }

    boolean none() {
      return cubes.isEmpty();
    }

    @Nullable Request request() {
      return plain != null ? plain : Replay.sample(cubes, spellings, resourceAccount);
    }
  }

  Space space() {
    return new Space(timeout.toNanos(), maxCubes);
  }

  static Reason reason(Policy policy, int index, String lead, Request request) {
    Statement statement = policy.statements().get(index);
    SourcePosition position = statement.location().position();
    return new Reason(index, statement.sid(), position.line(), lead + may(request), request);
  }

  /** "P may call A on R with context C." */
  static String may(Request request) {
    String context = request.context().keys().isEmpty() ? "" : " with context " + request.context();
    return OneLine.quote(request.principal())
        + " may call "
        + OneLine.quote(request.action())
        + " on "
        + OneLine.quote(request.resource())
        + context
        + ".";
  }

  private static CheckResult unsupported(PolicyType type) {
    return new CheckResult.Inconclusive(
        "policies of type " + type.cliName() + " are not modelled yet (identity, resource, trust)");
  }

  /**
   * A counterexample the evaluator did not confirm: expected from an approximated case of policy
   * variables (the check is retried exactly), an internal error otherwise.
   */
  private static CheckResult unconfirmed(@Nullable Request request, Variables variables) {
    if (variables.approximates()) {
      throw new Retry();
    }
    return unconfirmed(request);
  }

  static CheckResult unconfirmed(@Nullable Request request) {
    return new CheckResult.Inconclusive(
        "internal error: the evaluator did not confirm the counterexample "
            + (request == null ? "(none could be built)" : request + " " + request.context())
            + "; please report it");
  }
}
