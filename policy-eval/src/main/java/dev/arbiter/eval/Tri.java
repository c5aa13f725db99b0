package dev.arbiter.eval;

/**
 * Three-valued (Kleene) logic for conditions: a comparison with a value that cannot be parsed (a
 * date that is not a date) is neither true nor false but {@link #UNKNOWN}. An Allow statement
 * applies only when its conditions are {@link #TRUE}; a Deny statement applies unless they are
 * {@link #FALSE}. So an unparseable value can stop a grant or cause a deny, never grant.
 */
final class Tri {
  private Tri() {}

  static final byte FALSE = 0;
  static final byte TRUE = 1;
  static final byte UNKNOWN = 2;

  static byte of(boolean value) {
    return value ? TRUE : FALSE;
  }

  static byte not(byte value) {
    return value == UNKNOWN ? UNKNOWN : (value == TRUE ? FALSE : TRUE);
  }

  static byte or(byte a, byte b) {
    if (a == TRUE || b == TRUE) {
      return TRUE;
    }
    return a == UNKNOWN || b == UNKNOWN ? UNKNOWN : FALSE;
  }

  static byte and(byte a, byte b) {
    if (a == FALSE || b == FALSE) {
      return FALSE;
    }
    return a == UNKNOWN || b == UNKNOWN ? UNKNOWN : TRUE;
  }

  static String name(byte value) {
    return value == TRUE ? "true" : value == FALSE ? "false" : "undecidable";
  }
}
