package dev.arbiter.reason;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The budget holds inside single operations, and patterns that used to exhaust it are decided. */
class BudgetTest {
  private static Policy policy(String action, List<String> resources) {
    return Policy.parse(
        "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \""
            + action
            + "\", \"Resource\": [\""
            + String.join("\", \"", resources)
            + "\"]}]}");
  }

  /**
   * The resource patterns of AWS managed policy AWSConfigServiceRolePolicy's API Gateway statement:
   * many nested {@code *} under one prefix, whose union determinized at once took over a minute
   * (the check ended inconclusive) for a minimal automaton of 63 states.
   */
  private static List<String> nestedApiGatewayPatterns() {
    List<String> out = new ArrayList<>();
    for (String api : List.of("apis", "restapis", "v2/apis")) {
      for (String path :
          List.of(
              "",
              "/*",
              "/*/integrations",
              "/*/integrations/*",
              "/*/routes",
              "/*/routes/*",
              "/*/stages",
              "/*/stages/*",
              "/*/resources",
              "/*/resources/*",
              "/*/resources/*/methods/*",
              "/*/resources/*/methods/*/integration")) {
        out.add("arn:aws:apigateway:*::/" + api + path);
      }
    }
    return out;
  }

  @Test
  void noNewAccess_manyNestedWildcardPatterns_isDecided() {
    Policy policy = policy("apigateway:GET", nestedApiGatewayPatterns());
    Reasoner reasoner = Reasoner.create();
    assertThat(reasoner.noNewAccess(policy, policy, PolicyType.IDENTITY))
        .isEqualTo(new CheckResult.Pass());
    List<String> wider = new ArrayList<>(nestedApiGatewayPatterns());
    wider.add("arn:aws:apigateway:*::/domainnames/*");
    CheckResult result =
        reasoner.noNewAccess(policy, policy("apigateway:GET", wider), PolicyType.IDENTITY);
    assertThat(result).isInstanceOf(CheckResult.Fail.class);
    assertThat(((CheckResult.Fail) result).reasons().get(0).counterexample().resource())
        .startsWith("arn:aws:apigateway:")
        .contains("::/domainnames/");
  }

  @Test
  void noNewAccess_automatonThatBlowsUp_endsInconclusiveOnTheBudget() {
    // A "*" and then 24 single-character wildcards in the resource segment: a deterministic
    // automaton needs 2^24 states. The subset construction counts them against the budget.
    Policy policy = policy("s3:GetObject", List.of("arn:aws:s3:::bucket/*a" + "?".repeat(24)));
    CheckResult result =
        Reasoner.create()
            .withBudget(Duration.ofMillis(200), 200_000)
            .noNewAccess(policy, policy, PolicyType.IDENTITY);
    assertThat(result).isInstanceOf(CheckResult.Inconclusive.class);
    assertThat(((CheckResult.Inconclusive) result).cause()).startsWith("budget: ");
  }
}
