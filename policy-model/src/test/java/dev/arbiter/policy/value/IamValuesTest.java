package dev.arbiter.policy.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IamValuesTest {

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "2024-06-15T12:00:00Z, 2024-06-15T12:00:00Z",
    "2024-06-15T14:00:00+02:00, 2024-06-15T12:00:00Z",
    "2024-06-15T14:00:00+0200, 2024-06-15T12:00:00Z",
    "2024-06-15T07:30:00-04:30, 2024-06-15T12:00:00Z",
    "2024-06-15T12:00Z, 2024-06-15T12:00:00Z",
    "2024-06-15T12:00:00.250Z, 2024-06-15T12:00:00.250Z",
    "2024-06-15, 2024-06-15T00:00:00Z",
    "2024-06-15T12:00:00, 2024-06-15T12:00:00Z",
    "1718452800, 2024-06-15T12:00:00Z",
    "1718452800.5, 2024-06-15T12:00:00.500Z",
    "0, 1970-01-01T00:00:00Z",
    "-86400, 1969-12-31T00:00:00Z",
  })
  void date_validForms_areInstants(String text, String instant) {
    assertThat(IamValues.date(text)).isEqualTo(Instant.parse(instant));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "yesterday",
        "2024-13-01",
        "2024-02-30",
        "2024-06-15T25:00:00Z",
        "2024-06-15 12:00:00Z",
        "2024-06-15T12:00:00Zjunk",
        "1e9",
        "99999999999999999999",
        "2024-02-31",
        "2024-06",
        "2026-01-32",
        "2026-01-31T24:00:00Z",
        "2024-06-15t12:00:00Z",
        "2024-06-15T12:00:00z",
        "2024-06-15T23:59:60Z",
        "31/01/2026",
        "tomorrow"
      })
  void date_invalid_isNull(String text) {
    assertThat(IamValues.date(text)).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"10, 10", "-3, -3", "+7, 7", "2.50, 2.5", "0.001, 0.001", "007, 7"})
  void number_validForms_areDecimals(String text, String value) {
    assertThat(IamValues.number(text)).isEqualByComparingTo(new BigDecimal(value));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "1767225600, true",
    "2026, true",
    "-86400, true",
    "2026-01-31, false",
    "2026-01-31T23:59:59Z, false",
    "tomorrow, false",
    "'', false",
    "99999999999999999999, false"
  })
  void isEpochSeconds_onlyForDatesReadAsSeconds(String text, boolean expected) {
    assertThat(IamValues.isEpochSeconds(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "-", "1.", ".5", "1e3", "0x10", "ten", "1,000", " 1", "1 ", "١٢", "１", "+-1", "1..2"
      })
  void number_invalid_isNull(String text) {
    assertThat(IamValues.number(text)).isNull();
  }

  @ParameterizedTest
  @CsvSource({"QUJD, ABC", "QUI=, AB", "QUI, AB", "QmluYXJ5, Binary", "'', ''"})
  void base64_valid_decodes(String text, String bytes) {
    assertThat(IamValues.base64(text))
        .isEqualTo(bytes.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  @ParameterizedTest
  @ValueSource(strings = {"not base64!", "QUJD*", "AA-_", "QU JD"})
  void base64_invalid_isNull(String text) {
    assertThat(IamValues.base64(text)).isNull();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({"true, true", "FALSE, false", "True, true", "fAlSe, false"})
  void bool_anyAsciiCase_isTheValue(String text, boolean expected) {
    assertThat(IamValues.bool(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "yes", "1", "truee", " true", "falſe", "ｔrue", "TRUE\u0000"})
  void bool_other_isNull(String text) {
    assertThat(IamValues.bool(text)).isNull();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({"${aws:username}, true", "a${x}b, true", "${, false", "$ {x}, false", "plain, false"})
  void hasVariableSyntax_findsDollarBrace(String text, boolean expected) {
    assertThat(IamValues.hasVariableSyntax(text)).isEqualTo(expected);
  }
}
