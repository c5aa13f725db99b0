package dev.arbiter.policy;

import java.util.Locale;

/**
 * A condition context key such as {@code aws:SourceIp} or {@code aws:ResourceTag/Team}, as written.
 *
 * <p>IAM compares key names case-insensitively, including the tag-key part after the slash; use
 * {@link #normalized()} or {@link #sameKeyAs(ConditionKey)} to compare. Equality of this record is
 * exact, so that writing a policy back keeps its spelling.
 *
 * @param name the key as written
 */
public record ConditionKey(String name) {

  /** The key in lower case ({@link Locale#ROOT}), the form IAM compares. */
  public String normalized() {
    return name.toLowerCase(Locale.ROOT);
  }

  /** Whether both name the same key, ignoring case. */
  public boolean sameKeyAs(ConditionKey other) {
    return name.equalsIgnoreCase(other.name);
  }

  /** The service prefix before the first colon ({@code aws}, {@code s3}), or "" if none. */
  public String prefix() {
    int colon = name.indexOf(':');
    return colon < 0 ? "" : name.substring(0, colon);
  }

  @Override
  public String toString() {
    return name;
  }
}
