package dev.arbiter.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the policy reader: whatever the bytes, parsing either succeeds or throws {@link
 * PolicyParseException}; a parsed policy round-trips and validates for every type without throwing.
 *
 * <p>Under {@code mvn verify} this runs the committed regression inputs in {@code
 * src/test/resources/dev/arbiter/policy/PolicyParserFuzzTestInputs/}. To fuzz, run {@code
 * scripts/fuzz.sh 5 PolicyParserFuzzTest}.
 */
class PolicyParserFuzzTest {

  /** Loads (and under Jazzer, instruments) the classes involved, so no input pays for that. */
  @BeforeAll
  static void warmUp() {
    new PolicyParserFuzzTest()
        .parse_anyBytes_succeedsOrThrowsParseException(
            "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"StringLike\":{\"s3:prefix\":\"${aws:username}/*\"}}}}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @FuzzTest(maxDuration = "5m")
  void parse_anyBytes_succeedsOrThrowsParseException(byte[] input) {
    Policy policy;
    try {
      policy = Policy.parse(input);
    } catch (PolicyParseException e) {
      assertThat(e.problems()).isNotEmpty();
      assertThat(e.getMessage()).hasSizeLessThan(1000).doesNotContain("\n");
      return;
    }
    assertThat(Policy.parse(policy.toJson()).withoutLocations())
        .isEqualTo(policy.withoutLocations());
    for (PolicyType type : PolicyType.values()) {
      assertThat(policy.validate(type)).allSatisfy(p -> assertThat(p.message()).isNotBlank());
    }
  }
}
