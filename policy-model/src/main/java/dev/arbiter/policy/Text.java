package dev.arbiter.policy;

/** Quoting and clipping of user text in messages, so an error never echoes megabytes of input. */
final class Text {
  private Text() {}

  /** Longest piece of input quoted in a message. */
  static final int MAX_QUOTED = 80;

  /** {@code text} in double quotes, JSON-escaped, clipped to {@link #MAX_QUOTED} characters. */
  static String quote(String text) {
    String clipped = clip(text, MAX_QUOTED);
    StringBuilder out = new StringBuilder(clipped.length() + 2).append('"');
    for (int i = 0; i < clipped.length(); i++) {
      char c = clipped.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  /** {@code text} cut to {@code max} characters, marked with an ellipsis when cut. */
  static String clip(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 3) + "...";
  }
}
