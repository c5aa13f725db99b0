package dev.arbiter.policy.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class GlobTest {

  @ParameterizedTest(name = "{0} ~ {1}: {2}")
  @CsvSource({
    "*, '', true",
    "*, anything:at/all, true",
    "abc, abc, true",
    "abc, abcd, false",
    "abc, ab, false",
    "a*, a, true",
    "a*, abc, true",
    "a*, ba, false",
    "*a, ba, true",
    "*a, ab, false",
    "a*c, ac, true",
    "a*c, abbbc, true",
    "a*c, abbbcd, false",
    "a?c, abc, true",
    "a?c, ac, false",
    "a?c, abbc, false",
    "??, ab, true",
    "??, a, false",
    "*a*b*, xxaxxbxx, true",
    "*a*b*, xxbxxaxx, false",
    "arn:aws:s3:::b/*, arn:aws:s3:::b/x/y, true",
    "*x*, yyxyy, true",
    "b/*, b, false",
    "bucket/*/test/*, bucket//test/object.jpg, true",
    "bucket/*/test/*, bucket/1/2/3/test/4/object.jpg, true",
    "bucket/*/test/*, bucket/1/test/, true",
    "bucket/*/test/*, bucket/1-test/object.jpg, false",
    "bucket/*/test/*, bucket/test/object.jpg, false",
    "bucket/*/test/*, bucket/1/2/test.jpg, false",
    "s3:get*, s3:getobject, true",
    "s3:*object, s3:getobject, true",
    "s3:get?bject, s3:getobject, true",
    "aa*aa, aaa, false",
    "aa*aa, aaaa, true",
    "*ab*ab*, abab, true",
  })
  void matches_table_asDocumented(String pattern, String text, boolean expected) {
    assertThat(Glob.of(pattern).matches(text)).isEqualTo(expected);
  }

  @Test
  void literalWildcardCharacters_areNotWildcards() {
    Glob glob = Glob.builder().literal("a*b?").build();
    assertThat(glob.matches("a*b?")).isTrue();
    assertThat(glob.matches("axxbc")).isFalse();
    assertThat(glob.isLiteral()).isTrue();
  }

  @Test
  void starInSegment_doesNotCrossColon() {
    Glob glob = Glob.builder().literal("arn:aws:ec2:us-").starInSegment().literal("-1:x").build();
    assertThat(glob.matches("arn:aws:ec2:us-east-1:x")).isTrue();
    assertThat(glob.matches("arn:aws:ec2:us-east:9-1:x")).isFalse();
  }

  @Test
  void oneInSegment_doesNotMatchColon() {
    Glob glob = Glob.builder().literal("a").oneInSegment().literal("b").build();
    assertThat(glob.matches("axb")).isTrue();
    assertThat(glob.matches("a:b")).isFalse();
  }

  /**
   * Random patterns of both reaches against random texts, compared with a plain recursive matcher.
   */
  static Stream<Arguments> randomPatterns() {
    long seed = Long.getLong("seed", 20261122L);
    Random random = new Random(seed);
    return IntStream.range(0, 400).mapToObj(i -> Arguments.of(seed + "#" + i, random.nextLong()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("randomPatterns")
  void matches_randomPatterns_agreesWithReferenceMatcher(String id, long seed) {
    Random random = new Random(seed);
    int length = random.nextInt(90) + 1;
    char[] kinds = new char[length];
    Glob.Builder builder = Glob.builder();
    for (int i = 0; i < length; i++) {
      int pick = random.nextInt(10);
      if (pick < 6) {
        kinds[i] = "ab:".charAt(random.nextInt(3));
        builder.literal(String.valueOf(kinds[i]));
      } else if (pick == 6) {
        kinds[i] = '*';
        builder.star();
      } else if (pick == 7) {
        kinds[i] = 'S';
        builder.starInSegment();
      } else if (pick == 8) {
        kinds[i] = '?';
        builder.one();
      } else {
        kinds[i] = 'Q';
        builder.oneInSegment();
      }
    }
    Glob glob = builder.build();
    for (int t = 0; t < 40; t++) {
      StringBuilder text = new StringBuilder();
      int textLength = random.nextInt(40);
      for (int i = 0; i < textLength; i++) {
        text.append("ab:".charAt(random.nextInt(3)));
      }
      String s = text.toString();
      assertThat(glob.matches(s))
          .as("%s against %s", new String(kinds), s)
          .isEqualTo(reference(kinds, 0, s, 0, new Boolean[kinds.length + 1][s.length() + 1]));
    }
  }

  private static boolean reference(char[] p, int i, String s, int j, Boolean[][] memo) {
    if (memo[i][j] != null) {
      return memo[i][j];
    }
    boolean result;
    if (i == p.length) {
      result = j == s.length();
    } else {
      char k = p[i];
      if (k == '*' || k == 'S') {
        result = reference(p, i + 1, s, j, memo);
        if (!result && j < s.length() && (k == '*' || s.charAt(j) != ':')) {
          result = reference(p, i, s, j + 1, memo);
        }
      } else if (j == s.length()) {
        result = false;
      } else if (k == '?' || (k == 'Q' && s.charAt(j) != ':')) {
        result = reference(p, i + 1, s, j + 1, memo);
      } else {
        result = k == s.charAt(j) && reference(p, i + 1, s, j + 1, memo);
      }
    }
    memo[i][j] = result;
    return result;
  }

  /**
   * Not a performance measurement (see WildcardBench in policy-bench): a bound so generous that
   * only exponential backtracking could exceed it.
   */
  @Test
  void matches_adversarialPattern_isNotExponential() {
    String text = "a".repeat(10_000);
    String almost = text + "c";
    Glob anyReach = Glob.of("*a*a*a*a*a*a*a*b");
    Glob segmentReach =
        Glob.builder()
            .starInSegment()
            .literal("a")
            .starInSegment()
            .literal("a")
            .starInSegment()
            .literal("a")
            .starInSegment()
            .literal("a")
            .starInSegment()
            .literal("a")
            .starInSegment()
            .literal("a")
            .starInSegment()
            .literal("a")
            .starInSegment()
            .literal("b")
            .build();
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          for (int i = 0; i < 200; i++) {
            assertThat(anyReach.matches(text)).isFalse();
            assertThat(anyReach.matches(almost)).isFalse();
            assertThat(anyReach.matches(text + "b")).isTrue();
            assertThat(segmentReach.matches(text)).isFalse();
            assertThat(segmentReach.matches(text + "b")).isTrue();
          }
        });
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({"s3:Get*, true", "s3:?et, true", "s3:GetObject, false", "'', false"})
  void hasWildcard_findsStarOrQuestionMark(String text, boolean expected) {
    assertThat(Glob.hasWildcard(text)).isEqualTo(expected);
  }
}
