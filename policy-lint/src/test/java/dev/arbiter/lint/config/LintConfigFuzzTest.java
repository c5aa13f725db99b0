package dev.arbiter.lint.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.arbiter.lint.Finding;
import dev.arbiter.lint.FindingType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the configuration file reader ({@code .arbiter.yaml}): any text either reads as a
 * configuration or throws {@link LintConfigException} with a short message; a configuration that
 * reads classifies and filters files (its globs matched against long paths) without an exception.
 *
 * <p>Regression inputs: {@code
 * src/test/resources/dev/arbiter/lint/config/LintConfigFuzzTestInputs/}. To fuzz: {@code
 * scripts/fuzz.sh 5 LintConfigFuzzTest}.
 */
class LintConfigFuzzTest {
  private static final Path BASE = Path.of("/repo");
  private static final String FILE =
      "/repo/org/scps/" + "a".repeat(60) + "/" + "b".repeat(60) + "/deny.trust.json";

  /** Loads (and under Jazzer, instruments) the classes involved, so no input pays for that. */
  @BeforeAll
  static void warmUp() {
    new LintConfigFuzzTest()
        .parse_anyText_readsOrThrowsConfigException(
            "ignore:\n  - code: ALLOW_ALL_ACTIONS\n    path: \"org/**\"\n    reason: r\n"
                .getBytes(StandardCharsets.UTF_8));
  }

  @FuzzTest(maxDuration = "5m")
  void parse_anyText_readsOrThrowsConfigException(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    LintConfig config;
    try {
      config = LintConfig.parse(text, ".arbiter.yaml", BASE);
    } catch (LintConfigException e) {
      assertThat(e.getMessage()).hasSizeLessThan(1000);
      return;
    }
    config.policyTypeOf(FILE);
    for (LintConfig.Ignore ignore : config.ignores()) {
      Finding finding =
          new Finding(
              ignore.codes().get(0),
              FindingType.WARNING,
              "m",
              FILE,
              dev.arbiter.policy.JsonPointer.ROOT,
              dev.arbiter.policy.SourcePosition.UNKNOWN);
      config.apply(List.of(finding));
    }
  }
}
