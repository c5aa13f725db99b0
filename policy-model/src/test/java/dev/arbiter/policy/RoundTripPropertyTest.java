package dev.arbiter.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded property tests over random policies: {@code parse(write(p))} equals {@code p} but for
 * where its elements were written, and writing is a fixed point. Reproduce a failure with {@code
 * -Dseed=N}; run more with {@code -Dproperty.count=N}.
 */
class RoundTripPropertyTest {

  static Stream<Arguments> randomPolicies() {
    long seed = Long.getLong("seed", 20261122L);
    int count = Integer.getInteger("property.count", 1000);
    Random random = new Random(seed);
    PolicyGenerator generator = new PolicyGenerator(random);
    return IntStream.range(0, count)
        .mapToObj(i -> Arguments.of(seed + "#" + i, generator.policy()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("randomPolicies")
  void toJson_thenParse_isIdentity(String id, String json) {
    // The generator writes only well-formed documents, so every one must parse.
    Policy policy = Policy.parse(json);
    String written = policy.toJson();
    Policy reread = Policy.parse(written);
    assertThat(reread.withoutLocations())
        .as("%s%n%s", json, written)
        .isEqualTo(policy.withoutLocations());
    assertThat(reread.toJson()).isEqualTo(written);
  }
}
