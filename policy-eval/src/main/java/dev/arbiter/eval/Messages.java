package dev.arbiter.eval;

import dev.arbiter.policy.internal.OneLine;
import java.util.List;
import java.util.stream.Collectors;

/** Short renderings of values for explanations. */
final class Messages {
  private Messages() {}

  private static final int MAX_ITEMS = 8;

  /** {@code ["a", "b", ...]}, clipped. */
  static String list(List<?> items) {
    String shown =
        items.stream()
            .limit(MAX_ITEMS)
            .map(item -> OneLine.quote(String.valueOf(item)))
            .collect(Collectors.joining(", "));
    return "[" + shown + (items.size() > MAX_ITEMS ? ", ..." : "") + "]";
  }
}
