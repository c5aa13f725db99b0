package dev.arbiter.policy;

/**
 * The set operator prefixed to a condition operator, for multivalued context keys.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html">Single-valued
 *     vs. multivalued context keys</a>
 */
public enum SetQualifier {
  /** No prefix: the key is compared as a single value. */
  NONE(""),
  /** {@code ForAllValues:}: every value of the request set must match. */
  FOR_ALL_VALUES("ForAllValues:"),
  /** {@code ForAnyValue:}: at least one value of the request set must match. */
  FOR_ANY_VALUE("ForAnyValue:");

  private final String prefix;

  SetQualifier(String prefix) {
    this.prefix = prefix;
  }

  /** The prefix as written, including the colon, or "" for {@link #NONE}. */
  public String prefix() {
    return prefix;
  }
}
