package dev.arbiter.lint.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValuesTest {

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "2026, ISO_8601",
    "2026-01, ISO_8601",
    "2026-01-31, ISO_8601",
    "2026-01-31T23:59Z, ISO_8601",
    "2026-01-31T23:59:59Z, ISO_8601",
    "2026-01-31T23:59:59.123+01:00, ISO_8601",
    "1767225600, EPOCH",
    "2026-13-01, INVALID",
    "2026-01-32, INVALID",
    "2026-01-31T24:00:00Z, INVALID",
    "tomorrow, INVALID",
    "31/01/2026, INVALID"
  })
  void dateForm_readsIsoAndEpoch(String text, Values.DateForm form) {
    assertThat(Values.dateForm(text)).isEqualTo(form);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({"10, true", "-3.5, true", "1e3, true", "ten, false", "' 10', false", "'', false"})
  void isNumber_acceptsDecimals(String text, boolean expected) {
    assertThat(Values.isNumber(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({"QmluYXJ5, true", "QmluYXJ5VmFsdWU=, true", "not base64!, false", "'', false"})
  void isBase64_decodes(String text, boolean expected) {
    assertThat(Values.isBase64(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({"${aws:username}, true", "a${x}b, true", "${, false", "$ {x}, false", "plain, false"})
  void hasVariableSyntax_findsDollarBrace(String text, boolean expected) {
    assertThat(Values.hasVariableSyntax(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} ~ {1}: {2}")
  @CsvSource({
    "*, anything, true",
    "arn:aws:s3:::b/*, arn:aws:s3:::b/x/y, true",
    "a?c, abc, true",
    "a?c, ac, false",
    "*x*, yyxyy, true",
    "b/*, b, false"
  })
  void glob_matchesWildcards(String pattern, String text, boolean expected) {
    assertThat(Glob.matches(pattern, text)).isEqualTo(expected);
  }
}
