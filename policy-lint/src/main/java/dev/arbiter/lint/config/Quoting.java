package dev.arbiter.lint.config;

/** Quoting of configuration text in messages, clipped as the rules' messages clip it. */
final class Quoting {
  private Quoting() {}

  /** {@code text} in double quotes, cut to 80 characters (marked "...") when longer. */
  static String quote(String text) {
    String clipped = text.length() <= 80 ? text : text.substring(0, 77) + "...";
    return "\"" + clipped + "\"";
  }
}
