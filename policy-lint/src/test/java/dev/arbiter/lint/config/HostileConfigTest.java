package dev.arbiter.lint.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Configuration files built to be expensive: each is read or refused with a short message naming
 * the problem. The timeout is a hang guard, not a performance claim.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileConfigTest {

  private static LintConfig parse(String text) {
    return LintConfig.parse(text, ".arbiter.yaml", Path.of("/repo"));
  }

  @Test
  void tenThousandLevelsOfNesting_isRefusedNamingTheLimit() {
    String text = "checks: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";
    assertThatThrownBy(() -> parse(text))
        .isInstanceOf(LintConfigException.class)
        .hasMessageContaining("nesting depth")
        .hasMessageContaining("1000")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(1000));
  }

  @Test
  void tenMegabyteConfiguration_isRead() {
    String text =
        "checks:\n  MISSING_VERSION: off\n" + ("# " + "c".repeat(98) + "\n").repeat(100_000);
    assertThat(parse(text).disabled()).containsExactly("MISSING_VERSION");
  }

  @Test
  void hugeUnknownKey_isRefusedWithItsNameClipped() {
    String key = "k".repeat(1_000_000);
    assertThatThrownBy(() -> parse(key + ": 1\n"))
        .isInstanceOf(LintConfigException.class)
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(1000));
  }
}
