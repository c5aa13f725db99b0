package dev.arbiter.reason;

import dev.arbiter.eval.NamedPolicy;
import dev.arbiter.eval.PolicySet;
import dev.arbiter.eval.Request;
import dev.arbiter.policy.Policy;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks over whole policy sets ({@link Reasoner#accessNotGranted(PolicySet, RequestShape,
 * List, List)} and the like): the same cube algebra as the single-policy checks, on the allowed set
 * that {@link FlowCompiler} builds, region by region, with every counterexample replayed on the
 * evaluator of the set itself.
 */
final class SetChecks {
  private SetChecks() {}

  /** Every policy of the set, for the value classes and the spellings of counterexamples. */
  static List<Policy> policies(PolicySet set) {
    List<NamedPolicy> named = new ArrayList<>(set.identityPolicies());
    set.resourcePolicy().ifPresent(named::add);
    named.addAll(set.permissionsBoundaries());
    named.addAll(set.sessionPolicies());
    set.serviceControlPolicies().forEach(named::addAll);
    set.resourceControlPolicies().forEach(named::addAll);
    set.vpcEndpointPolicy().ifPresent(named::add);
    return named.stream().map(NamedPolicy::policy).toList();
  }

  static CheckResult accessNotGranted(
      Space space,
      PolicySet set,
      RequestShape shape,
      List<String> actions,
      List<String> resources) {
    Replay replay = new Replay(set);
    try {
      List<Policy> policies = policies(set);
      Domains domains = Domains.of(policies);
      FlowCompiler.Origins origins = new FlowCompiler.Origins();
      FlowCompiler.Compiled compiled = FlowCompiler.compile(set, shape, domains, space, origins);
      Cube query = Reasoner.query(actions, resources);
      if (!actions.isEmpty() && compiled.iam() && Reasoner.outside(query)) {
        return Reasoner.OUTSIDE_ASKED;
      }
      java.util.Map<String, String> spellings = Replay.spellings(policies.toArray(new Policy[0]));
      List<Reason> reasons = new ArrayList<>();
      java.util.Set<Integer> reported = new java.util.HashSet<>();
      for (FlowCompiler.Region region : compiled.regions()) {
        for (List<Cube> grant : Reasoner.byStatement(region.grants())) {
          int label = grant.get(0).statement();
          if (reported.contains(label)) {
            continue;
          }
          List<Cube> asked = new ArrayList<>();
          for (Cube cube : grant) {
            Cube one = cube.intersect(query);
            if (!one.isEmpty()) {
              asked.add(one);
            }
          }
          if (asked.isEmpty()) {
            continue;
          }
          Reasoner.Witnesses granted =
              new Reasoner.Witnesses(domains, spellings, shape.resourceAccount());
          space.minus(asked, region.denies(), granted::offer);
          if (granted.none()) {
            continue;
          }
          Request request = granted.request();
          if (request == null || !replay.allows(request)) {
            return Reasoner.unconfirmed(request);
          }
          reported.add(label);
          reasons.add(reason(origins, label, "grants the access in question: ", request));
        }
      }
      return reasons.isEmpty() ? new CheckResult.Pass() : new CheckResult.Fail(reasons);
    } catch (Unmodelled e) {
      return new CheckResult.Inconclusive(e.construct());
    }
  }

  static CheckResult noNewAccess(
      Space space, PolicySet reference, PolicySet candidate, RequestShape shape, String whose) {
    Replay old = new Replay(reference);
    Replay now = new Replay(candidate);
    try {
      List<Policy> policies = new ArrayList<>(policies(candidate));
      policies.addAll(policies(reference));
      Domains domains = Domains.of(policies);
      FlowCompiler.Origins origins = new FlowCompiler.Origins();
      FlowCompiler.Compiled before =
          FlowCompiler.compile(reference, shape, domains, space, origins);
      FlowCompiler.Compiled after = FlowCompiler.compile(candidate, shape, domains, space, origins);
      java.util.Map<String, String> spellings = Replay.spellings(policies.toArray(new Policy[0]));
      List<Reason> reasons = new ArrayList<>();
      java.util.Set<Integer> reported = new java.util.HashSet<>();
      for (int r = 0; r < after.regions().size(); r++) {
        FlowCompiler.Region was = before.regions().get(r);
        FlowCompiler.Region is = after.regions().get(r);
        for (List<Cube> grant : Reasoner.byStatement(is.grants())) {
          int label = grant.get(0).statement();
          if (reported.contains(label)) {
            continue;
          }
          List<Cube> granted = space.minus(grant, is.denies());
          Reasoner.Witnesses added =
              new Reasoner.Witnesses(domains, spellings, shape.resourceAccount());
          if (!space.minus(granted, was.grants(), added::offer)) {
            for (Cube cube : space.intersect(granted, was.denies())) {
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
            return Reasoner.unconfirmed(request);
          }
          reported.add(label);
          reasons.add(
              reason(
                  origins,
                  label,
                  "allows, in " + whose + ", what the other set does not: ",
                  request));
        }
      }
      return reasons.isEmpty() ? new CheckResult.Pass() : new CheckResult.Fail(reasons);
    } catch (Unmodelled e) {
      return new CheckResult.Inconclusive(e.construct());
    }
  }

  /** The reason for a grant labelled {@code label}: its statement, or the region's own. */
  private static Reason reason(
      FlowCompiler.Origins origins, int label, String what, Request request) {
    if (label < 0) {
      // Allowed with no Allow statement: the flow alone grants it.
      return new Reason(
          -1,
          java.util.Optional.empty(),
          0,
          "The decision flow " + what + Reasoner.may(request),
          request);
    }
    FlowCompiler.Origin origin = origins.get(label);
    Reason reason =
        Reasoner.reason(
            origin.policy(),
            origin.index(),
            "The statement with index "
                + origin.index()
                + " of the "
                + origin.part()
                + " "
                + dev.arbiter.policy.internal.OneLine.quote(origin.policyName())
                + " "
                + what,
            request);
    return new Reason(
        reason.statementIndex(),
        reason.sid(),
        reason.line(),
        reason.description(),
        reason.counterexample(),
        java.util.Optional.of(new Reason.Origin(origin.part(), origin.named())));
  }
}
