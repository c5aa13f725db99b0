package dev.arbiter.lint.rules;

/** Wildcard matching of {@code *} (any run) and {@code ?} (one character), without regexes. */
final class Glob {
  private Glob() {}

  /** Whether {@code pattern} matches all of {@code text}, case-sensitively. */
  static boolean matches(String pattern, String text) {
    return matches(pattern, text, false);
  }

  /** Whether {@code pattern} matches all of {@code text}. */
  static boolean matches(String pattern, String text, boolean ignoreCase) {
    int p = 0;
    int t = 0;
    int star = -1;
    int mark = 0;
    while (t < text.length()) {
      if (p < pattern.length()
          && (pattern.charAt(p) == '?' || same(pattern.charAt(p), text.charAt(t), ignoreCase))) {
        p++;
        t++;
      } else if (p < pattern.length() && pattern.charAt(p) == '*') {
        star = p++;
        mark = t;
      } else if (star >= 0) {
        p = star + 1;
        t = ++mark;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }

  private static boolean same(char a, char b, boolean ignoreCase) {
    return a == b
        || (ignoreCase
            && (Character.toLowerCase(a) == Character.toLowerCase(b)
                || Character.toUpperCase(a) == Character.toUpperCase(b)));
  }
}
