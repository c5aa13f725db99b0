package dev.arbiter.reason;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.eval.Request;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded property tests of the reasoner against the concrete evaluator, on random policies over a
 * small vocabulary (docs/reasoning.md, "Testing"). Each seed is one case, so a failure names the
 * seed that reproduces it.
 */
class ReasonerPropertyTest {
  private static final Reasoner REASONER = Reasoner.create();
  private static final int REQUESTS_AFTER_PASS = 10_000;

  static Stream<Arguments> seeds() {
    return LongStream.range(0, 30)
        .boxed()
        .flatMap(
            seed ->
                Stream.of(
                    Arguments.of(seed, PolicyType.IDENTITY),
                    Arguments.of(seed, PolicyType.RESOURCE)));
  }

  @ParameterizedTest(name = "seed {0} {1}")
  @MethodSource("seeds")
  void noNewAccess_randomPair_passHoldsOnSampledRequestsAndFailsAreConfirmed(
      long seed, PolicyType type) {
    RandomPolicies random = new RandomPolicies(seed);
    Policy reference = random.policy(type);
    Policy candidate = random.policy(type);
    CheckResult result = REASONER.noNewAccess(reference, candidate, type);
    Replay old = new Replay(reference, type, "reference");
    Replay now = new Replay(candidate, type, "candidate");
    assertThat(result.outcome())
        .as("the vocabulary is modelled: %s", result)
        .isNotEqualTo(CheckResult.Outcome.INCONCLUSIVE);
    if (result instanceof CheckResult.Fail fail) {
      for (Reason reason : fail.reasons()) {
        Request request = reason.counterexample();
        assertThat(now.allows(request)).as("candidate allows %s", request).isTrue();
        assertThat(old.allows(request)).as("reference allows %s", request).isFalse();
        assertThat(candidate.statements().get(reason.statementIndex()).effect().json())
            .isEqualTo("Allow");
      }
    } else {
      for (int i = 0; i < REQUESTS_AFTER_PASS; i++) {
        Request request = random.request(type);
        if (now.allows(request)) {
          assertThat(old.allows(request))
              .as(
                  "PASS, yet the candidate allows %s %s and the reference does not",
                  request, request.context())
              .isTrue();
        }
      }
    }
  }

  @ParameterizedTest(name = "seed {0} {1}")
  @MethodSource("seeds")
  void equivalent_policyWithItselfReorderedAndExtended_holds(long seed, PolicyType type) {
    RandomPolicies random = new RandomPolicies(seed ^ 0x5DEECE66DL);
    Policy a = random.policy(type);
    assertThat(REASONER.equivalent(a, a, type)).isEqualTo(new CheckResult.Pass());

    List<dev.arbiter.policy.Statement> shuffled = new ArrayList<>(a.statements());
    Collections.shuffle(shuffled, new Random(seed));
    Policy reordered = new Policy(a.version(), a.id(), shuffled, a.location());
    assertThat(REASONER.equivalent(a, reordered, type)).isEqualTo(new CheckResult.Pass());

    // A ⊆ A ∪ B when B adds only Allow statements.
    Policy b = random.allowOnly(type);
    List<dev.arbiter.policy.Statement> both = new ArrayList<>(a.statements());
    both.addAll(b.statements());
    Policy union = new Policy(a.version(), a.id(), both, a.location());
    assertThat(REASONER.noNewAccess(union, a, type)).isEqualTo(new CheckResult.Pass());
  }

  @ParameterizedTest(name = "seed {0} {1}")
  @MethodSource("seeds")
  void accessNotGranted_randomPolicy_agreesWithRequests(long seed, PolicyType type) {
    RandomPolicies random = new RandomPolicies(seed + 1_000);
    Policy policy = random.policy(type);
    List<String> actions = List.of("s3:GetObject", "iam:Pass*");
    CheckResult result = REASONER.accessNotGranted(policy, type, actions, List.of());
    Replay replay = new Replay(policy, type, "policy");
    if (result instanceof CheckResult.Fail fail) {
      for (Reason reason : fail.reasons()) {
        assertThat(replay.allows(reason.counterexample())).isTrue();
        String action = reason.counterexample().action().toLowerCase(java.util.Locale.ROOT);
        assertThat(action.equals("s3:getobject") || action.startsWith("iam:pass")).isTrue();
      }
    } else {
      assertThat(result).isEqualTo(new CheckResult.Pass());
      for (int i = 0; i < REQUESTS_AFTER_PASS; i++) {
        Request request = random.request(type);
        String action = request.action().toLowerCase(java.util.Locale.ROOT);
        if (action.equals("s3:getobject") || action.startsWith("iam:pass")) {
          assertThat(replay.allows(request)).as("PASS, yet %s is allowed", request).isFalse();
        }
      }
    }
  }
}
