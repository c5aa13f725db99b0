package dev.arbiter.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.eval.scenario.Scenario;
import dev.arbiter.eval.scenario.ScenarioException;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Inputs built to be expensive: each one either completes or is refused with an error that names
 * the limit, and no error echoes the input. The {@code @Timeout}s are hang guards far above the
 * real cost, not performance claims (those live in policy-bench). The limits are listed in
 * SECURITY.md.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileInputCostTest {
  private static final String ALICE = "arn:aws:iam::111122223333:user/alice";

  @TempDir Path dir;

  private static Request request(String action, String resource, RequestContext context) {
    return Request.builder()
        .principal(ALICE)
        .action(action)
        .resource(resource)
        .context(context)
        .build();
  }

  private static Decision decide(Policy policy, Request request) {
    return Evaluator.of(PolicySet.builder().identityPolicy("p", policy).build()).evaluate(request);
  }

  @Test
  void policyOfTenMegabytes_isRefusedNamingTheLimit_withoutReadingItAll() throws IOException {
    StringBuilder text = new StringBuilder("{\"Version\": \"2012-10-17\", \"Statement\": [");
    String statement =
        "{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"},";
    while (text.length() < 10 << 20) {
      text.append(statement);
    }
    Path file = dir.resolve("huge.json");
    Files.writeString(file, text, StandardCharsets.UTF_8);

    assertThatThrownBy(() -> Policy.parse(file))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("the limit is " + Policy.MAX_DOCUMENT_BYTES)
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
  }

  /** 100,000 statements do not fit one policy (about 5 MB), so they come in 100 policies. */
  @Test
  void oneHundredThousandStatements_compileAndDecide() {
    PolicySet.Builder set = PolicySet.builder();
    for (int p = 0; p < 100; p++) {
      StringBuilder text = new StringBuilder("{\"Version\": \"2012-10-17\", \"Statement\": [");
      for (int s = 0; s < 1000; s++) {
        text.append(s == 0 ? "" : ",")
            .append("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\":")
            .append(" \"arn:aws:s3:::bucket-")
            .append(p)
            .append('-')
            .append(s)
            .append("/*\"}");
      }
      set.identityPolicy("p" + p, Policy.parse(text.append("]}").toString()));
    }
    Evaluator evaluator = Evaluator.of(set.build());

    RequestContext none = RequestContext.empty();
    assertThat(evaluator.evaluate(request("s3:GetObject", "arn:aws:s3:::bucket-99-999/k", none)))
        .isEqualTo(Decision.ALLOWED);
    assertThat(evaluator.evaluate(request("s3:GetObject", "arn:aws:s3:::bucket-100-0/k", none)))
        .isEqualTo(Decision.IMPLICIT_DENY);
  }

  @ParameterizedTest
  @ValueSource(ints = {33, 10_000, 100_000})
  void deepNesting_isRefusedNamingTheLimit(int depth) {
    String text = "{\"Statement\": " + "[".repeat(depth) + "]".repeat(depth) + "}";

    assertThatThrownBy(() -> Policy.parse(text))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("deeper than 32 levels")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
  }

  @ParameterizedTest
  @ValueSource(ints = {10_000, 1_000_000})
  void deepNestingInAScenario_isRefusedNamingTheLimit(int depth) {
    String text =
        "{\"identityPolicies\": [{\"name\": \"p\", \"policy\": {\"Statement\": "
            + "[".repeat(depth)
            + "]".repeat(depth)
            + "}}]}";

    assertThatThrownBy(() -> Scenario.parse(text))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("nesting depth")
        .hasMessageContaining("1000")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(1000));
  }

  @Test
  void veryLongKeysAndValues_parseAndDecide_andErrorsClipThem() {
    String key = "aws:PrincipalTag/" + "k".repeat(40_000);
    String value = "v".repeat(900_000);
    Policy policy =
        Policy.parse(
            "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:*\","
                + " \"Resource\": \"*\", \"Condition\": {\"StringEquals\": {\""
                + key
                + "\": \""
                + value
                + "\"}}}}");
    RequestContext matching = RequestContext.builder().put(key, value).build();
    RequestContext other = RequestContext.builder().put(key, value + "x").build();

    assertThat(decide(policy, request("s3:GetObject", "arn:aws:s3:::b/k", matching)))
        .isEqualTo(Decision.ALLOWED);
    assertThat(decide(policy, request("s3:GetObject", "arn:aws:s3:::b/k", other)))
        .isEqualTo(Decision.IMPLICIT_DENY);

    String badEffect = "{\"Statement\": {\"Effect\": \"" + value + "\"}}";
    assertThatThrownBy(() -> Policy.parse(badEffect))
        .isInstanceOf(PolicyParseException.class)
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
  }

  @Test
  void memberNameOverJacksonsLimit_isRefusedNamingTheLimit() {
    String name = "n".repeat(60_000);
    assertThatThrownBy(() -> Policy.parse("{\"" + name + "\": 1}"))
        .isInstanceOf(PolicyParseException.class)
        .hasMessageContaining("50000")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
  }

  /**
   * Numbers IAM never writes: an exponent, or 400 digits. They are not numbers to a numeric
   * operator (over 64 characters, or not plain decimal), so the condition cannot hold and nothing
   * is allowed; as JSON numbers (not strings) they are kept as written, never expanded.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"1e999999\"",
        "1e999999",
        "\"-1e-999999\"",
        "\"9999999999999999999999999999999999999999999999999999999999999999999999999999999999"
            + "99999999999999999999999999999999999999999999999999999999999999999999999999999999"
            + "99999999999999999999999999999999999999999999999999999999999999999999999999999999"
            + "99999999999999999999999999999999999999999999999999999999999999999999999999999999"
            + "99999999999999999999999999999999999999999999999999999999999999999999999999999999\"",
      })
  void hugeNumbersInNumericAndDateConditions_neverAllow(String number) {
    for (String operator :
        new String[] {
          "NumericLessThan", "NumericGreaterThan", "NumericNotEquals", "DateLessThan"
        }) {
      Policy policy =
          Policy.parse(
              "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Action\":"
                  + " \"s3:*\", \"Resource\": \"*\", \"Condition\": {\""
                  + operator
                  + "\": {\"s3:max-keys\": "
                  + number
                  + "}}}}");
      RequestContext context = RequestContext.builder().put("s3:max-keys", "10").build();

      assertThat(decide(policy, request("s3:ListBucket", "arn:aws:s3:::b", context)))
          .as("%s %s", operator, number)
          .isEqualTo(Decision.IMPLICIT_DENY);
    }
  }

  /** The matcher never backtracks: thousands of stars against a megabyte still decide. */
  @Test
  void manyStarsAgainstALongResource_decide() {
    String pattern = "arn:aws:s3:::b/" + "*a".repeat(2000) + "*b";
    Policy policy =
        Policy.parse(
            "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Action\":"
                + " \"s3:GetObject\", \"Resource\": \""
                + pattern
                + "\"}}");
    String noB = "arn:aws:s3:::b/" + "a".repeat(1 << 20);
    String withB = noB + "b";

    assertThat(decide(policy, request("s3:GetObject", noB, RequestContext.empty())))
        .isEqualTo(Decision.IMPLICIT_DENY);
    assertThat(decide(policy, request("s3:GetObject", withB, RequestContext.empty())))
        .isEqualTo(Decision.ALLOWED);
  }
}
