package dev.arbiter.policy.value;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The one wildcard matcher: {@code *} matches any run of characters (also none), {@code ?} exactly
 * one. Matching is case-sensitive (callers lower-case both sides where IAM ignores case) and
 * anchored at both ends. Wildcards either cross every character ({@link #of}: Action, StringLike)
 * or stop at a separator ({@link Builder#starInSegment}: {@code ':'} in ARN patterns,
 * docs/semantics.md §4.6; {@code '/'} in the path globs of the lint configuration, {@link #path}).
 *
 * <p>Never backtracks. Patterns whose wildcards may match any character are matched piece by piece:
 * the text between stars must appear in order, and the leftmost occurrence of each piece is always
 * the best choice, so one left-to-right pass decides ({@code O(n·m)} at worst, {@code O(n)} for
 * typical patterns). Patterns with wildcards that stop at the separator, or with character classes,
 * run a bit-parallel NFA in {@code O(n·⌈m/64⌉)}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Glob {
  /** Longest path glob accepted by {@link #path}. */
  public static final int MAX_PATH_LENGTH = 1000;

  /** Most alternatives that the {@code {...}} groups of one path glob may expand to. */
  public static final int MAX_ALTERNATIVES = 256;

  /** A consuming token that matches any one character. */
  private static final int ANY = -1;

  /** A consuming token that matches any one character except the separator. */
  private static final int ANY_BUT_SEPARATOR = -2;

  /** Tokens at or below this are character classes: {@code CLASS - k} is class k. */
  private static final int CLASS = -3;

  private static final byte NO_LOOP = 0;
  private static final byte LOOP_BUT_SEPARATOR = 1;
  private static final byte LOOP_ANY = 2;

  private static final Glob MATCH_ALL = new Glob(null, null, null, null, "*");

  private final @Nullable String exact;
  private final @Nullable Pieces pieces;
  private final @Nullable Nfa nfa;
  private final Glob @Nullable [] alternatives;
  private final String source;

  private Glob(
      @Nullable String exact,
      @Nullable Pieces pieces,
      @Nullable Nfa nfa,
      Glob @Nullable [] alternatives,
      String source) {
    this.exact = exact;
    this.pieces = pieces;
    this.nfa = nfa;
    this.alternatives = alternatives;
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

  /** Starts a pattern made of literal text and wildcards; in-segment ones stop at {@code ':'}. */
  public static Builder builder() {
    return new Builder(':');
  }

  /** Whether {@code text} holds a wildcard character, {@code *} or {@code ?}. */
  public static boolean hasWildcard(String text) {
    return text.indexOf('*') >= 0 || text.indexOf('?') >= 0;
  }

  /**
   * A path glob of the lint configuration, with the syntax of {@link
   * java.nio.file.FileSystem#getPathMatcher} globs over {@code '/'}-separated paths: {@code *}
   * matches within a directory, {@code **} across directories, {@code ?} one character other than
   * {@code /}, {@code [a-z]} and {@code [!a-z]} one character of a set (never {@code /}; a leading
   * {@code ]} is a member), {@code {a,b}} either alternative (not nested), and {@code \} escapes.
   * The JDK turns globs into backtracking regular expressions, which a glob such as {@code
   * *a*a*a*a*a*b} can keep busy for hours on one path; this one is an automaton.
   *
   * @throws IllegalArgumentException saying what is wrong, if {@code glob} is not a valid glob or
   *     exceeds {@link #MAX_PATH_LENGTH} or {@link #MAX_ALTERNATIVES}
   */
  public static Glob path(String glob) {
    return PathSyntax.compile(glob);
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
    if (alternatives != null) {
      for (Glob alternative : alternatives) {
        if (alternative.matches(text)) {
          return true;
        }
      }
      return false;
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
    /** Consuming tokens: a char, {@link #ANY}, {@link #ANY_BUT_SEPARATOR} or a class. */
    private final List<Integer> tokens = new ArrayList<>();

    /** loops.get(j): the self-loop (star) on the state after j tokens. */
    private final List<Byte> loops = new ArrayList<>(List.of(NO_LOOP));

    private final List<CharClass> classes = new ArrayList<>();
    private final StringBuilder source = new StringBuilder();
    private final char separator;

    private Builder(char separator) {
      this.separator = separator;
    }

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

    /** Appends a {@code *} that matches any run of characters other than the separator. */
    public Builder starInSegment() {
      return loop(LOOP_BUT_SEPARATOR, "*");
    }

    /** Appends a {@code ?} that matches any one character. */
    public Builder one() {
      return token(ANY, "?");
    }

    /** Appends a {@code ?} that matches any one character other than the separator. */
    public Builder oneInSegment() {
      return token(ANY_BUT_SEPARATOR, "?");
    }

    /** Appends a character class, which never matches the separator. */
    private Builder oneOf(CharClass charClass, String shown) {
      classes.add(charClass);
      return token(CLASS - (classes.size() - 1), shown);
    }

    private Builder token(int token, String shown) {
      tokens.add(token);
      loops.add(NO_LOOP);
      source.append(shown);
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
      boolean restricted = !classes.isEmpty();
      boolean wildcards = false;
      for (byte loop : loops) {
        wildcards |= loop != NO_LOOP;
        restricted |= loop == LOOP_BUT_SEPARATOR;
      }
      for (int token : tokens) {
        wildcards |= token < 0;
        restricted |= token == ANY_BUT_SEPARATOR;
      }
      if (!wildcards) {
        StringBuilder text = new StringBuilder(tokens.size());
        tokens.forEach(t -> text.append((char) t.intValue()));
        return new Glob(text.toString(), null, null, null, shown);
      }
      if (tokens.isEmpty() && loops.get(0) == LOOP_ANY) {
        return shown.equals("*") ? MATCH_ALL : new Glob(null, null, null, null, shown);
      }
      if (!restricted) {
        return new Glob(null, Pieces.of(tokens, loops), null, null, shown);
      }
      return new Glob(null, null, new Nfa(tokens, loops, classes, separator), null, shown);
    }
  }

  /** One character of a set ({@code [a-z]}, {@code [!a-z]}): listed characters and ranges. */
  private record CharClass(String chars, String ranges, boolean negated) {
    boolean accepts(char c) {
      boolean in = chars.indexOf(c) >= 0;
      for (int i = 0; i + 1 < ranges.length() && !in; i += 2) {
        in = ranges.charAt(i) <= c && c <= ranges.charAt(i + 1);
      }
      return in != negated;
    }
  }

  /** The syntax of path globs: groups expanded to alternatives, each one compiled by a builder. */
  private static final class PathSyntax {
    private PathSyntax() {}

    static Glob compile(String glob) {
      if (glob.length() > MAX_PATH_LENGTH) {
        throw new IllegalArgumentException(
            "a glob is at most " + MAX_PATH_LENGTH + " characters long");
      }
      List<StringBuilder> expanded = new ArrayList<>(List.of(new StringBuilder()));
      int i = 0;
      while (i < glob.length()) {
        char c = glob.charAt(i);
        if (c == '\\') {
          if (i + 1 == glob.length()) {
            throw new IllegalArgumentException("the glob ends with an escape '\\'");
          }
          for (StringBuilder b : expanded) {
            b.append(glob, i, i + 2);
          }
          i += 2;
        } else if (c == '{') {
          int close = groupEnd(glob, i);
          List<String> options = split(glob.substring(i + 1, close));
          if ((long) expanded.size() * options.size() > MAX_ALTERNATIVES) {
            throw new IllegalArgumentException(
                "the glob's {...} groups make more than " + MAX_ALTERNATIVES + " alternatives");
          }
          List<StringBuilder> next = new ArrayList<>();
          for (StringBuilder prefix : expanded) {
            for (String option : options) {
              next.add(new StringBuilder(prefix).append(option));
            }
          }
          expanded = next;
          i = close + 1;
        } else if (c == '}') {
          throw new IllegalArgumentException("'}' at character " + (i + 1) + " closes no '{'");
        } else {
          for (StringBuilder b : expanded) {
            b.append(c);
          }
          i++;
        }
      }
      Glob[] alternatives = new Glob[expanded.size()];
      for (int k = 0; k < alternatives.length; k++) {
        alternatives[k] = alternative(expanded.get(k).toString());
      }
      return alternatives.length == 1
          ? alternatives[0]
          : new Glob(null, null, null, alternatives, glob);
    }

    /** The index of the '}' that closes the group opening at {@code open}. */
    private static int groupEnd(String glob, int open) {
      for (int i = open + 1; i < glob.length(); i++) {
        char c = glob.charAt(i);
        if (c == '\\') {
          i++;
        } else if (c == '{') {
          throw new IllegalArgumentException("'{' groups cannot nest (character " + (i + 1) + ")");
        } else if (c == '}') {
          return i;
        }
      }
      throw new IllegalArgumentException("'{' at character " + (open + 1) + " is never closed");
    }

    /** The alternatives of a group's body, split at commas that are not escaped. */
    private static List<String> split(String body) {
      List<String> options = new ArrayList<>();
      StringBuilder option = new StringBuilder();
      for (int i = 0; i < body.length(); i++) {
        char c = body.charAt(i);
        if (c == '\\' && i + 1 < body.length()) {
          option.append(c).append(body.charAt(++i));
        } else if (c == ',') {
          options.add(option.toString());
          option.setLength(0);
        } else {
          option.append(c);
        }
      }
      options.add(option.toString());
      return options;
    }

    /** One alternative, a glob without groups. */
    private static Glob alternative(String glob) {
      Builder builder = new Builder('/');
      int i = 0;
      while (i < glob.length()) {
        char c = glob.charAt(i);
        if (c == '*') {
          boolean across = i + 1 < glob.length() && glob.charAt(i + 1) == '*';
          if (across) {
            builder.star();
          } else {
            builder.starInSegment();
          }
          i += across ? 2 : 1;
        } else if (c == '?') {
          builder.oneInSegment();
          i++;
        } else if (c == '[') {
          i = charClass(glob, i, builder);
        } else if (c == '\\') {
          builder.literal(String.valueOf(glob.charAt(i + 1)));
          i += 2;
        } else {
          builder.literal(String.valueOf(c));
          i++;
        }
      }
      return builder.build();
    }

    /** Reads {@code [...]} starting at {@code open}; returns the index after its ']'. */
    private static int charClass(String glob, int open, Builder builder) {
      int i = open + 1;
      boolean negated = i < glob.length() && glob.charAt(i) == '!';
      if (negated) {
        i++;
      }
      StringBuilder chars = new StringBuilder();
      StringBuilder ranges = new StringBuilder();
      boolean first = true;
      while (i < glob.length() && (glob.charAt(i) != ']' || first)) {
        char c = glob.charAt(i);
        if (c == '\\' && i + 1 < glob.length()) {
          c = glob.charAt(++i);
        }
        if (i + 2 < glob.length() && glob.charAt(i + 1) == '-' && glob.charAt(i + 2) != ']') {
          char to = glob.charAt(i + 2);
          if (to < c) {
            throw new IllegalArgumentException(
                "the range " + c + "-" + to + " at character " + (i + 1) + " is reversed");
          }
          ranges.append(c).append(to);
          i += 3;
        } else {
          chars.append(c);
          i++;
        }
        first = false;
      }
      if (i >= glob.length()) {
        throw new IllegalArgumentException("'[' at character " + (open + 1) + " is never closed");
      }
      builder.oneOf(
          new CharClass(chars.toString(), ranges.toString(), negated), glob.substring(open, i + 1));
      return i + 1;
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
    final char separator;
    final long[] anyMask;
    final long[] butSeparatorMask;
    final long[] loopAny;
    final long[] loopButSeparator;
    final long[][] ascii = new long[128][];
    final Map<Character, long[]> other = new HashMap<>();

    /** Character classes, and the state each one leads to. */
    final CharClass[] classes;

    final int[] classStates;

    /** For patterns of at most 63 tokens: the first word of each ASCII mask, 0 when none. */
    final long[] asciiWord = new long[128];

    Nfa(List<Integer> tokens, List<Byte> loops, List<CharClass> classList, char separator) {
      this.separator = separator;
      finalState = tokens.size();
      words = (finalState + 1 + 63) >>> 6;
      anyMask = new long[words];
      butSeparatorMask = new long[words];
      loopAny = new long[words];
      loopButSeparator = new long[words];
      classes = classList.toArray(new CharClass[0]);
      classStates = new int[classes.length];
      for (int state = 0; state <= finalState; state++) {
        byte loop = loops.get(state);
        if (loop == LOOP_ANY) {
          set(loopAny, state);
        } else if (loop == LOOP_BUT_SEPARATOR) {
          set(loopButSeparator, state);
        }
        if (state == 0) {
          continue;
        }
        int token = tokens.get(state - 1);
        if (token == ANY) {
          set(anyMask, state);
        } else if (token == ANY_BUT_SEPARATOR) {
          set(butSeparatorMask, state);
        } else if (token <= CLASS) {
          classStates[CLASS - token] = state;
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
      if (words == 1 && classes.length == 0) {
        return matchesOneWord(s);
      }
      long[] current = new long[words];
      long[] next = new long[words];
      long[] classBits = classes.length == 0 ? null : new long[words];
      current[0] = 1L;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        long[] literal = c < 128 ? ascii[c] : other.get(c);
        boolean atSeparator = c == separator;
        if (classBits != null) {
          Arrays.fill(classBits, 0L);
          for (int k = 0; k < classes.length && !atSeparator; k++) {
            if (classes[k].accepts(c)) {
              set(classBits, classStates[k]);
            }
          }
        }
        long carry = 0;
        long alive = 0;
        for (int w = 0; w < words; w++) {
          long bits = current[w];
          long shifted = (bits << 1) | carry;
          carry = bits >>> 63;
          long accept = anyMask[w] | (atSeparator ? 0 : butSeparatorMask[w]);
          if (literal != null) {
            accept |= literal[w];
          }
          if (classBits != null) {
            accept |= classBits[w];
          }
          long loop = loopAny[w] | (atSeparator ? 0 : loopButSeparator[w]);
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
      long butSeparator = butSeparatorMask[0];
      long loopAll = loopAny[0];
      long loopSegment = loopButSeparator[0];
      char sep = separator;
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
        boolean atSeparator = c == sep;
        long accept = any | literal | (atSeparator ? 0 : butSeparator);
        long loop = loopAll | (atSeparator ? 0 : loopSegment);
        state = ((state << 1) & accept) | (state & loop);
        if (state == 0) {
          return false;
        }
      }
      return (state & (1L << finalState)) != 0;
    }
  }
}
