package dev.arbiter.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.SourcePosition;
import org.junit.jupiter.api.Test;

class FindingTest {

  @Test
  void toString_messageWithLineBreaks_staysOnOneLine() {
    Finding finding =
        new Finding(
            "INVALID_ACTION",
            FindingType.ERROR,
            "bad action \"x\nevil.json:1:1: ERROR FORGED it\"",
            "p.json",
            JsonPointer.ROOT,
            new SourcePosition(3, 7));
    assertThat(finding.toString())
        .isEqualTo(
            "p.json:3:7: ERROR INVALID_ACTION bad action \"x\\u000aevil.json:1:1: ERROR FORGED it\"")
        .doesNotContain("\n");
  }

  @Test
  void toString_hugeMessage_isClipped() {
    Finding finding =
        new Finding(
            "INVALID_ACTION",
            FindingType.ERROR,
            "x".repeat(1_000_000),
            "p.json",
            JsonPointer.ROOT,
            SourcePosition.UNKNOWN);
    assertThat(finding.toString()).hasSizeLessThan(Finding.MAX_LINE_MESSAGE + 100).endsWith("...");
  }
}
