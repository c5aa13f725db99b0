package dev.arbiter.eval.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A compiled IAM wildcard pattern: {@code *} matches any run of characters (also none), {@code ?}
 * exactly one. Matching is case-sensitive (callers lower-case both sides where IAM ignores case)
 * and anchored at both ends.
 *
 * <p>Never backtracks exponentially. Patterns whose wildcards may match any character (every
 * pattern but some ARN resource patterns) are matched piece by piece: the text between stars must
 * appear in order, and the leftmost occurrence of each piece is always the best choice, so one
 * left-to-right pass decides ({@code O(n·m)} at worst, {@code O(n)} for typical patterns). Patterns
 * with wildcards that may not cross a colon (docs/semantics.md §4.6) run a bit-parallel NFA in
 * {@code O(n·⌈m/64⌉)}.
 *
 * <p>Not API: part of the evaluator's internals. Instances are immutable and thread-safe.
 */
public final class Glob {
  /** A consuming token that matches any one character. */
  private static final int ANY = -1;

  /** A consuming token that matches any one character except {@code ':'}. */
  private static final int ANY_BUT_COLON = -2;

  private static final byte NO_LOOP = 0;
  private static final byte LOOP_BUT_COLON = 1;
  private static final byte LOOP_ANY = 2;

  private static final Glob MATCH_ALL = new Glob(null, null, null, "*");

  private final @Nullable String exact;
  private final @Nullable Pieces pieces;
  private final @Nullable Nfa nfa;
  private final String source;

  private Glob(@Nullable String exact, @Nullable Pieces pieces, @Nullable Nfa nfa, String source) {
    this.exact = exact;
    this.pieces = pieces;
    this.nfa = nfa;
    this.source = source;
  }

  /** The pattern {@code text} in which every {@code *} and {@code ?} is a wildcard. */
  public static Glob of(String text) {
    Builder builder = builder();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '*' || c == '?') {
        builder.literal(text.substring(start, i));
        if (c == '*') {
          builder.star();
        } else {
          builder.one();
        }
        start = i + 1;
      }
    }
    builder.literal(text.substring(start));
    return builder.build();
  }

  /** A pattern that only {@code text} itself matches. */
  public static Glob literalOf(String text) {
    return builder().literal(text).build();
  }

  /** Starts a pattern made of literal text and wildcards of either reach. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether {@code text} matches the whole pattern. */
  public boolean matches(String text) {
    if (exact != null) {
      return exact.equals(text);
    }
    if (pieces != null) {
      return pieces.matches(text);
    }
    if (nfa != null) {
      return nfa.matches(text);
    }
    return true;
  }

  /** Whether the pattern has no wildcard at all. */
  public boolean isLiteral() {
    return exact != null;
  }

  /** The literal text matched, for a pattern without wildcards ("" otherwise). */
  public String literalText() {
    return exact == null ? "" : exact;
  }

  /**
   * The pattern with {@code *}, {@code ?} for wildcards (literal {@code *}/{@code ?} shown raw).
   */
  @Override
  public String toString() {
    return source;
  }

  /** Collects literal text and wildcards, then compiles them. */
  public static final class Builder {
    /** Consuming tokens: a char, {@link #ANY} or {@link #ANY_BUT_COLON}. */
    private final List<Integer> tokens = new ArrayList<>();

    /** loops.get(j): the self-loop (star) on the state after j tokens. */
    private final List<Byte> loops = new ArrayList<>(List.of(NO_LOOP));

    private final StringBuilder source = new StringBuilder();

    private Builder() {}

    /** Appends characters matched literally ({@code *} and {@code ?} included). */
    public Builder literal(CharSequence text) {
      for (int i = 0; i < text.length(); i++) {
        tokens.add((int) text.charAt(i));
        loops.add(NO_LOOP);
      }
      source.append(text);
      return this;
    }

    /** Appends a {@code *} that matches any run of characters. */
    public Builder star() {
      return loop(LOOP_ANY, "*");
    }

    /** Appends a {@code *} that matches any run of characters other than {@code ':'}. */
    public Builder starInSegment() {
      return loop(LOOP_BUT_COLON, "*");
    }

    /** Appends a {@code ?} that matches any one character. */
    public Builder one() {
      tokens.add(ANY);
      loops.add(NO_LOOP);
      source.append('?');
      return this;
    }

    /** Appends a {@code ?} that matches any one character other than {@code ':'}. */
    public Builder oneInSegment() {
      tokens.add(ANY_BUT_COLON);
      loops.add(NO_LOOP);
      source.append('?');
      return this;
    }

    private Builder loop(byte reach, String shown) {
      int last = loops.size() - 1;
      loops.set(last, (byte) Math.max(loops.get(last), reach));
      source.append(shown);
      return this;
    }

    /** Compiles the pattern. */
    public Glob build() {
      String shown = source.toString();
      boolean restricted = false;
      boolean wildcards = false;
      for (byte loop : loops) {
        wildcards |= loop != NO_LOOP;
        restricted |= loop == LOOP_BUT_COLON;
      }
      for (int token : tokens) {
        wildcards |= token < 0;
        restricted |= token == ANY_BUT_COLON;
      }
      if (!wildcards) {
        StringBuilder text = new StringBuilder(tokens.size());
        tokens.forEach(t -> text.append((char) t.intValue()));
        return new Glob(text.toString(), null, null, shown);
      }
      if (tokens.isEmpty() && loops.get(0) == LOOP_ANY) {
        return shown.equals("*") ? MATCH_ALL : new Glob(null, null, null, shown);
      }
      if (!restricted) {
        return new Glob(null, Pieces.of(tokens, loops), null, shown);
      }
      return new Glob(null, null, new Nfa(tokens, loops), shown);
    }
  }

  /** Fixed-length text between stars; {@code ?} positions match any character. */
  private static final class Piece {
    final String text;
    final boolean[] any;
    final boolean hasAny;

    Piece(String text, boolean[] any) {
      this.text = text;
      this.any = any;
      boolean found = false;
      for (boolean b : any) {
        found |= b;
      }
      this.hasAny = found;
    }

    int length() {
      return text.length();
    }

    boolean matchesAt(String s, int at) {
      if (!hasAny) {
        return s.startsWith(text, at);
      }
      if (at < 0 || at + text.length() > s.length()) {
        return false;
      }
      for (int i = 0; i < text.length(); i++) {
        if (!any[i] && s.charAt(at + i) != text.charAt(i)) {
          return false;
        }
      }
      return true;
    }

    /** The leftmost start in [from, end - length] where the piece occurs, or -1. */
    int find(String s, int from, int end) {
      int last = end - text.length();
      if (!hasAny) {
        int at = s.indexOf(text, from);
        return at >= 0 && at <= last ? at : -1;
      }
      for (int at = from; at <= last; at++) {
        if (matchesAt(s, at)) {
          return at;
        }
      }
      return -1;
    }
  }

  /** A pattern whose wildcards may match any character: pieces separated by stars. */
  private static final class Pieces {
    final Piece[] pieces;
    final int minLength;

    private Pieces(Piece[] pieces) {
      this.pieces = pieces;
      int sum = 0;
      for (Piece piece : pieces) {
        sum += piece.length();
      }
      this.minLength = sum;
    }

    static Pieces of(List<Integer> tokens, List<Byte> loops) {
      List<Piece> pieces = new ArrayList<>();
      StringBuilder text = new StringBuilder();
      List<Boolean> any = new ArrayList<>();
      for (int state = 0; state <= tokens.size(); state++) {
        if (state > 0) {
          int token = tokens.get(state - 1);
          text.append(token < 0 ? '?' : (char) token);
          any.add(token < 0);
        }
        if (loops.get(state) != NO_LOOP) {
          pieces.add(piece(text, any));
        }
      }
      pieces.add(piece(text, any));
      return new Pieces(pieces.toArray(new Piece[0]));
    }

    private static Piece piece(StringBuilder text, List<Boolean> any) {
      boolean[] mask = new boolean[any.size()];
      for (int i = 0; i < mask.length; i++) {
        mask[i] = any.get(i);
      }
      Piece piece = new Piece(text.toString(), mask);
      text.setLength(0);
      any.clear();
      return piece;
    }

    boolean matches(String s) {
      int n = s.length();
      if (n < minLength) {
        return false;
      }
      Piece first = pieces[0];
      if (pieces.length == 1) {
        return n == first.length() && first.matchesAt(s, 0);
      }
      Piece last = pieces[pieces.length - 1];
      if (!first.matchesAt(s, 0) || !last.matchesAt(s, n - last.length())) {
        return false;
      }
      int position = first.length();
      int end = n - last.length();
      for (int i = 1; i < pieces.length - 1; i++) {
        int at = pieces[i].find(s, position, end);
        if (at < 0) {
          return false;
        }
        position = at + pieces[i].length();
      }
      return true;
    }
  }

  /**
   * Bit-parallel simulation of the pattern's NFA: state j means "j tokens consumed"; stars are
   * self-loops on states. Every state set is a bit vector, so each text character costs a few word
   * operations per 64 pattern tokens.
   */
  private static final class Nfa {
    final int words;
    final int finalState;
    final long[] anyMask;
    final long[] butColonMask;
    final long[] loopAny;
    final long[] loopButColon;
    final long[][] ascii = new long[128][];
    final Map<Character, long[]> other = new HashMap<>();

    /** For patterns of at most 63 tokens: the first word of each ASCII mask, 0 when none. */
    final long[] asciiWord = new long[128];

    Nfa(List<Integer> tokens, List<Byte> loops) {
      finalState = tokens.size();
      words = (finalState + 1 + 63) >>> 6;
      anyMask = new long[words];
      butColonMask = new long[words];
      loopAny = new long[words];
      loopButColon = new long[words];
      for (int state = 0; state <= finalState; state++) {
        byte loop = loops.get(state);
        if (loop == LOOP_ANY) {
          set(loopAny, state);
        } else if (loop == LOOP_BUT_COLON) {
          set(loopButColon, state);
        }
        if (state == 0) {
          continue;
        }
        int token = tokens.get(state - 1);
        if (token == ANY) {
          set(anyMask, state);
        } else if (token == ANY_BUT_COLON) {
          set(butColonMask, state);
        } else {
          char c = (char) token;
          long[] mask;
          if (c < 128) {
            mask = ascii[c];
            if (mask == null) {
              mask = new long[words];
              ascii[c] = mask;
            }
          } else {
            mask = other.computeIfAbsent(c, k -> new long[words]);
          }
          set(mask, state);
        }
      }
      fillSingleWord();
    }

    private void fillSingleWord() {
      for (int c = 0; c < 128; c++) {
        asciiWord[c] = ascii[c] == null ? 0 : ascii[c][0];
      }
    }

    private static void set(long[] bits, int index) {
      bits[index >>> 6] |= 1L << (index & 63);
    }

    boolean matches(String s) {
      if (words == 1) {
        return matchesOneWord(s);
      }
      long[] current = new long[words];
      long[] next = new long[words];
      current[0] = 1L;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        long[] literal = c < 128 ? ascii[c] : other.get(c);
        boolean colon = c == ':';
        long carry = 0;
        long alive = 0;
        for (int w = 0; w < words; w++) {
          long bits = current[w];
          long shifted = (bits << 1) | carry;
          carry = bits >>> 63;
          long accept = anyMask[w] | (colon ? 0 : butColonMask[w]);
          if (literal != null) {
            accept |= literal[w];
          }
          long loop = loopAny[w] | (colon ? 0 : loopButColon[w]);
          long value = (shifted & accept) | (bits & loop);
          next[w] = value;
          alive |= value;
        }
        if (alive == 0) {
          return false;
        }
        long[] swap = current;
        current = next;
        next = swap;
      }
      return (current[finalState >>> 6] & (1L << (finalState & 63))) != 0;
    }

    /** The same simulation with the state set in one register. */
    private boolean matchesOneWord(String s) {
      long any = anyMask[0];
      long butColon = butColonMask[0];
      long loopAll = loopAny[0];
      long loopSegment = loopButColon[0];
      long state = 1L;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        long literal;
        if (c < 128) {
          literal = asciiWord[c];
        } else {
          long[] mask = other.get(c);
          literal = mask == null ? 0 : mask[0];
        }
        boolean colon = c == ':';
        long accept = any | literal | (colon ? 0 : butColon);
        long loop = loopAll | (colon ? 0 : loopSegment);
        state = ((state << 1) & accept) | (state & loop);
        if (state == 0) {
          return false;
        }
      }
      return (state & (1L << finalState)) != 0;
    }
  }
}
