package dev.arbiter.policy;

import java.util.Optional;

/**
 * The condition operators of IAM, without set qualifier or {@code IfExists}.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html">IAM
 *     JSON policy elements: Condition operators</a>
 */
public enum BaseOperator {
  STRING_EQUALS("StringEquals", Family.STRING, false),
  STRING_NOT_EQUALS("StringNotEquals", Family.STRING, true),
  STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", Family.STRING, false),
  STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", Family.STRING, true),
  STRING_LIKE("StringLike", Family.STRING, false),
  STRING_NOT_LIKE("StringNotLike", Family.STRING, true),
  NUMERIC_EQUALS("NumericEquals", Family.NUMERIC, false),
  NUMERIC_NOT_EQUALS("NumericNotEquals", Family.NUMERIC, true),
  NUMERIC_LESS_THAN("NumericLessThan", Family.NUMERIC, false),
  NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", Family.NUMERIC, false),
  NUMERIC_GREATER_THAN("NumericGreaterThan", Family.NUMERIC, false),
  NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", Family.NUMERIC, false),
  DATE_EQUALS("DateEquals", Family.DATE, false),
  DATE_NOT_EQUALS("DateNotEquals", Family.DATE, true),
  DATE_LESS_THAN("DateLessThan", Family.DATE, false),
  DATE_LESS_THAN_EQUALS("DateLessThanEquals", Family.DATE, false),
  DATE_GREATER_THAN("DateGreaterThan", Family.DATE, false),
  DATE_GREATER_THAN_EQUALS("DateGreaterThanEquals", Family.DATE, false),
  BOOL("Bool", Family.BOOL, false),
  BINARY_EQUALS("BinaryEquals", Family.BINARY, false),
  IP_ADDRESS("IpAddress", Family.IP_ADDRESS, false),
  NOT_IP_ADDRESS("NotIpAddress", Family.IP_ADDRESS, true),
  ARN_EQUALS("ArnEquals", Family.ARN, false),
  ARN_LIKE("ArnLike", Family.ARN, false),
  ARN_NOT_EQUALS("ArnNotEquals", Family.ARN, true),
  ARN_NOT_LIKE("ArnNotLike", Family.ARN, true),
  NULL("Null", Family.NULL, false),
  /** A name IAM does not know; such a policy does not validate and cannot be evaluated. */
  UNKNOWN("", Family.UNKNOWN, false);

  /** What kind of values an operator compares. */
  public enum Family {
    STRING,
    NUMERIC,
    DATE,
    BOOL,
    BINARY,
    IP_ADDRESS,
    ARN,
    NULL,
    UNKNOWN
  }

  private final String json;
  private final Family family;
  private final boolean negated;

  BaseOperator(String json, Family family, boolean negated) {
    this.json = json;
    this.family = family;
    this.negated = negated;
  }

  /** The name as written in JSON, or "" for {@link #UNKNOWN}. */
  public String json() {
    return json;
  }

  /** The kind of values it compares. */
  public Family family() {
    return family;
  }

  /**
   * Whether this is a negated operator ({@code StringNotEquals}, {@code NotIpAddress}, ...): with
   * several values it is true only if the context value matches none of them, and it is true when
   * the key is absent.
   */
  public boolean negated() {
    return negated;
  }

  /**
   * Whether values of this operator may hold policy variables. IAM documents them for String and
   * Arn operators. For Bool the documentation is split (docs/semantics.md §12.6): the operators
   * page allows them and the variables page does not; we follow the operators page and substitute,
   * and the linter reports the use.
   */
  public boolean supportsVariables() {
    return family == Family.STRING || family == Family.ARN || family == Family.BOOL;
  }

  /** The operator named exactly (case-sensitively, docs/semantics.md §12.10) {@code name}. */
  public static Optional<BaseOperator> fromJson(String name) {
    for (BaseOperator operator : values()) {
      if (operator != UNKNOWN && operator.json.equals(name)) {
        return Optional.of(operator);
      }
    }
    return Optional.empty();
  }
}
