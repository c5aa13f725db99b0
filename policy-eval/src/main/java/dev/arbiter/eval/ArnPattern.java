package dev.arbiter.eval;

import dev.arbiter.eval.internal.Glob;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An ARN pattern of the {@code ArnEquals}/{@code ArnLike} operators: matched segment by segment
 * (docs/semantics.md §6.4.1). Both the pattern and the value are split at their first five colons;
 * the sixth part keeps any further colons. A value that is not a six-part ARN never matches.
 */
final class ArnPattern {
  private static final ArnPattern NEVER = new ArnPattern(new Glob[0], false);
  private static final ArnPattern ALWAYS = new ArnPattern(new Glob[0], true);

  /** Six segment patterns; empty for the two constants. */
  private final Glob[] segments;

  private final boolean anyArn;

  /** Per segment: the text a wildcard-free segment must equal, else null. */
  private final @Nullable String[] literals;

  /** Per segment: whether it is {@code *} alone, which matches any text. */
  private final boolean[] anyText;

  private ArnPattern(Glob[] segments, boolean anyArn) {
    this.segments = segments;
    this.anyArn = anyArn;
    this.literals = new String[segments.length];
    this.anyText = new boolean[segments.length];
    for (int i = 0; i < segments.length; i++) {
      Glob glob = segments[i];
      literals[i] = glob.isLiteral() ? glob.literalText() : null;
      anyText[i] = !glob.isLiteral() && glob.toString().equals("*");
    }
  }

  static Builder builder() {
    return new Builder();
  }

  /**
   * Whether the value is a six-part ARN whose parts match the segments. Literal and {@code *}
   * segments are compared in place; only other wildcard segments take a substring.
   */
  boolean matches(String value) {
    if (!value.startsWith("arn:")) {
      return false;
    }
    int start = 0;
    for (int i = 0; i < 6; i++) {
      int end = i == 5 ? value.length() : value.indexOf(':', start);
      if (end < 0) {
        return false; // fewer than six parts: not an ARN
      }
      if (!anyArn && segments.length == 6 && !segmentMatches(i, value, start, end)) {
        return false;
      }
      start = end + 1;
    }
    return anyArn || segments.length == 6;
  }

  private boolean segmentMatches(int i, String value, int start, int end) {
    if (anyText[i]) {
      return true;
    }
    String literal = literals[i];
    if (literal != null) {
      return literal.length() == end - start && value.startsWith(literal, start);
    }
    return segments[i].matches(value.substring(start, end));
  }

  /** Collects literal text and wildcards; literal colons split segments. */
  static final class Builder {
    private final List<Glob.Builder> segments = new ArrayList<>(List.of(Glob.builder()));
    private boolean onlyStar = true;
    private int wildcards;

    void literal(String text) {
      int start = 0;
      for (int i = 0; i < text.length(); i++) {
        if (text.charAt(i) == ':' && segments.size() < 6) {
          current().literal(text.substring(start, i));
          segments.add(Glob.builder());
          start = i + 1;
        }
      }
      current().literal(text.substring(start));
      onlyStar &= text.isEmpty();
    }

    void wildcard(char symbol) {
      wildcards++;
      if (symbol == '*') {
        current().star();
      } else {
        current().one();
        onlyStar = false;
      }
    }

    private Glob.Builder current() {
      return segments.get(segments.size() - 1);
    }

    ArnPattern build() {
      if (segments.size() == 6) {
        Glob[] globs = new Glob[6];
        for (int i = 0; i < 6; i++) {
          globs[i] = segments.get(i).build();
        }
        return new ArnPattern(globs, false);
      }
      // A pattern that is "*" alone matches every ARN; any other pattern without the six parts
      // matches none, since the comparison is per segment (§6.4.1, §12.2).
      return onlyStar && wildcards > 0 ? ALWAYS : NEVER;
    }
  }
}
