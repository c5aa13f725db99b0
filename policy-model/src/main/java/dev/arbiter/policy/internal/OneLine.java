package dev.arbiter.policy.internal;

import java.util.Locale;

/**
 * Input text made fit for a one-line message: clipped, with control characters written as Unicode
 * escapes. Names and values from hostile input may be megabytes long or hold line breaks, which
 * would let them forge lines of output (CI annotations included).
 */
public final class OneLine {
  private OneLine() {}

  /** {@code text} cut to {@code max} characters (marked "..." when cut), control chars escaped. */
  public static String of(String text, int max) {
    String clipped = text.length() <= max ? text : text.substring(0, max - 3) + "...";
    StringBuilder out = new StringBuilder(clipped.length());
    for (int i = 0; i < clipped.length(); i++) {
      char c = clipped.charAt(i);
      if (c < 0x20 || c == 0x7F) {
        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
