package dev.arbiter.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the policy-variable grammar ({@link Template#parse}): any text either parses or throws
 * {@link PolicyParseException} with a short message; what parses writes back to text that parses to
 * the same template. {@link Template#withoutVariables} never fails, and its template too writes
 * back.
 *
 * <p>Regression inputs: {@code src/test/resources/dev/arbiter/policy/TemplateFuzzTestInputs/}. To
 * fuzz: {@code scripts/fuzz.sh 5 TemplateFuzzTest}.
 */
class TemplateFuzzTest {

  /** Loads (and under Jazzer, instruments) the classes involved, so no input pays for that. */
  @BeforeAll
  static void warmUp() {
    new TemplateFuzzTest()
        .parse_anyText_roundTripsOrThrowsParseException(
            "arn:aws:s3:::b/${aws:username}/*".getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @FuzzTest(maxDuration = "5m")
  void parse_anyText_roundTripsOrThrowsParseException(byte[] input) {
    String text = new String(input, java.nio.charset.StandardCharsets.UTF_8);
    Template template;
    try {
      template = Template.parse(text);
    } catch (PolicyParseException e) {
      assertThat(e.problems()).isNotEmpty();
      assertThat(e.getMessage()).hasSizeLessThan(1000);
      return;
    }
    assertThat(Template.parse(template.toString())).isEqualTo(template);
    Template plain = Template.withoutVariables(text);
    assertThat(plain.hasVariables()).isFalse();
    assertThat(Template.parse(plain.toString())).isEqualTo(plain);
  }
}
