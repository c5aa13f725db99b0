package dev.arbiter.policy.value;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the typed values of condition operators, numbers and dates (and base-64 binaries): any
 * text is either a value or null, never an exception. A number is exactly what the documented
 * syntax allows, within the length limit, and has the value {@link BigDecimal} gives it; an epoch
 * date is that number of seconds; an ISO date written back in ISO form reads as the same instant.
 *
 * <p>Regression inputs: {@code
 * src/test/resources/dev/arbiter/eval/internal/IamValuesFuzzTestInputs/}. To fuzz: {@code
 * scripts/fuzz.sh 5 IamValuesFuzzTest}.
 */
class IamValuesFuzzTest {
  private static final Pattern NUMBER = Pattern.compile("[+-]?[0-9]+(\\.[0-9]+)?");

  /** Loads (and under Jazzer, instruments) the classes involved, so no input pays for that. */
  @BeforeAll
  static void warmUp() {
    IamValuesFuzzTest test = new IamValuesFuzzTest();
    for (String text : new String[] {"-1.5", "2024-06-15T12:00:00+02:00", "2024-06-15"}) {
      test.numbersAndDates_valueOrNull(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  @FuzzTest(maxDuration = "5m")
  void numbersAndDates_valueOrNull(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);

    BigDecimal number = IamValues.number(text);
    boolean syntax = text.length() <= 64 && NUMBER.matcher(text).matches();
    assertThat(number != null).as("number(%s)", text).isEqualTo(syntax);
    if (number != null) {
      assertThat(number).isEqualTo(new BigDecimal(text));
    }

    Instant date = IamValues.date(text);
    if (date != null && number != null) {
      BigDecimal seconds =
          BigDecimal.valueOf(date.getEpochSecond()).add(BigDecimal.valueOf(date.getNano(), 9));
      assertThat(seconds).isEqualByComparingTo(number.setScale(9, RoundingMode.DOWN));
    } else if (date != null) {
      String iso = DateTimeFormatter.ISO_INSTANT.format(date);
      assertThat(IamValues.date(iso)).as("date(%s) from %s", iso, text).isEqualTo(date);
    }

    IamValues.base64(text); // a value or null; it must not throw
  }
}
