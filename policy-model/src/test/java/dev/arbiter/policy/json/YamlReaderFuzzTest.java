package dev.arbiter.policy.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.arbiter.policy.PolicyParseException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the YAML reader: whatever the text, reading either gives a tree or throws {@link
 * JsonReadException} with a one-line message; a tree read as a policy either is one or throws
 * {@link PolicyParseException}.
 *
 * <p>Under {@code mvn verify} this runs the committed regression inputs in {@code
 * src/test/resources/dev/arbiter/policy/json/YamlReaderFuzzTestInputs/}. To fuzz, run {@code
 * scripts/fuzz.sh 5 YamlReaderFuzzTest}.
 */
class YamlReaderFuzzTest {
  private static final Limits LIMITS = new Limits(1 << 16, 32);

  /** Loads (and under Jazzer, instruments) the classes involved, so no input pays for that. */
  @BeforeAll
  static void warmUp() {
    new YamlReaderFuzzTest()
        .read_anyText_givesTreeOrThrowsReadException(
            "Version: 2012-10-17\nStatement:\n  - Effect: Allow\n    Action: ['s3:*']\n"
                .getBytes(StandardCharsets.UTF_8));
  }

  @FuzzTest(maxDuration = "5m")
  void read_anyText_givesTreeOrThrowsReadException(byte[] input) {
    Json tree;
    try {
      tree = YamlReader.read(new String(input, StandardCharsets.UTF_8), LIMITS);
    } catch (JsonReadException e) {
      assertThat(e.problems()).isNotEmpty();
      assertThat(e.getMessage()).hasSizeLessThan(1000).doesNotContain("\n");
      return;
    }
    assertThat(tree.position().isKnown()).isTrue();
    try {
      PolicyReader.read(tree);
    } catch (PolicyParseException e) {
      assertThat(e.problems()).isNotEmpty();
    }
  }
}
