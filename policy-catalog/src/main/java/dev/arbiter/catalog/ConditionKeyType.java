package dev.arbiter.catalog;

import dev.arbiter.policy.BaseOperator;

/**
 * The type of a condition key's value, as the Service Authorization Reference gives it. The {@code
 * ARRAY_OF_} types are multivalued: the request may carry several values, so conditions on them
 * need {@code ForAllValues:} or {@code ForAnyValue:}.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html">Single-valued
 *     vs. multivalued context keys</a>
 */
public enum ConditionKeyType {
  /** A string. */
  STRING("String", BaseOperator.Family.STRING, false),
  /** A set of strings. */
  ARRAY_OF_STRING("ArrayOfString", BaseOperator.Family.STRING, true),
  /** An ARN. */
  ARN("ARN", BaseOperator.Family.ARN, false),
  /** A set of ARNs. */
  ARRAY_OF_ARN("ArrayOfARN", BaseOperator.Family.ARN, true),
  /** {@code true} or {@code false}. */
  BOOL("Bool", BaseOperator.Family.BOOL, false),
  /** A set of Booleans. */
  ARRAY_OF_BOOL("ArrayOfBool", BaseOperator.Family.BOOL, true),
  /** A number. */
  NUMERIC("Numeric", BaseOperator.Family.NUMERIC, false),
  /** A set of numbers. */
  ARRAY_OF_NUMERIC("ArrayOfNumeric", BaseOperator.Family.NUMERIC, true),
  /** A date and time. */
  DATE("Date", BaseOperator.Family.DATE, false),
  /** A set of dates. */
  ARRAY_OF_DATE("ArrayOfDate", BaseOperator.Family.DATE, true),
  /** An IPv4 or IPv6 address. */
  IP_ADDRESS("IPAddress", BaseOperator.Family.IP_ADDRESS, false),
  /** A set of IP addresses. */
  ARRAY_OF_IP_ADDRESS("ArrayOfIPAddress", BaseOperator.Family.IP_ADDRESS, true),
  /** Base-64 encoded bytes. */
  BINARY("Binary", BaseOperator.Family.BINARY, false),
  /** A set of base-64 encoded byte strings. */
  ARRAY_OF_BINARY("ArrayOfBinary", BaseOperator.Family.BINARY, true);

  private final String referenceName;
  private final BaseOperator.Family family;
  private final boolean multivalued;

  ConditionKeyType(String referenceName, BaseOperator.Family family, boolean multivalued) {
    this.referenceName = referenceName;
    this.family = family;
    this.multivalued = multivalued;
  }

  /** The type's name in the Service Authorization Reference, such as {@code ArrayOfString}. */
  public String referenceName() {
    return referenceName;
  }

  /** The operator family meant for this type's values ({@code ArrayOfARN} -> {@code ARN}). */
  public BaseOperator.Family family() {
    return family;
  }

  /** Whether a request can carry several values for the key. */
  public boolean isMultivalued() {
    return multivalued;
  }

  /** The type with the given reference name, matched exactly. */
  static ConditionKeyType fromReferenceName(String name) {
    for (ConditionKeyType type : values()) {
      if (type.referenceName.equals(name)) {
        return type;
      }
    }
    throw new IllegalArgumentException("unknown condition key type: " + name);
  }
}
