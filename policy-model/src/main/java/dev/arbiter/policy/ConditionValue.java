package dev.arbiter.policy;

import java.util.Locale;

/**
 * One value of a condition, as written. IAM compares values as strings: a JSON number or boolean is
 * its JSON text ({@code 10} is {@code "10"}, {@code true} is {@code "true"}).
 *
 * @param text the value as a string
 * @param jsonType the JSON type it was written as
 * @param template the text parsed for policy variables and wildcards (a single literal for
 *     operators that take no variables)
 * @param location where it was written
 */
public record ConditionValue(
    String text, JsonType jsonType, Template template, SourceLocation location) {

  /** The JSON types a condition value may have. */
  public enum JsonType {
    STRING,
    NUMBER,
    BOOLEAN;

    /** The name used in messages: {@code string}, {@code number} or {@code boolean}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A string value built in code, with variables recognised. */
  public static ConditionValue of(String text) {
    return new ConditionValue(text, JsonType.STRING, Template.parse(text), SourceLocation.UNKNOWN);
  }

  @Override
  public String toString() {
    return text;
  }
}
