package dev.arbiter.policy;

/**
 * A condition operator as written, split into set qualifier, base operator and {@code IfExists}:
 * {@code ForAnyValue:StringLikeIfExists} is {@code (FOR_ANY_VALUE, STRING_LIKE, true)}.
 *
 * @param text the operator as written
 * @param qualifier the {@code ForAllValues:} / {@code ForAnyValue:} prefix, or none
 * @param base the operator; {@link BaseOperator#UNKNOWN} if IAM does not know the name
 * @param ifExists whether the name ends in {@code IfExists}
 */
public record ConditionOperator(
    String text, SetQualifier qualifier, BaseOperator base, boolean ifExists) {

  private static final String IF_EXISTS = "IfExists";

  /** Splits an operator name. Names are case-sensitive; an unknown base gives {@code UNKNOWN}. */
  public static ConditionOperator parse(String text) {
    String rest = text;
    SetQualifier qualifier = SetQualifier.NONE;
    for (SetQualifier candidate : SetQualifier.values()) {
      if (candidate != SetQualifier.NONE && rest.startsWith(candidate.prefix())) {
        qualifier = candidate;
        rest = rest.substring(candidate.prefix().length());
        break;
      }
    }
    boolean ifExists = false;
    if (rest.endsWith(IF_EXISTS) && rest.length() > IF_EXISTS.length()) {
      ifExists = true;
      rest = rest.substring(0, rest.length() - IF_EXISTS.length());
    }
    BaseOperator base = BaseOperator.fromJson(rest).orElse(BaseOperator.UNKNOWN);
    return new ConditionOperator(text, qualifier, base, ifExists);
  }

  /** Whether IAM knows this operator. */
  public boolean isKnown() {
    return base != BaseOperator.UNKNOWN;
  }

  @Override
  public String toString() {
    return text;
  }
}
