package dev.arbiter.eval;

import java.util.List;
import java.util.stream.Collectors;

/** Short renderings of values for explanations. */
final class Messages {
  private Messages() {}

  private static final int MAX_ITEMS = 8;
  private static final int MAX_TEXT = 120;

  /** {@code ["a", "b", ...]}, clipped. */
  static String list(List<?> items) {
    String shown =
        items.stream()
            .limit(MAX_ITEMS)
            .map(item -> quote(String.valueOf(item)))
            .collect(Collectors.joining(", "));
    return "[" + shown + (items.size() > MAX_ITEMS ? ", ..." : "") + "]";
  }

  /** {@code "text"}, clipped. */
  static String quote(String text) {
    String clipped = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT - 3) + "..." : text;
    return "\"" + clipped + "\"";
  }
}
