package dev.arbiter.eval;

import dev.arbiter.eval.internal.Glob;
import java.util.ArrayList;
import java.util.List;

/**
 * An ARN pattern of the {@code ArnEquals}/{@code ArnLike} operators: matched segment by segment
 * (SEMANTICS.md §6.4.1). Both the pattern and the value are split at their first five colons; the
 * sixth part keeps any further colons. A value that is not a six-part ARN never matches.
 */
final class ArnPattern {
  private static final ArnPattern NEVER = new ArnPattern(new Glob[0], false);
  private static final ArnPattern ALWAYS = new ArnPattern(new Glob[0], true);

  /** Six segment patterns; empty for the two constants. */
  private final Glob[] segments;

  private final boolean anyArn;

  private ArnPattern(Glob[] segments, boolean anyArn) {
    this.segments = segments;
    this.anyArn = anyArn;
  }

  static Builder builder() {
    return new Builder();
  }

  boolean matches(String value) {
    String[] parts = split(value);
    if (parts == null) {
      return false;
    }
    if (anyArn) {
      return true;
    }
    if (segments.length != 6) {
      return false;
    }
    for (int i = 0; i < 6; i++) {
      if (!segments[i].matches(parts[i])) {
        return false;
      }
    }
    return true;
  }

  /** The six parts of an ARN, or null if {@code value} is not one. */
  static String @org.jspecify.annotations.Nullable [] split(String value) {
    if (!value.startsWith("arn:")) {
      return null;
    }
    String[] parts = new String[6];
    int start = 0;
    for (int i = 0; i < 5; i++) {
      int colon = value.indexOf(':', start);
      if (colon < 0) {
        return null;
      }
      parts[i] = value.substring(start, colon);
      start = colon + 1;
    }
    parts[5] = value.substring(start);
    return parts;
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
