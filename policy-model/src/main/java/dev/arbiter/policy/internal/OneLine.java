package dev.arbiter.policy.internal;

import java.util.Locale;

/**
 * Input text made fit for a one-line message: clipped, with control characters written as Unicode
 * escapes. Names and values from hostile input may be megabytes long or hold line breaks, which
 * would let them forge lines of output (CI annotations included). Every reader of the project
 * quotes input through here.
 */
public final class OneLine {
  private OneLine() {}

  /** Longest piece of input {@link #quote} puts in a message. */
  public static final int MAX_QUOTED = 80;

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

  /**
   * {@code text} in double quotes, JSON-escaped, clipped to {@link #MAX_QUOTED} characters: {@code
   * "s3:GetObjct"}.
   */
  public static String quote(String text) {
    String clipped = text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED - 3) + "...";
    StringBuilder out = new StringBuilder(clipped.length() + 2).append('"');
    for (int i = 0; i < clipped.length(); i++) {
      char c = clipped.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7F) {
        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
