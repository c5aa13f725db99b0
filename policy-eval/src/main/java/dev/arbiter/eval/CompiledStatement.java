package dev.arbiter.eval;

import dev.arbiter.policy.Effect;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.Statement;
import java.util.ArrayList;
import java.util.List;
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

  /**
   * For a statement of a policy without {@code Version} whose text reads differently as 2012-10-17
   * (docs/semantics.md §12.8): the statement read that way, variables substituted; null for every
   * other statement, which then pays one null test per match.
   */
  private final @Nullable CompiledStatement substituted;

  CompiledStatement(StatementRef ref) {
    this(ref, ref.statement(), null);
  }

  /**
   * A statement with two readings (§12.8): {@code ref}'s statement, read with {@code ${...}} as
   * plain text, and {@code substituted}, the same statement read as Version 2012-10-17.
   */
  static CompiledStatement withTwoReadings(StatementRef ref, Statement substituted) {
    return new CompiledStatement(
        ref, ref.statement(), new CompiledStatement(ref, substituted, null));
  }

  private CompiledStatement(
      StatementRef ref, Statement statement, @Nullable CompiledStatement substituted) {
    this.ref = ref;
    this.substituted = substituted;
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
    CompiledStatement other = substituted;
    Naming naming = other == null ? matchReading(state) : matchBothReadings(state, other);
    if (naming == null) {
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

  /** Whether this reading of the statement applies, once its action test passed. */
  private @Nullable Naming matchReading(EvalState state) {
    if (!resourceMatches(state)) {
      return null;
    }
    Naming naming = principalNaming(state);
    if (naming == null || !conditionsHold(state)) {
      return null;
    }
    return naming;
  }

  /**
   * docs/semantics.md §12.8, §12.0: a statement of a policy without {@code Version}, whose {@code
   * ${...}} AWS's pages read either as plain text or as a policy variable. An Allow applies only
   * when both readings apply, a Deny when either does. (Across the statements of a policy this
   * never allows what one of the whole-document readings would deny: every Allow that applies
   * applies in both, and every Deny that applies in one of them counts.) The plain-text reading
   * goes first; the other is tried only when it can change the answer.
   */
  private @Nullable Naming matchBothReadings(EvalState state, CompiledStatement other) {
    Trace trace = state.trace;
    int before = trace.notApplied.size();
    Naming plain = matchReading(state);
    if (allow ? plain == null : plain != null) {
      return plain;
    }
    int mark = trace.notApplied.size();
    Naming naming = other.matchReading(state);
    if (trace.on) {
      List<NotApplied> added = trace.notApplied.subList(mark, trace.notApplied.size());
      if (allow) {
        // The plain-text reading applied, the substituted one did not.
        List<NotApplied> reasons = new ArrayList<>(added);
        added.clear();
        for (NotApplied miss : reasons) {
          trace.notApplied(
              ref,
              miss.element(),
              "read with its policy variables substituted (the policy has no Version,"
                  + " docs/semantics.md §12.8), "
                  + miss.reason()
                  + "; an Allow applies only when the plain-text reading and this one both do",
              miss.location());
        }
      } else if (naming != null) {
        trace.notApplied.subList(before, mark).clear();
        trace.warn(
            ref
                + " applies with its policy variables substituted, though not with ${...} read as"
                + " plain text: the policy has no Version, AWS's pages disagree on which reading"
                + " holds, and a Deny applies when either does (docs/semantics.md §12.8)");
      } else {
        added.clear();
      }
    }
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
