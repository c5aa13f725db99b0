package dev.arbiter.lint.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PolicySizeRuleTest {

  @Test
  void nonWhitespaceCharacters_countsCodePointsNotBytes() {
    byte[] text = "{ \"a\" :\n\t\"é\" }".getBytes(StandardCharsets.UTF_8);
    assertThat(PolicySizeRule.nonWhitespaceCharacters(text)).isEqualTo(9);
  }
}
