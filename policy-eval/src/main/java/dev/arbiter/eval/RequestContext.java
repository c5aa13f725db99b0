package dev.arbiter.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The condition keys of a request and their values: single strings, or sets of strings for
 * multivalued keys such as {@code aws:TagKeys}. Key names are case-insensitive (docs/semantics.md
 * §2.3, §6.8). Numbers, booleans and dates are strings, as IAM passes them.
 *
 * <p>Nothing is ever added to a context: a key that was not put is absent, and absence decides many
 * conditions ({@link Request.Builder#fillPrincipalKeys()} builds a new one). Immutable.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html">AWS
 *     global condition context keys</a>
 */
public final class RequestContext {
  private static final RequestContext EMPTY = new RequestContext(Map.of());

  /** One key: its name as written, its values, and whether it was given as a set. */
  record Entry(String key, List<String> values, boolean multivalued) {}

  private final Map<String, Entry> entries;

  /**
   * The normalized keys (interned by {@link #normalize}) and their entries, side by side: a small
   * context is searched by identity, which touches no key text.
   */
  private final String[] keyArray;

  private final Entry[] entryArray;

  /** Contexts up to this size are searched linearly; larger ones through the map. */
  private static final int SCAN_LIMIT = 16;

  private RequestContext(Map<String, Entry> entries) {
    this.entries = entries;
    this.keyArray = entries.keySet().toArray(new String[0]);
    this.entryArray = entries.values().toArray(new Entry[0]);
  }

  /** A context with no keys. */
  public static RequestContext empty() {
    return EMPTY;
  }

  /** An empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The key names, as they were written. */
  public Set<String> keys() {
    return entries.values().stream()
        .map(Entry::key)
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /** Whether the key is present (in any case). */
  public boolean contains(String key) {
    return entries.containsKey(normalize(key));
  }

  /** The value of a single-valued key; empty if absent or multivalued. */
  public Optional<String> value(String key) {
    Entry entry = entries.get(normalize(key));
    return entry == null || entry.multivalued()
        ? Optional.empty()
        : Optional.of(entry.values().get(0));
  }

  /** The values of a key: one for a single-valued key, the set for a multivalued one. */
  public Optional<List<String>> values(String key) {
    Entry entry = entries.get(normalize(key));
    return entry == null ? Optional.empty() : Optional.of(entry.values());
  }

  /** Whether the key was given as a set of values. */
  public boolean isMultivalued(String key) {
    Entry entry = entries.get(normalize(key));
    return entry != null && entry.multivalued();
  }

  /** This context and then {@code more}, whose keys must not be in it. */
  RequestContext plus(Map<String, String> more) {
    if (more.isEmpty()) {
      return this;
    }
    Builder builder = new Builder();
    builder.entries = new LinkedHashMap<>(entries); // already normalized and checked
    more.forEach(builder::put);
    return builder.build();
  }

  /** The entry for a key given by {@link #normalize}, or null. */
  @SuppressWarnings("ReferenceEquality") // keys are interned by normalize(): identity is equality
  @Nullable Entry entry(String normalizedKey) {
    String[] keys = keyArray;
    if (keys.length <= SCAN_LIMIT) {
      for (int i = 0; i < keys.length; i++) {
        if (keys[i] == normalizedKey) {
          return entryArray[i];
        }
      }
      return null;
    }
    return entries.get(normalizedKey);
  }

  /**
   * The key in lower case ({@link Locale#ROOT}), interned, so that {@link #entry} can compare keys
   * by identity. Every key stored or looked up passes through here.
   */
  static String normalize(String key) {
    String known = NORMALIZED.get(key);
    if (known != null) {
      return known;
    }
    String normalized = key.toLowerCase(Locale.ROOT).intern();
    if (NORMALIZED.size() < NORMALIZED_LIMIT) {
      NORMALIZED.put(key, normalized);
    }
    return normalized;
  }

  /**
   * {@link #normalize}'s results by key as written: a file of requests names the same few keys
   * thousands of times, and lower-casing and interning each stood out in the profile of reading one
   * (docs/performance.md, Startup). Bounded, as keys come from input.
   */
  private static final Map<String, String> NORMALIZED = new ConcurrentHashMap<>();

  private static final int NORMALIZED_LIMIT = 4096;

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof RequestContext that && entries.equals(that.entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  /** Returns {@code {key=value, key=[a, b]}}. */
  @Override
  public String toString() {
    return entries.values().stream()
        .map(e -> e.key() + "=" + (e.multivalued() ? e.values() : e.values().get(0)))
        .collect(Collectors.joining(", ", "{", "}"));
  }

  /** Collects the keys of a {@link RequestContext}. */
  public static final class Builder {
    private Map<String, Entry> entries = new LinkedHashMap<>();

    /**
     * Whether {@link #entries} went to a context built: it is copied before the next change, so
     * that a built context never changes and the usual build (the only one) copies nothing.
     */
    private boolean built;

    private Builder() {}

    /**
     * Sets a single-valued key.
     *
     * @throws IllegalArgumentException if the key is empty or was already set (in any case)
     */
    public Builder put(String key, String value) {
      return add(new Entry(key, List.of(value), false));
    }

    /**
     * Sets a multivalued key to a set of values (which may be empty).
     *
     * @throws IllegalArgumentException if the key is empty or was already set (in any case)
     */
    public Builder put(String key, List<String> values) {
      return add(new Entry(key, List.copyOf(values), true));
    }

    private Builder add(Entry entry) {
      if (entry.key().isEmpty()) {
        throw new IllegalArgumentException("a context key must not be empty");
      }
      if (built) {
        entries = new LinkedHashMap<>(entries);
        built = false;
      }
      Entry previous = entries.putIfAbsent(normalize(entry.key()), entry);
      if (previous != null) {
        throw new IllegalArgumentException(
            "context key \""
                + entry.key()
                + "\" is given twice"
                + (previous.key().equals(entry.key())
                    ? ""
                    : " (as \"" + previous.key() + "\"; key names are case-insensitive)"));
      }
      return this;
    }

    /** The context. */
    public RequestContext build() {
      if (entries.isEmpty()) {
        return EMPTY;
      }
      built = true;
      return new RequestContext(Collections.unmodifiableMap(entries));
    }
  }
}
