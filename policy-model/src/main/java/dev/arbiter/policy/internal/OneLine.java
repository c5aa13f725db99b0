package dev.arbiter.policy.internal;

import java.util.Locale;

/**
 * Input text made fit for a one-line message: clipped, with control characters written as Unicode
 * escapes. Names and values from hostile input may be megabytes long or hold line breaks, which
 * would let them forge lines of output (CI annotations included).
 */
public final class OneLine {
  private OneLine() {}

  /**
   * {@code text} with control characters escaped, cut to at most {@code max} characters (marked
   * "..." when cut). The escaping comes first, so the result never exceeds {@code max}.
   */
  public static String of(String text, int max) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 8);
    for (int i = 0; i < text.length() && out.length() <= max; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7F) {
        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.length() <= max ? out.toString() : out.substring(0, max - 3) + "...";
  }
}
