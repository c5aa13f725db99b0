package dev.arbiter.reason;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.eval.Request;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reasoner against brute force on policies without variables: requests built from the policies'
 * own literals and their neighbours are enumerated on the evaluator; whenever one shows new access,
 * the reasoner must say FAIL, and whenever the reasoner says PASS, none may. Both answers must
 * occur, so that the comparison is not vacuous.
 */
class BruteForceTest {

  @Test
  void noNewAccess_againstEnumeration_neverPassesWhatEnumerationRefutes() {
    Reasoner reasoner = Reasoner.create();
    int pass = 0;
    int fail = 0;
    List<String> wrong = new ArrayList<>();
    for (long seed = 0; seed < 200; seed++) {
      PolicyType type = seed % 2 == 0 ? PolicyType.IDENTITY : PolicyType.RESOURCE;
      RandomPolicies random = new RandomPolicies(7_000 + seed);
      Policy reference = random.policy(type);
      Policy candidate = random.policy(type);
      CheckResult result = reasoner.noNewAccess(reference, candidate, type);
      Replay old = new Replay(reference, type, "reference");
      Replay now = new Replay(candidate, type, "candidate");
      boolean refuted = false;
      for (int i = 0; i < 3_000 && !refuted; i++) {
        Request request = random.request(type);
        refuted = now.allows(request) && !old.allows(request);
      }
      switch (result.outcome()) {
        case PASS -> {
          pass++;
          if (refuted) {
            wrong.add("seed " + seed + ": PASS, but enumeration found new access");
          }
        }
        case FAIL -> fail++;
        case INCONCLUSIVE -> wrong.add("seed " + seed + ": " + result);
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(pass).as("PASS answers").isGreaterThan(20);
    assertThat(fail).as("FAIL answers").isGreaterThan(20);
  }
}
