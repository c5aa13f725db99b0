package dev.arbiter.reason;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.eval.Decision;
import dev.arbiter.eval.Evaluator;
import dev.arbiter.eval.InvalidPolicyException;
import dev.arbiter.eval.NamedPolicy;
import dev.arbiter.eval.PolicySet;
import dev.arbiter.eval.Request;
import dev.arbiter.eval.S3BlockPublicAccess;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyType;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded property tests of the checks over whole policy sets against the evaluator of the set: on
 * random sets (identity policies, a boundary, session policies, SCP and RCP levels, a resource
 * policy) for a caller fixed per seed, on its own account's resources or another's, every FAIL's
 * counterexample is allowed by the set's evaluator, and after every PASS no sampled request
 * contradicts it.
 */
class SetReasonerPropertyTest {
  private static final Reasoner REASONER = Reasoner.create();
  private static final S3PublicPolicyTest PUBLIC = S3PublicPolicyTest.of(REASONER);
  private static final int SEEDS = Integer.getInteger("property.count", 60);
  private static final int REQUESTS_AFTER_PASS = 3_000;

  static final List<String> CALLERS =
      List.of(
          "arn:aws:iam::111111111111:user/alice",
          "arn:aws:sts::222222222222:assumed-role/r/s",
          "arn:aws:iam::111111111111:root",
          "arn:aws:sts::111111111111:federated-user/fed",
          "s3.amazonaws.com",
          "anonymous");

  private static final Policy ALLOW_ALL =
      Policy.parse(
          "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\","
              + "\"Resource\":\"*\"}]}");
  private static final Policy ALLOW_ALL_RCP =
      Policy.parse(
          "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
              + "\"Action\":\"*\",\"Resource\":\"*\"}]}");

  static Stream<Arguments> seeds() {
    long base = Long.getLong("seed", 20261205L);
    return LongStream.range(0, SEEDS).mapToObj(i -> Arguments.of(base + i));
  }

  /** A random set for a random shape; null when a generated policy is not valid for its part. */
  private record Case(PolicySet set, RequestShape shape) {}

  private static Case randomCase(long seed, int variant) {
    Random random = new Random(seed * 31 + variant);
    RandomPolicies policies = new RandomPolicies(seed * 7 + variant);
    String caller = CALLERS.get(new Random(seed).nextInt(CALLERS.size()));
    String account =
        new Random(seed + 1).nextBoolean()
            ? (caller.contains("222222222222") ? "222222222222" : "111111111111")
            : "999999999999";
    PolicySet.Builder set = PolicySet.builder();
    for (int i = random.nextInt(3); i > 0; i--) {
      set.identityPolicy("identity" + i, policies.policy(PolicyType.IDENTITY));
    }
    if (random.nextInt(3) == 0) {
      set.permissionsBoundary("boundary", policies.policy(PolicyType.IDENTITY));
    }
    if (random.nextInt(4) == 0) {
      set.sessionPolicy("session", policies.policy(PolicyType.IDENTITY));
    }
    for (int level = random.nextInt(3); level > 0; level--) {
      set.serviceControlPolicyLevel(
          List.of(
              new NamedPolicy("full", ALLOW_ALL),
              new NamedPolicy("scp" + level, policies.policy(PolicyType.IDENTITY))));
    }
    // RCPs for an AWS service caller are not modelled (FlowCompiler.guard).
    if (random.nextInt(4) == 0 && caller.startsWith("arn:")) {
      set.resourceControlPolicyLevel(List.of(new NamedPolicy("rcp", ALLOW_ALL_RCP)));
    }
    if (random.nextBoolean()) {
      set.resourcePolicy(new NamedPolicy("resource", policies.policy(PolicyType.RESOURCE)));
      // S3 Block Public Access restricting public buckets (docs/semantics.md §9.13), decided with
      // the reasoner's test of publicity, as the reasoner decides it.
      if (random.nextInt(3) == 0) {
        set.s3BlockPublicAccess(new S3BlockPublicAccess(true, false)).publicPolicyTest(PUBLIC);
      }
    }
    return new Case(set.build(), new RequestShape(caller, account));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void accessNotGranted_randomSet_passHoldsOnSampledRequestsAndFailsAreConfirmed(long seed) {
    Case one = randomCase(seed, 0);
    Evaluator evaluator;
    try {
      evaluator = Evaluator.of(one.set());
    } catch (InvalidPolicyException e) {
      return; // a random policy that its part does not accept
    }
    List<String> actions = seed % 3 == 0 ? List.of() : List.of("s3:Get*", "iam:PassRole");
    CheckResult result = REASONER.accessNotGranted(one.set(), one.shape(), actions, List.of());
    if (publicityUndecided(result, one.set())) {
      return;
    }
    assertThat(result.outcome())
        .as("the vocabulary is modelled: %s", result)
        .isNotEqualTo(CheckResult.Outcome.INCONCLUSIVE);
    if (result instanceof CheckResult.Fail fail) {
      for (Reason reason : fail.reasons()) {
        Request request = reason.counterexample();
        assertThat(request.principal()).isEqualTo(one.shape().principal());
        assertThat(evaluator.evaluate(request)).as("%s", request).isEqualTo(Decision.ALLOWED);
      }
      return;
    }
    RandomPolicies random = new RandomPolicies(seed);
    Cube query = Reasoner.query(actions, List.of());
    for (int i = 0; i < REQUESTS_AFTER_PASS; i++) {
      Request request = shaped(random.request(PolicyType.RESOURCE), one.shape());
      if (FlowCompiler.OUTSIDE.run(request.action().toLowerCase(java.util.Locale.ROOT))) {
        continue;
      }
      if (query.action().run(request.action().toLowerCase(java.util.Locale.ROOT))) {
        assertThat(evaluator.evaluate(request))
            .as("PASS, yet %s %s is allowed", request, request.context())
            .isNotEqualTo(Decision.ALLOWED);
      }
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void noNewAccess_randomSets_passHoldsOnSampledRequestsAndFailsAreConfirmed(long seed) {
    Case reference = randomCase(seed, 1);
    // Half the candidates are the reference with one more identity policy (which adds access only
    // where it grants beyond the gates, and may take some away with a Deny), half unrelated.
    Case candidate =
        seed % 2 == 0
            ? new Case(
                reference.set().toBuilder()
                    .identityPolicy(
                        "extra", new RandomPolicies(seed * 11).policy(PolicyType.IDENTITY))
                    .build(),
                reference.shape())
            : randomCase(seed, 2);
    Evaluator old;
    Evaluator now;
    try {
      old = Evaluator.of(reference.set());
      now = Evaluator.of(candidate.set());
    } catch (InvalidPolicyException e) {
      return;
    }
    RequestShape shape = reference.shape();
    CheckResult result = REASONER.noNewAccess(reference.set(), candidate.set(), shape);
    if (publicityUndecided(result, reference.set(), candidate.set())) {
      return;
    }
    assertThat(result.outcome())
        .as("the vocabulary is modelled: %s", result)
        .isNotEqualTo(CheckResult.Outcome.INCONCLUSIVE);
    if (result instanceof CheckResult.Fail fail) {
      for (Reason reason : fail.reasons()) {
        Request request = reason.counterexample();
        assertThat(now.evaluate(request)).as("%s", request).isEqualTo(Decision.ALLOWED);
        assertThat(old.evaluate(request)).as("%s", request).isNotEqualTo(Decision.ALLOWED);
      }
      return;
    }
    RandomPolicies random = new RandomPolicies(seed);
    for (int i = 0; i < REQUESTS_AFTER_PASS; i++) {
      Request request = shaped(random.request(PolicyType.RESOURCE), shape);
      if (now.evaluate(request) == Decision.ALLOWED) {
        assertThat(old.evaluate(request))
            .as("PASS, yet only the candidate allows %s %s", request, request.context())
            .isEqualTo(Decision.ALLOWED);
      }
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void noNewAccess_sameSet_passes(long seed) {
    Case one = randomCase(seed, 3);
    try {
      Evaluator.of(one.set());
    } catch (InvalidPolicyException e) {
      return;
    }
    CheckResult result = REASONER.noNewAccess(one.set(), one.set(), one.shape());
    if (publicityUndecided(result, one.set())) {
      return;
    }
    assertThat(result.outcome()).as("%s", result).isEqualTo(CheckResult.Outcome.PASS);
  }

  /**
   * Whether the result is inconclusive by design: a set restricts public buckets, and the
   * no-public-access check cannot decide whether its bucket policy is public (docs/reasoning.md,
   * "Policy sets"). Checked against that check itself, not taken from the cause alone.
   */
  private static boolean publicityUndecided(CheckResult result, PolicySet... sets) {
    if (!(result instanceof CheckResult.Inconclusive inconclusive)
        || !inconclusive.cause().startsWith("whether the bucket policy is public")) {
      return false;
    }
    for (PolicySet set : sets) {
      if (set.s3BlockPublicAccess().restrictPublicBuckets()
          && set.resourcePolicy().isPresent()
          && REASONER
                  .noPublicAccess(set.resourcePolicy().get().policy(), PublicResourceType.S3_BUCKET)
                  .outcome()
              == CheckResult.Outcome.INCONCLUSIVE) {
        return true;
      }
    }
    return false;
  }

  @org.junit.jupiter.api.Test
  void checks_randomSets_giveBothAnswers() {
    java.util.Map<CheckResult.Outcome, Integer> counts =
        new java.util.EnumMap<>(CheckResult.Outcome.class);
    seeds()
        .forEach(
            arguments -> {
              Case one = randomCase((Long) arguments.get()[0], 0);
              try {
                Evaluator.of(one.set());
              } catch (InvalidPolicyException e) {
                return;
              }
              CheckResult result =
                  REASONER.accessNotGranted(
                      one.set(), one.shape(), List.of("s3:Get*", "iam:PassRole"), List.of());
              counts.merge(result.outcome(), 1, Integer::sum);
            });
    assertThat(counts.getOrDefault(CheckResult.Outcome.PASS, 0)).as("%s", counts).isGreaterThan(5);
    assertThat(counts.getOrDefault(CheckResult.Outcome.FAIL, 0)).as("%s", counts).isGreaterThan(5);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void conditions_randomRequest_neverIsNotContradictedAndGivenKeysStay(long seed) {
    Case one = randomCase(seed, 4);
    Evaluator evaluator;
    try {
      evaluator = Evaluator.of(one.set());
    } catch (InvalidPolicyException e) {
      return;
    }
    RandomPolicies random = new RandomPolicies(seed * 13);
    Request full = shaped(random.request(PolicyType.RESOURCE), one.shape());
    if (FlowCompiler.OUTSIDE.run(full.action().toLowerCase(java.util.Locale.ROOT))) {
      return;
    }
    // Leave out every other key the request gives.
    dev.arbiter.eval.RequestContext.Builder kept = dev.arbiter.eval.RequestContext.builder();
    List<String> keys = List.copyOf(full.context().keys());
    for (int i = 0; i < keys.size(); i += 2) {
      kept.put(keys.get(i), full.context().values(keys.get(i)).orElse(List.of()));
    }
    Request partial = withContext(full, kept.build());
    Conditions conditions = REASONER.conditions(one.set(), partial);
    assertThat(conditions.outcome())
        .as("the vocabulary is modelled: %s", conditions)
        .isNotEqualTo(Conditions.Outcome.INCONCLUSIVE);
    for (String key : conditions.missingKeys()) {
      assertThat(partial.context().keys().stream().map(k -> k.toLowerCase(java.util.Locale.ROOT)))
          .doesNotContain(key);
    }
    if (conditions.outcome() != Conditions.Outcome.NEVER) {
      return;
    }
    for (int i = 0; i < REQUESTS_AFTER_PASS / 3; i++) {
      Request other = random.request(PolicyType.RESOURCE);
      dev.arbiter.eval.RequestContext.Builder filled = dev.arbiter.eval.RequestContext.builder();
      java.util.Set<String> given = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
      given.addAll(partial.context().keys());
      for (String key : partial.context().keys()) {
        filled.put(key, partial.context().values(key).orElse(List.of()));
      }
      for (String key : other.context().keys()) {
        if (!given.contains(key)) {
          filled.put(key, other.context().values(key).orElse(List.of()));
        }
      }
      Request request = withContext(partial, filled.build());
      if (listForSingleValuedKey(request, given)) {
        // AWS never sends such a request: the conditions leave it out (docs/reasoning.md,
        // "Assumed invariants"; SingleValuedKeysTest, ConditionsTest).
        continue;
      }
      assertThat(evaluator.evaluate(request))
          .as("NEVER, yet %s %s is allowed", request, request.context())
          .isNotEqualTo(Decision.ALLOWED);
    }
  }

  /** Whether a key outside {@code given} is single-valued yet carried as a list. */
  private static boolean listForSingleValuedKey(Request request, java.util.Set<String> given) {
    for (String key : request.context().keys()) {
      if (!given.contains(key)
          && SingleValuedKeys.documented(key)
          && request.context().isMultivalued(key)) {
        return true;
      }
    }
    return false;
  }

  private static Request withContext(Request request, dev.arbiter.eval.RequestContext context) {
    return Request.builder()
        .principal(request.principal())
        .action(request.action())
        .resource(request.resource())
        .resourceAccount(request.resourceAccount())
        .context(context)
        .build();
  }

  /** The request, by the shape's caller on the shape's account. */
  private static Request shaped(Request request, RequestShape shape) {
    return Request.builder()
        .principal(shape.principal())
        .action(request.action())
        .resource(request.resource())
        .resourceAccount(shape.resourceAccount())
        .context(request.context())
        .build();
  }
}
