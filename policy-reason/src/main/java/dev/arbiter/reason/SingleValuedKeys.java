package dev.arbiter.reason;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import dev.arbiter.catalog.Catalog;
import java.util.List;

/**
 * The invariant that a condition key AWS documents as single-valued reaches a request with exactly
 * one value or not at all, never as a list (of none, one or several values): docs/reasoning.md,
 * "Assumed invariants". AWS gives each global key's value type on the IAM User Guide page "AWS
 * global condition context keys" and each service key's type in the Service Authorization
 * Reference, where only the {@code ArrayOf…} types are multivalued. Both are in the bundled {@link
 * Catalog}, the one place the project knows key types; a key it does not list is unconstrained.
 */
final class SingleValuedKeys {
  private SingleValuedKeys() {}

  /** How many answers of {@link #documented} are kept, the least recently asked dropped first. */
  static final int KEPT = 512;

  /**
   * The catalog's answer per key as written: a residue asks about the same few keys again and
   * again, and a catalog lookup of a key with a variable part tries every such pattern. Bounded, so
   * that it does not grow with the keys of the policies checked.
   */
  private static final Cache<String, Boolean> ANSWERS =
      CacheBuilder.newBuilder().concurrencyLevel(1).maximumSize(KEPT).build();

  /** Whether AWS documents the key (any case, instances of {@code ${TagKey}} keys too) so. */
  static boolean documented(String key) {
    Boolean known = ANSWERS.getIfPresent(key);
    if (known != null) {
      return known;
    }
    boolean answer =
        Catalog.get().conditionKey(key).map(info -> !info.isMultivalued()).orElse(false);
    ANSWERS.put(key, answer);
    return answer;
  }

  /**
   * Whether the invariant constrains this key of a cube: a key documented as single-valued, or the
   * pseudo-key that marks such a key as a list of one value ({@link Variables#oneValueList}).
   */
  static boolean constrains(String key) {
    if (key.startsWith(Variables.ONE_VALUE_LIST)) {
      return documented(key.substring(Variables.ONE_VALUE_LIST.length()));
    }
    return !key.startsWith(Variables.PSEUDO) && documented(key);
  }

  /**
   * The states of a key {@link #constrains} that a request can carry: absent or one value. A {@link
   * Variables#oneValueList} pseudo-key is present exactly when its key is a list of one value, so
   * of it only its absence is left.
   */
  static KeySet sendable(String key, KeySet set) {
    return new KeySet(
        set.absent(),
        false,
        key.startsWith(Variables.ONE_VALUE_LIST) ? Strings.EMPTY : set.values(),
        List.of());
  }
}
