package dev.arbiter.reason;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class StringsTest {

  /**
   * The shortcut agrees with {@code String.toLowerCase(Locale.ROOT)} on every character and every
   * one-character lower case it can produce: the automata of "true" and "false" in any case are
   * built from it.
   */
  @Test
  void lowerCasesTo_everyCharacter_agreesWithToLowerCase() {
    List<String> disagreements = new ArrayList<>();
    for (int d = 0; d <= 0xFFFF; d++) {
      char c = (char) d;
      String lower = String.valueOf(c).toLowerCase(Locale.ROOT);
      if (lower.length() == 1) {
        if (!Strings.lowerCasesTo(c, lower.charAt(0))) {
          disagreements.add(Integer.toHexString(d) + " should lower-case to " + lower);
        }
        char other = Character.toLowerCase(c);
        if (other != lower.charAt(0) && Strings.lowerCasesTo(c, other)) {
          disagreements.add(Integer.toHexString(d) + " should not lower-case to " + other);
        }
      } else {
        for (int w = 0; w <= 0xFFFF; w++) {
          if (Strings.lowerCasesTo(c, (char) w)) {
            disagreements.add(Integer.toHexString(d) + " lower-cases to two characters");
          }
        }
      }
    }
    assertThat(disagreements).isEmpty();
  }

  /** The booleans as IamValues.bool reads them: "true" and "false" in any case, nothing else. */
  @Test
  void booleans_anyCase() {
    assertThat(Strings.TRUE.run("TrUe")).isTrue();
    assertThat(Strings.FALSE.run("FALSE")).isTrue();
    assertThat(Strings.TRUE.run("true ")).isFalse();
    assertThat(Strings.BOOLEANS.run("yes")).isFalse();
  }
}
