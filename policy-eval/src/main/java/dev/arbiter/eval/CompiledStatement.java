package dev.arbiter.eval;

import dev.arbiter.policy.Effect;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.Statement;
import org.jspecify.annotations.Nullable;

/**
 * One statement, compiled. It applies to a request when its action, resource, principal and
 * condition tests all pass (docs/semantics.md §8.1); they are checked in that order, cheapest
 * first.
 */
final class CompiledStatement {
  final StatementRef ref;
  final boolean allow;
  final ActionMatcher actions;
  private final @Nullable ResourceMatcher resources;
  private final @Nullable PrincipalMatcher principals;
  private final ConditionMatcher[] conditions;

  CompiledStatement(StatementRef ref) {
    Statement statement = ref.statement();
    this.ref = ref;
    this.allow = statement.effect() == Effect.ALLOW;
    this.actions = new ActionMatcher(statement.actions(), allow);
    // No Resource element: only valid in resource-based policies, where it means the resource
    // the policy is attached to (§1.5.3), and in trust policies (the role itself).
    this.resources = statement.resources().map(r -> new ResourceMatcher(r, allow)).orElse(null);
    // RCPs and VPC endpoint policies are gates: they never grant (§9.1, §10).
    boolean gate =
        ref.policyType() == PolicyType.RCP || ref.policyType() == PolicyType.VPC_ENDPOINT;
    this.principals =
        statement
            .principals()
            .map(
                p ->
                    new PrincipalMatcher(
                        p, allow, gate, ref.policyType() == PolicyType.VPC_ENDPOINT))
            .orElse(null);
    this.conditions =
        statement.conditions().stream().map(ConditionMatcher::new).toArray(ConditionMatcher[]::new);
  }

  /**
   * How the statement applies to the request: how it names the caller ({@link Naming#IMPLICIT} for
   * a statement without Principal), or null if it does not apply.
   */
  @Nullable Naming match(EvalState state) {
    Request request = state.request;
    Trace trace = state.trace;
    if (!actions.matches(request.actionLower())) {
      if (trace.on) {
        trace.notApplied(
            ref,
            NotApplied.Element.ACTION,
            actions.describeMiss(request.action()),
            actions.element().location());
      }
      return null;
    }
    return matchAfterAction(state);
  }

  /**
   * The same as {@link #match} for a statement whose action test is known to pass (a candidate of
   * {@link StatementGroup#candidates}).
   */
  @Nullable Naming matchAfterAction(EvalState state) {
    if (!resourceMatches(state)) {
      return null;
    }
    Naming naming = principalNaming(state);
    if (naming == null || !conditionsHold(state)) {
      return null;
    }
    Trace trace = state.trace;
    if (allow && naming == Naming.NOT_PRINCIPAL && trace.on) {
      trace.warn(
          ref
              + " is an Allow with NotPrincipal, which AWS no longer supports (docs/semantics.md §5.5);"
              + " it is evaluated as its documented meaning, a grant to every principal not"
              + " listed, anonymous callers included");
    }
    trace.applied(ref);
    return naming;
  }

  private boolean resourceMatches(EvalState state) {
    Request request = state.request;
    if (resources == null || resources.matches(request, state.context)) {
      return true;
    }
    if (state.trace.on) {
      state.trace.notApplied(
          ref,
          NotApplied.Element.RESOURCE,
          resources.describeMiss(request, state.context),
          resources.element().location());
    }
    return false;
  }

  /** How the Principal names the caller ({@link Naming#IMPLICIT} without one); null if not. */
  private @Nullable Naming principalNaming(EvalState state) {
    if (principals == null) {
      return Naming.IMPLICIT;
    }
    Naming naming = principals.match(state);
    if (naming == null && state.trace.on) {
      state.trace.notApplied(
          ref,
          NotApplied.Element.PRINCIPAL,
          principals.describeMiss(state),
          principals.element().location());
    }
    return naming;
  }

  /**
   * Whether the conditions let the statement apply. Fail closed (docs/semantics.md §6.4.6, and
   * "nothing turns an error into allowed"): an Allow applies only when its conditions are certainly
   * true, a Deny unless they are certainly false.
   */
  private boolean conditionsHold(EvalState state) {
    Trace trace = state.trace;
    Tri result = Tri.TRUE;
    ConditionMatcher undecided = null;
    for (ConditionMatcher condition : conditions) {
      Tri one = condition.evaluate(state);
      if (one == Tri.FALSE) {
        if (trace.on) {
          trace.notApplied(
              ref,
              NotApplied.Element.CONDITION,
              condition.describe(state, one),
              condition.condition().location());
        }
        return false;
      }
      if (one == Tri.UNKNOWN && undecided == null) {
        undecided = condition;
      }
      result = Tri.and(result, one);
    }
    if (result != Tri.UNKNOWN || undecided == null) {
      return true;
    }
    if (allow) {
      if (trace.on) {
        trace.notApplied(
            ref,
            NotApplied.Element.CONDITION,
            undecided.describe(state, Tri.UNKNOWN)
                + "; an Allow applies only when its conditions are certainly true",
            undecided.condition().location());
      }
      return false;
    }
    if (trace.on) {
      trace.warn(ref + " applies because its condition could not be decided: a Deny fails closed");
    }
    return true;
  }
}
