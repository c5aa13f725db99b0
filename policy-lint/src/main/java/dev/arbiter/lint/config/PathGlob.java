package dev.arbiter.lint.config;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A path glob of the configuration file, with the syntax of {@link
 * java.nio.file.FileSystem#getPathMatcher} globs: {@code *} matches within a directory, {@code **}
 * across directories, {@code ?} one character other than {@code /}, {@code [a-z]} and {@code
 * [!a-z]} one character of a set (never {@code /}; a leading {@code ]} is a member), {@code {a,b}}
 * either alternative (not nested), and {@code \} escapes.
 *
 * <p>The JDK turns globs into backtracking regular expressions, which a glob such as {@code
 * *a*a*a*a*a*b} can keep busy for hours on one path. This matcher simulates the glob's automaton
 * instead: time linear in the path's length times the glob's, whatever the glob.
 */
final class PathGlob {
  /** Longest glob accepted. */
  static final int MAX_LENGTH = 1000;

  /** Most alternatives that the {@code {...}} groups of one glob may expand to. */
  static final int MAX_ALTERNATIVES = 256;

  private static final byte NO_LOOP = 0;
  private static final byte LOOP_IN_SEGMENT = 1;
  private static final byte LOOP_ANY = 2;

  /** One alternative: consuming tokens (character sets) and star loops on the states. */
  private static final class Automaton {
    final List<CharSet> tokens;

    /** loops[s]: the star loop on the state after s tokens. */
    final byte[] loops;

    Automaton(List<CharSet> tokens, byte[] loops) {
      this.tokens = tokens;
      this.loops = loops;
    }
  }

  /** A set of characters one token accepts; a literal accepts its character, '/' included. */
  private record CharSet(String chars, String ranges, boolean negated, boolean any, boolean exact) {
    boolean accepts(char c) {
      if (exact) {
        return chars.charAt(0) == c;
      }
      if (c == '/') {
        return false; // no single-character token crosses a directory boundary
      }
      if (any) {
        return true;
      }
      boolean in = chars.indexOf(c) >= 0;
      for (int i = 0; i + 1 < ranges.length() && !in; i += 2) {
        in = ranges.charAt(i) <= c && c <= ranges.charAt(i + 1);
      }
      return in != negated;
    }
  }

  private final List<Automaton> alternatives;

  private PathGlob(List<Automaton> alternatives) {
    this.alternatives = alternatives;
  }

  /**
   * Compiles {@code glob}.
   *
   * @throws IllegalArgumentException saying what is wrong, if it is not a valid glob or exceeds
   *     {@link #MAX_LENGTH} or {@link #MAX_ALTERNATIVES}
   */
  static PathGlob compile(String glob) {
    if (glob.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("a glob is at most " + MAX_LENGTH + " characters long");
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
    List<Automaton> automata = new ArrayList<>();
    for (StringBuilder alternative : expanded) {
      automata.add(automaton(alternative.toString()));
    }
    return new PathGlob(automata);
  }

  /** Whether the glob matches the whole of {@code path} ('/'-separated). */
  boolean matches(String path) {
    for (Automaton automaton : alternatives) {
      if (matches(automaton, path)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(Automaton automaton, String path) {
    List<CharSet> tokens = automaton.tokens;
    byte[] loops = automaton.loops;
    int states = tokens.size() + 1;
    BitSet current = new BitSet(states);
    current.set(0);
    for (int i = 0; i < path.length() && !current.isEmpty(); i++) {
      char c = path.charAt(i);
      BitSet next = new BitSet(states);
      for (int s = current.nextSetBit(0); s >= 0; s = current.nextSetBit(s + 1)) {
        if (loops[s] == LOOP_ANY || (loops[s] == LOOP_IN_SEGMENT && c != '/')) {
          next.set(s);
        }
        if (s < tokens.size() && tokens.get(s).accepts(c)) {
          next.set(s + 1);
        }
      }
      current = next;
    }
    return current.get(states - 1);
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

  /** The automaton of a glob without groups. */
  private static Automaton automaton(String glob) {
    List<CharSet> tokens = new ArrayList<>();
    List<Byte> loops = new ArrayList<>(List.of(NO_LOOP));
    int i = 0;
    while (i < glob.length()) {
      char c = glob.charAt(i);
      if (c == '*') {
        boolean across = i + 1 < glob.length() && glob.charAt(i + 1) == '*';
        int last = loops.size() - 1;
        loops.set(last, (byte) Math.max(loops.get(last), across ? LOOP_ANY : LOOP_IN_SEGMENT));
        i += across ? 2 : 1;
        continue;
      }
      if (c == '?') {
        tokens.add(new CharSet("", "", false, true, false));
        i++;
      } else if (c == '[') {
        i = charClass(glob, i, tokens);
      } else if (c == '\\') {
        tokens.add(literal(glob.charAt(i + 1)));
        i += 2;
      } else {
        tokens.add(literal(c));
        i++;
      }
      loops.add(NO_LOOP);
    }
    byte[] loopArray = new byte[loops.size()];
    for (int j = 0; j < loopArray.length; j++) {
      loopArray[j] = loops.get(j);
    }
    return new Automaton(List.copyOf(tokens), loopArray);
  }

  /** Reads {@code [...]} starting at {@code open}; returns the index after its ']'. */
  private static int charClass(String glob, int open, List<CharSet> tokens) {
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
    tokens.add(new CharSet(chars.toString(), ranges.toString(), negated, false, false));
    return i + 1;
  }

  private static CharSet literal(char c) {
    return new CharSet(String.valueOf(c), "", false, false, true);
  }
}
