package dev.arbiter.lint;

import static dev.arbiter.lint.Check.aws;
import static dev.arbiter.lint.FindingType.SUGGESTION;

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
 * semantics (SEMANTICS.md §6.2, §6.3, §6.5, §6.7): {@code "*"} matches every value, the empty
 * string included. Only the cases whose outcome does not depend on how an empty set of values is
 * treated are reported.
 */
final class WildcardConditionRule implements Rule {

  static final Check REDUNDANT_KEY_DUE_TO_WILDCARD_IN_CONDITION =
      aws(
          "REDUNDANT_KEY_DUE_TO_WILDCARD_IN_CONDITION",
          SUGGESTION,
          "The condition on this key is always true because of a \"*\" value.",
          "StringLikeIfExists or ForAllValues:StringLike with \"*\" matches whether the key is"
              + " present or not, so it restricts nothing. Remove it, or give the values you"
              + " meant.");
  static final Check REDUNDANT_STATEMENT_DUE_TO_WILDCARD_IN_CONDITION =
      aws(
          "REDUNDANT_STATEMENT_DUE_TO_WILDCARD_IN_CONDITION",
          SUGGESTION,
          "The condition can never be true because of a \"*\" value, so the statement is dead.",
          "ForAnyValue:StringNotLike with \"*\" needs a value that does not match \"*\", and there"
              + " is none, so the statement never applies. Fix the condition or remove the"
              + " statement.");

  @Override
  public List<Check> checks() {
    return List.of(
        REDUNDANT_KEY_DUE_TO_WILDCARD_IN_CONDITION,
        REDUNDANT_STATEMENT_DUE_TO_WILDCARD_IN_CONDITION);
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
