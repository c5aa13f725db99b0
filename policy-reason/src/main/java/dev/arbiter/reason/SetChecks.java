package dev.arbiter.reason;

import dev.arbiter.eval.Evaluator;
import dev.arbiter.eval.NamedPolicy;
import dev.arbiter.eval.PolicySet;
import dev.arbiter.eval.PublicPolicyTest;
import dev.arbiter.eval.Request;
import dev.arbiter.policy.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

  /**
   * The set as AWS decides it under S3 Block Public Access (docs/semantics.md §9.13): where
   * RestrictPublicBuckets is on, whether the bucket policy is public is decided here, with {@link
   * Reasoner#noPublicAccess(Policy, PublicResourceType)} for {@code AWS::S3::Bucket}, whatever test
   * the set carries (a set built without one takes every bucket policy as public, which would deny
   * more than AWS). The set is returned with that answer as its test, for the compiler and the
   * replay alike; other sets are returned as they are.
   *
   * @throws Unmodelled if that check is inconclusive: the set's grants then depend on an answer the
   *     reasoner does not have
   */
  static PolicySet decidedPublicity(PolicySet set, Reasoner reasoner) {
    if (!FlowCompiler.restrictsPublicBuckets(set)) {
      return set;
    }
    // Validates every policy for its part first, so that an invalid set is reported as such.
    Evaluator.of(set.toBuilder().publicPolicyTest(PublicPolicyTest.ASSUME_PUBLIC).build());
    Policy bucket = set.resourcePolicy().orElseThrow().policy();
    CheckResult result = reasoner.noPublicAccess(bucket, PublicResourceType.S3_BUCKET);
    Optional<String> whyPublic =
        switch (result.outcome()) {
          case PASS -> Optional.empty();
          case FAIL ->
              Optional.of(
                  "the no-public-access check for AWS::S3::Bucket fails: "
                      + ((CheckResult.Fail) result).reasons().get(0).description());
          case INCONCLUSIVE ->
              throw new Unmodelled(
                  "whether the bucket policy is public, for S3 Block Public Access"
                      + " (RestrictPublicBuckets): "
                      + ((CheckResult.Inconclusive) result).cause());
        };
    return set.toBuilder().publicPolicyTest(policy -> whyPublic).build();
  }

  static CheckResult accessNotGranted(
      Space space,
      Reasoner reasoner,
      PolicySet given,
      RequestShape shape,
      List<String> actions,
      List<String> resources) {
    try {
      PolicySet set = decidedPublicity(given, reasoner);
      Replay replay = new Replay(set);
      List<Policy> policies = policies(set);
      Domains domains = Domains.of(policies);
      FlowCompiler.Origins origins = new FlowCompiler.Origins();
      FlowCompiler.Compiled compiled =
          FlowCompiler.compile(
              replay.evaluator(),
              shape,
              domains,
              space,
              origins,
              FlowCompiler.restrictsPublicBuckets(set));
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
      Space space,
      Reasoner reasoner,
      PolicySet givenReference,
      PolicySet givenCandidate,
      RequestShape shape,
      String whose) {
    try {
      PolicySet reference = decidedPublicity(givenReference, reasoner);
      PolicySet candidate = decidedPublicity(givenCandidate, reasoner);
      Replay old = new Replay(reference);
      Replay now = new Replay(candidate);
      List<Policy> policies = new ArrayList<>(policies(candidate));
      policies.addAll(policies(reference));
      Domains domains = Domains.of(policies);
      FlowCompiler.Origins origins = new FlowCompiler.Origins();
      boolean splitS3 =
          FlowCompiler.restrictsPublicBuckets(reference)
              || FlowCompiler.restrictsPublicBuckets(candidate);
      FlowCompiler.Compiled before =
          FlowCompiler.compile(old.evaluator(), shape, domains, space, origins, splitS3);
      FlowCompiler.Compiled after =
          FlowCompiler.compile(now.evaluator(), shape, domains, space, origins, splitS3);
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
