package dev.arbiter.lint.rules;

import static dev.arbiter.lint.FindingType.SUGGESTION;

import dev.arbiter.lint.Check;
import dev.arbiter.policy.BaseOperator;
import dev.arbiter.policy.Condition;
import dev.arbiter.policy.ConditionOperator;
import dev.arbiter.policy.ConditionValue;
import dev.arbiter.policy.SetQualifier;
import dev.arbiter.policy.Statement;
import dev.arbiter.policy.Template;
import java.util.List;

/**
 * String conditions whose value list holds a pure wildcard ({@code "*"}), which turns the test into
 * a presence test, a test that is always true, or one that is never true. Derived from the operator
 * semantics (docs/semantics.md §6.2, §6.3, §6.5, §6.7): {@code "*"} matches every value, the empty
 * string included. Only the cases whose outcome does not depend on how an empty set of values is
 * treated are reported.
 *
 * <p>Presence tests: {@code StringLike} with {@code "*"} is true exactly when the key is present (a
 * missing key makes a positive operator false, §6.3), so it is {@code "Null": {key: "false"}};
 * {@code StringNotLike} and {@code StringNotLikeIfExists} with {@code "*"} are true exactly when
 * the key is absent (no present value escapes {@code "*"}; a missing key makes a negated or
 * IfExists operator true), so they are {@code "Null": {key: "true"}}. The set-qualified forms
 * ({@code ForAnyValue:StringLike}, {@code ForAllValues:StringNotLike}) also depend on how an empty
 * set is treated and are not reported.
 */
final class WildcardConditionRule implements Rule {

  private static final CheckList CHECKS = new CheckList();

  static final Check REDUNDANT_KEY_DUE_TO_WILDCARD_IN_CONDITION =
      CHECKS.aws(
          "REDUNDANT_KEY_DUE_TO_WILDCARD_IN_CONDITION",
          SUGGESTION,
          "The condition on this key is always true because of a \"*\" value.",
          "StringLikeIfExists or ForAllValues:StringLike with \"*\" matches whether the key is"
              + " present or not, so it restricts nothing. Remove it, or give the values you"
              + " meant.");
  static final Check REDUNDANT_STATEMENT_DUE_TO_WILDCARD_IN_CONDITION =
      CHECKS.aws(
          "REDUNDANT_STATEMENT_DUE_TO_WILDCARD_IN_CONDITION",
          SUGGESTION,
          "The condition can never be true because of a \"*\" value, so the statement is dead.",
          "ForAnyValue:StringNotLike with \"*\" needs a value that does not match \"*\", and there"
              + " is none, so the statement never applies. Fix the condition or remove the"
              + " statement.");
  static final Check EQUIVALENT_TO_NULL_FALSE =
      CHECKS.aws(
          "EQUIVALENT_TO_NULL_FALSE",
          SUGGESTION,
          "The condition only tests that the key is present: it is a Null false test.",
          "StringLike with \"*\" matches every value, so the condition is true exactly when the"
              + " request has the key. Say so directly with \"Null\": {\"key\": \"false\"}, or"
              + " give the values you meant.");
  static final Check EQUIVALENT_TO_NULL_TRUE =
      CHECKS.aws(
          "EQUIVALENT_TO_NULL_TRUE",
          SUGGESTION,
          "The condition only tests that the key is absent: it is a Null true test.",
          "StringNotLike with \"*\" excludes every value, so the condition is true exactly when the"
              + " request does not have the key. Say so directly with \"Null\": {\"key\":"
              + " \"true\"}, or give the values you meant.");

  @Override
  public List<Check> checks() {
    return CHECKS.all();
  }

  @Override
  public void check(RuleContext context) {
    for (Statement statement : context.policy().statements()) {
      for (Condition condition : statement.conditions()) {
        ConditionOperator operator = condition.operator();
        BaseOperator base = operator.base();
        if ((base != BaseOperator.STRING_LIKE && base != BaseOperator.STRING_NOT_LIKE)
            || !hasPureWildcard(condition)) {
          continue;
        }
        String key = condition.key().name();
        boolean like = base == BaseOperator.STRING_LIKE;
        SetQualifier qualifier = operator.qualifier();
        if (like
            && (qualifier == SetQualifier.FOR_ALL_VALUES
                || (qualifier == SetQualifier.NONE && operator.ifExists()))) {
          context.report(
              REDUNDANT_KEY_DUE_TO_WILDCARD_IN_CONDITION,
              condition.location(),
              operator.text()
                  + " with \"*\" is always true, so the condition on "
                  + key
                  + " restricts nothing; remove it or give the values you meant");
        } else if (like && qualifier == SetQualifier.NONE) {
          context.report(
              EQUIVALENT_TO_NULL_FALSE,
              condition.location(),
              operator.text()
                  + " with \"*\" is true exactly when the request has "
                  + key
                  + "; write \"Null\": {\""
                  + key
                  + "\": \"false\"} instead, or give the values you meant");
        } else if (!like && qualifier == SetQualifier.NONE) {
          context.report(
              EQUIVALENT_TO_NULL_TRUE,
              condition.location(),
              operator.text()
                  + " with \"*\" is true exactly when the request does not have "
                  + key
                  + "; write \"Null\": {\""
                  + key
                  + "\": \"true\"} instead, or give the values you meant");
        } else if (!like && qualifier == SetQualifier.FOR_ANY_VALUE && !operator.ifExists()) {
          context.report(
              REDUNDANT_STATEMENT_DUE_TO_WILDCARD_IN_CONDITION,
              condition.location(),
              operator.text()
                  + " with \"*\" is never true, so this statement never applies; fix the"
                  + " condition on "
                  + key
                  + " or remove the statement");
        }
      }
    }
  }

  /** Whether some value is made of {@code *} wildcards only, and so matches every string. */
  private static boolean hasPureWildcard(Condition condition) {
    for (ConditionValue value : condition.values()) {
      List<Template.Part> parts = value.template().parts();
      if (!parts.isEmpty()
          && parts.stream().allMatch(p -> p instanceof Template.Wildcard w && w.symbol() == '*')) {
        return true;
      }
    }
    return false;
  }
}
