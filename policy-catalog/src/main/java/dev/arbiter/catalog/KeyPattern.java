package dev.arbiter.catalog;

import java.util.Locale;

/**
 * Matching of condition key names that have variable parts. A placeholder is {@code ${...}} or
 * {@code <...>} and stands for a non-empty run of any characters (tag keys may hold {@code /},
 * {@code .} and {@code :}); the rest of the name is compared ignoring case, as IAM compares key
 * names.
 */
final class KeyPattern {
  private KeyPattern() {}

  static boolean hasPlaceholder(String name) {
    return name.contains("${") || (name.indexOf('<') >= 0 && name.indexOf('>') > name.indexOf('<'));
  }

  static boolean matches(String template, String key) {
    if (!hasPlaceholder(template)) {
      return template.equalsIgnoreCase(key);
    }
    return matchFrom(
        template.toLowerCase(Locale.ROOT), 0, key.toLowerCase(Locale.ROOT), 0, /* depth= */ 0);
  }

  private static boolean matchFrom(String t, int ti, String k, int ki, int depth) {
    // Templates hold at most a few placeholders, so plain backtracking is cheap; the depth bound
    // only guards against a pathological template.
    if (depth > 8) {
      return false;
    }
    while (ti < t.length()) {
      int end = placeholderEnd(t, ti);
      if (end > ti) {
        for (int stop = k.length(); stop > ki; stop--) {
          if (matchFrom(t, end, k, stop, depth + 1)) {
            return true;
          }
        }
        return false;
      }
      if (ki >= k.length() || t.charAt(ti) != k.charAt(ki)) {
        return false;
      }
      ti++;
      ki++;
    }
    return ki == k.length();
  }

  /** The index after the placeholder starting at {@code i}, or {@code i} if none starts there. */
  private static int placeholderEnd(String t, int i) {
    if (t.startsWith("${", i)) {
      int close = t.indexOf('}', i + 2);
      return close < 0 ? i : close + 1;
    }
    if (t.charAt(i) == '<') {
      int close = t.indexOf('>', i + 1);
      return close < 0 ? i : close + 1;
    }
    return i;
  }
}
