package dev.arbiter.eval;

/**
 * Three-valued (Kleene) logic for conditions: a comparison with a value that cannot be parsed (a
 * date that is not a date) is neither true nor false but {@link #UNKNOWN}. An Allow statement
 * applies only when its conditions are {@link #TRUE}; a Deny statement applies unless they are
 * {@link #FALSE}. So an unparseable value can stop a grant or cause a deny, never grant.
 */
enum Tri {
  FALSE("false"),
  TRUE("true"),
  UNKNOWN("undecidable");

  private final String text;

  Tri(String text) {
    this.text = text;
  }

  static Tri of(boolean value) {
    return value ? TRUE : FALSE;
  }

  static Tri not(Tri value) {
    return value == UNKNOWN ? UNKNOWN : (value == TRUE ? FALSE : TRUE);
  }

  static Tri or(Tri a, Tri b) {
    if (a == TRUE || b == TRUE) {
      return TRUE;
    }
    return a == UNKNOWN || b == UNKNOWN ? UNKNOWN : FALSE;
  }

  static Tri and(Tri a, Tri b) {
    if (a == FALSE || b == FALSE) {
      return FALSE;
    }
    return a == UNKNOWN || b == UNKNOWN ? UNKNOWN : TRUE;
  }

  /** {@code true}, {@code false} or {@code undecidable}, for explanations. */
  String text() {
    return text;
  }

  /**
   * Several readings of one test where AWS's text is split (docs/semantics.md §12.0): their common
   * answer, or {@link #UNKNOWN} when they differ, so that an Allow applies only when every reading
   * says so and a Deny when any does.
   */
  static Tri agree(Tri first, Tri... others) {
    for (Tri other : others) {
      if (other != first) {
        return UNKNOWN;
      }
    }
    return first;
  }
}
