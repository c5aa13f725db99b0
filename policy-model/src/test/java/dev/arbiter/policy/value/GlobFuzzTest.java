package dev.arbiter.policy.value;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the wildcard matcher against {@link #reference}, a plain dynamic-programming matcher
 * written from the definition: {@code *} matches any run of characters, {@code ?} exactly one, and
 * their in-segment forms never a {@code ':'}. Patterns mix all four wildcards and literal text over
 * a small alphabet, so that matches happen.
 *
 * <p>The input is decoded, not parsed: the bytes before the first zero byte are the pattern, one
 * token a byte (see {@link #pattern}); the bytes after it are the text, one character a byte.
 *
 * <p>Regression inputs: {@code src/test/resources/dev/arbiter/eval/internal/GlobFuzzTestInputs/}.
 * To fuzz: {@code scripts/fuzz.sh 5 GlobFuzzTest}.
 */
class GlobFuzzTest {
  /** Characters that patterns and texts are mostly made of; '*' and '?' are literal here. */
  private static final String ALPHABET = "ab:/*?$é\uD83D\uDE00";

  /** A pattern token: a literal character, or one of the four wildcards. */
  private enum Kind {
    LITERAL,
    STAR,
    STAR_IN_SEGMENT,
    ONE,
    ONE_IN_SEGMENT
  }

  private record Token(Kind kind, char c) {}

  /** Loads (and under Jazzer, instruments) the classes involved, so no input pays for that. */
  @BeforeAll
  static void warmUp() {
    new GlobFuzzTest().matches_sameAsReference(new byte[] {1, 3, 4, 2, 5, 6, 0, 9, 2, 3, 17});
  }

  @FuzzTest(maxDuration = "5m")
  void matches_sameAsReference(byte[] input) {
    int split = 0;
    while (split < input.length && input[split] != 0) {
      split++;
    }
    List<Token> tokens = pattern(input, split);
    StringBuilder text = new StringBuilder();
    for (int i = split + 1; i < input.length; i++) {
      int b = input[i] & 0xFF;
      text.append(b < 0x80 ? ALPHABET.charAt(b % ALPHABET.length()) : (char) b);
    }
    String value = text.toString();

    Glob.Builder builder = Glob.builder();
    StringBuilder source = new StringBuilder();
    boolean plain = true; // only the wildcards Glob.of knows, and no literal '*' or '?'
    for (Token token : tokens) {
      switch (token.kind()) {
        case LITERAL -> {
          builder.literal(String.valueOf(token.c()));
          plain &= token.c() != '*' && token.c() != '?';
        }
        case STAR -> builder.star();
        case STAR_IN_SEGMENT -> {
          builder.starInSegment();
          plain = false;
        }
        case ONE -> builder.one();
        case ONE_IN_SEGMENT -> {
          builder.oneInSegment();
          plain = false;
        }
      }
      source.append(token.kind() == Kind.LITERAL ? token.c() : wildcard(token.kind()));
    }
    Glob glob = builder.build();
    boolean expected = reference(tokens, value);
    assertThat(glob.matches(value)).as("%s ~ %s", glob, value).isEqualTo(expected);
    assertThat(glob.toString()).isEqualTo(source.toString());
    if (plain) {
      assertThat(Glob.of(source.toString()).matches(value)).isEqualTo(expected);
    }
  }

  /**
   * The pattern in {@code input[0, end)}: a byte's low three bits choose the token (0-2 a literal
   * from {@link #ALPHABET}, 3 a star, 4 an in-segment star, 5 a question mark, 6 an in-segment
   * question mark, 7 the literal character of the byte's value).
   */
  private static List<Token> pattern(byte[] input, int end) {
    List<Token> tokens = new ArrayList<>();
    for (int i = 0; i < end; i++) {
      int b = input[i] & 0xFF;
      tokens.add(
          switch (b & 7) {
            case 3 -> new Token(Kind.STAR, '*');
            case 4 -> new Token(Kind.STAR_IN_SEGMENT, '*');
            case 5 -> new Token(Kind.ONE, '?');
            case 6 -> new Token(Kind.ONE_IN_SEGMENT, '?');
            case 7 -> new Token(Kind.LITERAL, (char) b);
            default -> new Token(Kind.LITERAL, ALPHABET.charAt((b >>> 3) % ALPHABET.length()));
          });
    }
    return tokens;
  }

  private static char wildcard(Kind kind) {
    return kind == Kind.STAR || kind == Kind.STAR_IN_SEGMENT ? '*' : '?';
  }

  /**
   * The definition as a table: {@code match[i][j]} says whether the first {@code i} tokens match
   * the first {@code j} characters.
   */
  static boolean reference(List<Token> tokens, String text) {
    int n = text.length();
    boolean[] previous = new boolean[n + 1];
    previous[0] = true;
    for (Token token : tokens) {
      boolean[] current = new boolean[n + 1];
      for (int j = 0; j <= n; j++) {
        switch (token.kind()) {
          case STAR -> current[j] = previous[j] || (j > 0 && current[j - 1]);
          case STAR_IN_SEGMENT ->
              current[j] = previous[j] || (j > 0 && current[j - 1] && text.charAt(j - 1) != ':');
          case ONE -> current[j] = j > 0 && previous[j - 1];
          case ONE_IN_SEGMENT -> current[j] = j > 0 && previous[j - 1] && text.charAt(j - 1) != ':';
          case LITERAL -> current[j] = j > 0 && previous[j - 1] && text.charAt(j - 1) == token.c();
        }
      }
      previous = current;
    }
    return previous[n];
  }
}
