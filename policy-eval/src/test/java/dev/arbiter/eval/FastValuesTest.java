package dev.arbiter.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.policy.value.Cidr;
import dev.arbiter.policy.value.IamValues;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The allocation-free readers agree with the general parsers: whatever a fast reader accepts, the
 * general parser accepts with the same value (the fast reader may decline more).
 */
class FastValuesTest {
  private static final int CASES = 60_000;

  private static String digits(Random random, int count) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < count; i++) {
      out.append((char) ('0' + random.nextInt(10)));
    }
    return out.toString();
  }

  /** Mostly well-formed, sometimes off by one character. */
  private static String mutate(Random random, String text) {
    if (text.isEmpty() || random.nextInt(4) != 0) {
      return text;
    }
    char[] chars = text.toCharArray();
    chars[random.nextInt(chars.length)] = "0123456789-:TZ.+ x".charAt(random.nextInt(18));
    return new String(chars);
  }

  @Test
  void isoSeconds_agreesWithIamValuesDate() {
    Random random = new Random(1);
    int accepted = 0;
    for (int i = 0; i < CASES; i++) {
      String text =
          mutate(
              random,
              digits(random, 4)
                  + "-"
                  + String.format("%02d", random.nextInt(14))
                  + "-"
                  + String.format("%02d", random.nextInt(33))
                  + "T"
                  + String.format("%02d", random.nextInt(26))
                  + ":"
                  + String.format("%02d", random.nextInt(62))
                  + ":"
                  + String.format("%02d", random.nextInt(62))
                  + "Z");
      long fast = FastValues.isoSeconds(text);
      Instant general = IamValues.date(text);
      if (fast != FastValues.NONE) {
        accepted++;
        assertThat(general).as(text).isEqualTo(Instant.ofEpochSecond(fast));
      }
    }
    assertThat(accepted).isGreaterThan(CASES / 10);
  }

  @Test
  void smallInteger_agreesWithIamValuesNumber() {
    Random random = new Random(2);
    for (int i = 0; i < CASES; i++) {
      String sign = random.nextInt(4) == 0 ? "-" : random.nextInt(8) == 0 ? "+" : "";
      String text = mutate(random, sign + digits(random, random.nextInt(21)));
      long fast = FastValues.smallInteger(text);
      BigDecimal general = IamValues.number(text);
      if (fast != FastValues.NONE) {
        assertThat(general).as(text).isNotNull();
        assertThat(Objects.requireNonNull(general).compareTo(BigDecimal.valueOf(fast)))
            .as(text)
            .isZero();
      }
    }
  }

  @Test
  void ipv4_agreesWithCidrAddress() {
    Random random = new Random(3);
    int accepted = 0;
    for (int i = 0; i < CASES; i++) {
      StringBuilder text = new StringBuilder();
      int parts = random.nextInt(8) == 0 ? 3 + random.nextInt(3) : 4;
      for (int p = 0; p < parts; p++) {
        if (p > 0) {
          text.append('.');
        }
        int kind = random.nextInt(10);
        text.append(
            kind == 0
                ? "0" + random.nextInt(100)
                : kind == 1
                    ? String.valueOf(random.nextInt(400))
                    : String.valueOf(random.nextInt(256)));
      }
      String address = mutate(random, text.toString());
      long fast = FastValues.ipv4(address);
      byte[] general = Cidr.address(address);
      if (fast != FastValues.NONE) {
        accepted++;
        assertThat(general).as(address).isNotNull().hasSize(4);
        long value = 0;
        for (byte b : Objects.requireNonNull(general)) {
          value = (value << 8) | (b & 0xFF);
        }
        assertThat(value).as(address).isEqualTo(fast);
      }
    }
    assertThat(accepted).isGreaterThan(CASES / 10);
  }
}
