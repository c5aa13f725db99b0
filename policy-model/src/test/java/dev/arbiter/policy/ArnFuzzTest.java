package dev.arbiter.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the ARN splitter: {@link Arn#tryParse} never throws, and what it splits writes back to the
 * same text; {@link Arn#parse} throws only {@link IllegalArgumentException}, with a short message,
 * for exactly the texts {@code tryParse} refuses.
 *
 * <p>Regression inputs: {@code src/test/resources/dev/arbiter/policy/ArnFuzzTestInputs/}. To fuzz:
 * {@code scripts/fuzz.sh 5 ArnFuzzTest}.
 */
class ArnFuzzTest {

  /** Loads (and under Jazzer, instruments) the classes involved, so no input pays for that. */
  @BeforeAll
  static void warmUp() {
    new ArnFuzzTest()
        .parse_anyText_splitsIntoSixPartsOrRefuses(
            "arn:aws:s3:::b/k".getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @FuzzTest(maxDuration = "5m")
  void parse_anyText_splitsIntoSixPartsOrRefuses(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    Optional<Arn> arn = Arn.tryParse(text);
    if (arn.isEmpty()) {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> Arn.parse(text))
          .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(1000));
      return;
    }
    assertThat(arn.get().toString()).isEqualTo(text);
    assertThat(Arn.parse(text)).isEqualTo(arn.get());
    assertThat(arn.get().partition()).doesNotContain(":");
    assertThat(arn.get().service()).doesNotContain(":");
    assertThat(arn.get().region()).doesNotContain(":");
    assertThat(arn.get().account()).doesNotContain(":");
  }
}
