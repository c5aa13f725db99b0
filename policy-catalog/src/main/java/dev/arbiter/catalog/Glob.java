package dev.arbiter.catalog;

/**
 * IAM's action wildcards: {@code *} matches any run of characters (also empty), {@code ?} exactly
 * one; every other character matches itself ignoring case. Linear for patterns with one {@code *},
 * at worst O(pattern x text).
 */
final class Glob {
  private Glob() {}

  static boolean hasWildcard(String pattern) {
    return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0;
  }

  /** Whether {@code text}, which must be lower case, matches {@code pattern} (any case). */
  static boolean matchesLowerCase(String pattern, String text) {
    int p = 0;
    int t = 0;
    int star = -1;
    int resume = 0;
    while (t < text.length()) {
      if (p < pattern.length()) {
        char c = pattern.charAt(p);
        if (c == '*') {
          star = p++;
          resume = t;
          continue;
        }
        if (c == '?' || lower(c) == text.charAt(t)) {
          p++;
          t++;
          continue;
        }
      }
      if (star < 0) {
        return false;
      }
      p = star + 1;
      t = ++resume;
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }

  private static char lower(char c) {
    // Locale-independent, like toLowerCase(Locale.ROOT) for the characters of action names.
    return Character.toLowerCase(c);
  }
}
