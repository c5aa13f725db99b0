package dev.arbiter.policy.internal;

import java.util.Locale;
import java.util.Optional;

/** "Did you mean" for misspelt element names, operators, actions and keys. */
public final class Spelling {
  private Spelling() {}

  /**
   * The candidate closest to {@code input}: one that differs only in case, or else the one with the
   * smallest edit distance if that is small for the input's length (at most a third of it, and at
   * most 3). Ties go to the first candidate.
   */
  public static Optional<String> closest(String input, Iterable<String> candidates) {
    String wanted = input.toLowerCase(Locale.ROOT);
    int limit = Math.min(3, Math.max(1, wanted.length() / 3));
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      String lower = candidate.toLowerCase(Locale.ROOT);
      if (lower.equals(wanted)) {
        return candidate.equals(input) ? Optional.empty() : Optional.of(candidate);
      }
      if (Math.abs(lower.length() - wanted.length()) > limit) {
        continue;
      }
      int distance = distance(wanted, lower, limit);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return bestDistance <= limit ? Optional.ofNullable(best) : Optional.empty();
  }

  /** Levenshtein distance, or {@code limit + 1} once it must exceed {@code limit}. */
  static int distance(String a, String b, int limit) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      int rowMin = current[0];
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
        rowMin = Math.min(rowMin, current[j]);
      }
      if (rowMin > limit) {
        return limit + 1;
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
