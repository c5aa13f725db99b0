package dev.arbiter.policy.value;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the address-block parser of {@code IpAddress} conditions: any text is a block or null,
 * never an exception. A block holds the address it was written with; flipping a host bit keeps an
 * address inside, flipping a network bit takes it outside; IPv4 and IPv6 never mix.
 *
 * <p>Regression inputs: {@code src/test/resources/dev/arbiter/eval/internal/CidrFuzzTestInputs/}.
 * To fuzz: {@code scripts/fuzz.sh 5 CidrFuzzTest}.
 */
class CidrFuzzTest {

  /** Loads (and under Jazzer, instruments) the classes involved, so no input pays for that. */
  @BeforeAll
  static void warmUp() {
    CidrFuzzTest test = new CidrFuzzTest();
    test.parse_blockOrNull("203.0.113.7/24".getBytes(StandardCharsets.UTF_8));
    test.parse_blockOrNull("2001:db8::1/40".getBytes(StandardCharsets.UTF_8));
  }

  @FuzzTest(maxDuration = "5m")
  void parse_blockOrNull(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    Cidr block = Cidr.parse(text);
    int slash = text.indexOf('/');
    byte[] address = Cidr.address(slash < 0 ? text : text.substring(0, slash));
    if (block == null) {
      return;
    }
    assertThat(address).as("a block's address parses on its own").isNotNull();
    if (address == null) {
      return;
    }
    assertThat(block.toString()).isEqualTo(text);
    int bits = address.length * 8;
    assertThat(block.prefix()).isBetween(0, bits);
    assertThat(block.contains(address)).isTrue();
    assertThat(block.contains(new byte[address.length == 4 ? 16 : 4])).isFalse();
    for (int bit = 0; bit < bits; bit++) {
      byte[] flipped = address.clone();
      flipped[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
      assertThat(block.contains(flipped))
          .as("bit %d of %s", bit, text)
          .isEqualTo(bit >= block.prefix());
    }
  }
}
