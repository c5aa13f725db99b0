package dev.arbiter.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OneLineTest {
  @Test
  void quote_plainText_isInDoubleQuotes() {
    assertThat(OneLine.quote("s3:GetObjct")).isEqualTo("\"s3:GetObjct\"");
  }

  @Test
  void quote_quotesBackslashesAndControlCharacters_areEscaped() {
    assertThat(OneLine.quote("a\"b\\c\nd\u007Fe")).isEqualTo("\"a\\\"b\\\\c\\u000ad\\u007fe\"");
  }

  @Test
  void quote_longText_isClippedWithMarker() {
    String quoted = OneLine.quote("x".repeat(500));
    assertThat(quoted).hasSize(OneLine.MAX_QUOTED + 2).endsWith("...\"");
  }

  @Test
  void of_controlCharacters_areEscapedAndResultNeverExceedsMax() {
    assertThat(OneLine.of("a\tb", 80)).isEqualTo("a\\u0009b");
    assertThat(OneLine.of("\n".repeat(100), 20)).hasSize(20).endsWith("...");
  }
}
