package dev.arbiter.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.policy.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Fail closed (SECURITY: an error never turns into "allowed"): a fault injected into the real
 * evaluation path, just before a statement is matched, makes the decision an explicit deny and the
 * explanation report the error; and an invalid policy never yields an evaluator.
 */
class FailClosedTest {
  private static final String ALICE = "arn:aws:iam::111122223333:user/alice";

  private static PolicySet allowAll() {
    return PolicySet.builder()
        .identityPolicy(
            "all",
            Policy.parse(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\","
                    + "\"Resource\":\"*\"}]}"))
        .build();
  }

  private static Request request() {
    return Request.builder()
        .principal(ALICE)
        .action("s3:GetObject")
        .resource("arn:aws:s3:::bkt/key")
        .build();
  }

  @Test
  void faultDuringEvaluation_isAnExplicitDenyNeverAllowed() {
    assertThat(Evaluator.of(allowAll()).evaluate(request())).isEqualTo(Decision.ALLOWED);
    Evaluator faulty =
        Evaluator.withProbe(
            allowAll(),
            statement -> {
              throw new IllegalStateException("injected fault at " + statement);
            });
    assertThat(faulty.evaluate(request())).isEqualTo(Decision.EXPLICIT_DENY);
    Explanation explanation = faulty.explain(request());
    assertThat(explanation.decision()).isEqualTo(Decision.EXPLICIT_DENY);
    assertThat(explanation.summary()).contains("evaluation failed").contains("injected fault");
    assertThat(explanation.warnings()).anyMatch(w -> w.contains("injected fault"));
  }

  @Test
  void stackOverflowDuringEvaluation_isDenied() {
    Evaluator faulty =
        Evaluator.withProbe(
            allowAll(),
            statement -> {
              throw new StackOverflowError("injected");
            });
    assertThat(faulty.evaluate(request())).isEqualTo(Decision.EXPLICIT_DENY);
    assertThat(faulty.explain(request()).decision()).isEqualTo(Decision.EXPLICIT_DENY);
  }

  /**
   * Over random policy sets and requests, a fault at the n-th statement matched (for every n the
   * evaluation reaches) never gives "allowed", whatever had been found before the fault.
   */
  @Test
  void faultAtAnyStatement_neverAllows() {
    Random random = new Random(20261204L);
    int allowedBefore = 0;
    int faults = 0;
    for (int round = 0; round < 300; round++) {
      PolicySet set =
          RandomScenarios.build(RandomScenarios.spec(random), RandomScenarios.Style.plain());
      Evaluator plain;
      try {
        plain = Evaluator.of(set);
      } catch (InvalidPolicyException e) {
        continue;
      }
      // One evaluator whose probe throws at the statement numbered `at` of each evaluation.
      AtomicInteger seen = new AtomicInteger();
      AtomicInteger at = new AtomicInteger();
      List<Boolean> fired = new ArrayList<>();
      Evaluator faulty =
          Evaluator.withProbe(
              set,
              statement -> {
                if (seen.getAndIncrement() == at.get()) {
                  fired.add(true);
                  throw new IllegalArgumentException("injected at statement " + at.get());
                }
              });
      for (int r = 0; r < 5; r++) {
        Request request = RandomScenarios.request(random);
        if (plain.evaluate(request) == Decision.ALLOWED) {
          allowedBefore++;
        }
        for (int n = 0; ; n++) {
          seen.set(0);
          at.set(n);
          fired.clear();
          Decision decision = faulty.evaluate(request);
          if (fired.isEmpty()) {
            break; // the evaluation matches fewer than n + 1 statements
          }
          faults++;
          assertThat(decision)
              .as("fault at statement %d of %s", n, request)
              .isEqualTo(Decision.EXPLICIT_DENY);
        }
      }
    }
    assertThat(allowedBefore).as("requests allowed without a fault").isGreaterThan(50);
    assertThat(faults).isGreaterThan(500);
  }

  @Test
  void invalidPolicy_yieldsNoEvaluator() {
    PolicySet set =
        PolicySet.builder()
            .identityPolicy(
                "withPrincipal",
                Policy.parse(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}]}"))
            .build();
    assertThatThrownBy(() -> Evaluator.of(set)).isInstanceOf(InvalidPolicyException.class);
  }
}
