package dev.arbiter.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the policy reader: whatever the bytes, parsing either succeeds or throws {@link
 * PolicyParseException}; a parsed policy round-trips and validates for every type without throwing.
 *
 * <p>Under {@code mvn verify} this runs the committed regression inputs in {@code
 * src/test/resources/dev/arbiter/policy/PolicyParserFuzzTestInputs/}. To fuzz, run {@code
 * JAZZER_FUZZ=1 mvn -pl policy-model test -Dtest=PolicyParserFuzzTest -Djazzer.max_duration=5m}.
 */
class PolicyParserFuzzTest {

  @FuzzTest(maxDuration = "5m")
  void parse_anyBytes_succeedsOrThrowsParseException(byte[] input) {
    Policy policy;
    try {
      policy = Policy.parse(input);
    } catch (PolicyParseException e) {
      assertThat(e.problems()).isNotEmpty();
      assertThat(e.getMessage().length()).isLessThan(1000);
      return;
    }
    assertThat(Policy.parse(policy.toJson())).isEqualTo(policy);
    for (PolicyType type : PolicyType.values()) {
      assertThat(policy.validate(type)).allSatisfy(p -> assertThat(p.message()).isNotBlank());
    }
  }
}
