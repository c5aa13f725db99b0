package dev.arbiter.lint.rules;

import static dev.arbiter.lint.FindingType.ERROR;
import static dev.arbiter.lint.FindingType.SUGGESTION;
import static dev.arbiter.lint.FindingType.WARNING;
import static dev.arbiter.policy.internal.OneLine.quote;

import dev.arbiter.lint.Check;
import dev.arbiter.policy.BaseOperator;
import dev.arbiter.policy.Condition;
import dev.arbiter.policy.ConditionOperator;
import dev.arbiter.policy.ConditionValue;
import dev.arbiter.policy.SetQualifier;
import dev.arbiter.policy.Statement;
import dev.arbiter.policy.Template;
import dev.arbiter.policy.value.ArnPattern;
import dev.arbiter.policy.value.IamValues;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks of condition operators and their values that need no knowledge of the keys: value types
 * per operator family, empty value lists, qualifiers, variables, wildcards and duplicate keys.
 */
final class ConditionOperatorValueRule implements Rule {

  private static final CheckList CHECKS = new CheckList();

  static final Check DUPLICATE_KEYS_WITH_DIFFERENT_CASE =
      CHECKS.aws(
          "DUPLICATE_KEYS_WITH_DIFFERENT_CASE",
          ERROR,
          "A condition key appears twice in one Condition block, spelled in different case.",
          "Condition key names are case-insensitive, so aws:username and AWS:UserName are the"
              + " same key. Use one spelling throughout the block (and merge entries under the"
              + " same operator).");
  static final Check INVALID_CONDITION_DATA_TYPE =
      CHECKS.aws(
          "INVALID_CONDITION_DATA_TYPE",
          ERROR,
          "The values of one condition key mix JSON types.",
          "Write all values of a condition key with the same JSON type, for example all as"
              + " strings: [\"10\", \"20\"] rather than [\"10\", 20].");
  static final Check INVALID_VARIABLE_FOR_OPERATOR =
      CHECKS.aws(
          "INVALID_VARIABLE_FOR_OPERATOR",
          ERROR,
          "A policy variable is used with an operator that does not take variables.",
          "Policy variables work only with String and Arn operators. Numeric, Date, Bool,"
              + " Binary, IpAddress and Null operators compare the text ${...} literally.");
  static final Check TYPE_MISMATCH_BOOLEAN =
      CHECKS.aws(
          "TYPE_MISMATCH_BOOLEAN",
          WARNING,
          "A Bool condition value is not true or false.",
          "The Bool operator compares with \"true\" or \"false\"; any other value never"
              + " matches.");
  static final Check TYPE_MISMATCH_DATE =
      CHECKS.aws(
          "TYPE_MISMATCH_DATE",
          WARNING,
          "A Date condition value is not a date.",
          "Date operators take W3C ISO 8601 dates such as 2026-01-31 or 2026-01-31T23:59:59Z"
              + " (or epoch seconds); other values never match as intended.");
  static final Check INVALID_DATE_VALUE =
      CHECKS.aws(
          "INVALID_DATE_VALUE",
          WARNING,
          "A Date condition value is given in epoch seconds.",
          "Epoch time might not resolve to the instant you expect. Write the date in ISO 8601,"
              + " for example 2026-01-31T00:00:00Z.");
  static final Check TYPE_MISMATCH_NUMBER =
      CHECKS.aws(
          "TYPE_MISMATCH_NUMBER",
          WARNING,
          "A Numeric condition value is not a number.",
          "Numeric operators compare decimal numbers such as 10 or 3600; other values never"
              + " match as intended.");
  static final Check TYPE_MISMATCH_STRING =
      CHECKS.aws(
          "TYPE_MISMATCH_STRING",
          WARNING,
          "A BinaryEquals value is not Base64.",
          "BinaryEquals compares bytes given as a Base64-encoded string; encode the value.");
  static final Check EMPTY_ARRAY_CONDITION =
      CHECKS.aws(
          "EMPTY_ARRAY_CONDITION",
          SUGGESTION,
          "A condition key has an empty list of values.",
          "With no values the condition cannot match as intended and the statement does not"
              + " do what it seems to. Give the values, or remove the condition.");
  static final Check EMPTY_ARRAY_CONDITION_FORALLVALUES =
      CHECKS.aws(
          "EMPTY_ARRAY_CONDITION_FORALLVALUES",
          SUGGESTION,
          "ForAllValues with an empty list of values.",
          "ForAllValues with no values matches only when the key is missing from the request."
              + " To test for a missing key, use \"Null\": {\"key\": \"true\"}.");
  static final Check EMPTY_ARRAY_CONDITION_FORANYVALUE =
      CHECKS.aws(
          "EMPTY_ARRAY_CONDITION_FORANYVALUE",
          SUGGESTION,
          "ForAnyValue with an empty list of values.",
          "ForAnyValue with no values never matches, so the statement has no effect. Give the"
              + " values, or remove the statement.");
  static final Check EMPTY_ARRAY_CONDITION_IFEXISTS =
      CHECKS.aws(
          "EMPTY_ARRAY_CONDITION_IFEXISTS",
          SUGGESTION,
          "An ...IfExists operator with an empty list of values.",
          "With no values, ...IfExists matches only when the key is missing from the request."
              + " To test for a missing key, use \"Null\": {\"key\": \"true\"}.");
  static final Check NULL_WITH_QUALIFIER =
      CHECKS.aws(
          "NULL_WITH_QUALIFIER",
          SUGGESTION,
          "The Null operator is used with ForAllValues or ForAnyValue.",
          "ForAllValues:Null is always true and ForAnyValue:Null always false. Use Null"
              + " without a qualifier.");
  static final Check WILDCARD_WITHOUT_LIKE_OPERATOR =
      CHECKS.aws(
          "WILDCARD_WITHOUT_LIKE_OPERATOR",
          WARNING,
          "A condition value holds * or ? but the operator is not a Like operator.",
          "StringEquals and its variants compare * and ? literally. If you meant a wildcard,"
              + " use StringLike (or StringNotLike); to match a literal * or ?, write ${*} or"
              + " ${?} under Version 2012-10-17.");
  static final Check REDUNDANT_CONDITION_VALUE_NUM =
      CHECKS.aws(
          "REDUNDANT_CONDITION_VALUE_NUM",
          SUGGESTION,
          "Several values for a Numeric less-than or greater-than condition.",
          "The values are alternatives, so only the largest (less-than) or smallest"
              + " (greater-than) one matters. Keep that one.");

  private static final Set<BaseOperator> EQUALS_OPERATORS =
      EnumSet.of(
          BaseOperator.STRING_EQUALS,
          BaseOperator.STRING_NOT_EQUALS,
          BaseOperator.STRING_EQUALS_IGNORE_CASE,
          BaseOperator.STRING_NOT_EQUALS_IGNORE_CASE);
  private static final Set<BaseOperator> ORDER_OPERATORS =
      EnumSet.of(
          BaseOperator.NUMERIC_LESS_THAN,
          BaseOperator.NUMERIC_LESS_THAN_EQUALS,
          BaseOperator.NUMERIC_GREATER_THAN,
          BaseOperator.NUMERIC_GREATER_THAN_EQUALS);

  @Override
  public List<Check> checks() {
    return CHECKS.all();
  }

  @Override
  public void check(RuleContext context) {
    boolean variables = context.policy().variablesEnabled();
    for (Statement statement : context.policy().statements()) {
      Map<String, String> keys = new HashMap<>();
      for (Condition condition : statement.conditions()) {
        duplicateKey(context, condition, keys);
        ConditionOperator operator = condition.operator();
        if (!operator.isKnown()) {
          continue; // INVALID_CONDITION_OPERATOR, from validation
        }
        if (operator.base() == BaseOperator.NULL && operator.qualifier() != SetQualifier.NONE) {
          context.report(
              NULL_WITH_QUALIFIER,
              condition.operatorLocation(),
              operator.text()
                  + " is always "
                  + (operator.qualifier() == SetQualifier.FOR_ALL_VALUES ? "true" : "false")
                  + "; use \"Null\" without the qualifier");
        }
        if (condition.values().isEmpty()) {
          emptyValues(context, condition);
          continue;
        }
        mixedTypes(context, condition);
        for (ConditionValue value : condition.values()) {
          if (variables && usesVariable(operator, value)) {
            context.report(
                INVALID_VARIABLE_FOR_OPERATOR,
                value.location(),
                "policy variable in "
                    + quote(value.text())
                    + " with "
                    + operator.text()
                    + ": variables work only with String and Arn operators, so it is compared"
                    + " literally");
            continue;
          }
          typedValue(context, operator, value);
        }
        wildcardWithoutLike(context, condition);
        redundantNumbers(context, condition);
      }
    }
  }

  /**
   * The doc page defines the "condition block" as the whole Condition element, so spellings are
   * compared across operators too; the same spelling under two operators is ordinary.
   */
  private static void duplicateKey(
      RuleContext context, Condition condition, Map<String, String> keys) {
    String name = condition.key().name();
    String earlier = keys.putIfAbsent(condition.key().normalized(), name);
    if (earlier != null && !earlier.equals(name)) {
      context.report(
          DUPLICATE_KEYS_WITH_DIFFERENT_CASE,
          condition.location(),
          "condition key "
              + quote(name)
              + " is "
              + quote(earlier)
              + " spelled in another case (key names ignore case); use one spelling");
    }
  }

  private static void emptyValues(RuleContext context, Condition condition) {
    ConditionOperator operator = condition.operator();
    String key = quote(condition.key().name());
    if (operator.qualifier() == SetQualifier.FOR_ALL_VALUES) {
      context.report(
          EMPTY_ARRAY_CONDITION_FORALLVALUES,
          condition.location(),
          operator.text()
              + " on "
              + key
              + " with no values matches only when the key is missing; use \"Null\": {"
              + key
              + ": \"true\"} to say that");
    } else if (operator.qualifier() == SetQualifier.FOR_ANY_VALUE) {
      context.report(
          EMPTY_ARRAY_CONDITION_FORANYVALUE,
          condition.location(),
          operator.text() + " on " + key + " with no values never matches; give the values");
    } else if (operator.ifExists()) {
      context.report(
          EMPTY_ARRAY_CONDITION_IFEXISTS,
          condition.location(),
          operator.text()
              + " on "
              + key
              + " with no values matches only when the key is missing; use \"Null\": {"
              + key
              + ": \"true\"} to say that");
    } else {
      context.report(
          EMPTY_ARRAY_CONDITION,
          condition.location(),
          "condition key " + key + " has no values; give the values or remove the key");
    }
  }

  private static void mixedTypes(RuleContext context, Condition condition) {
    ConditionValue.JsonType first = condition.values().get(0).jsonType();
    for (ConditionValue value : condition.values()) {
      if (value.jsonType() != first) {
        context.report(
            INVALID_CONDITION_DATA_TYPE,
            value.location(),
            "the values of "
                + quote(condition.key().name())
                + " mix a "
                + first.label()
                + " and a "
                + value.jsonType().label()
                + "; write them all as strings");
        return;
      }
    }
  }

  private static boolean usesVariable(ConditionOperator operator, ConditionValue value) {
    BaseOperator.Family family = operator.base().family();
    if (family == BaseOperator.Family.STRING || family == BaseOperator.Family.ARN) {
      return false;
    }
    // docs/semantics.md §12.6: the docs are split on variables with Bool; Access Analyzer reports
    // them.
    if (family == BaseOperator.Family.BOOL) {
      return value.template().hasVariables();
    }
    return IamValues.hasVariableSyntax(value.text());
  }

  private static void typedValue(
      RuleContext context, ConditionOperator operator, ConditionValue value) {
    String text = value.text();
    switch (operator.base().family()) {
      case BOOL, NULL -> {
        if (IamValues.bool(text) == null) {
          context.report(
              TYPE_MISMATCH_BOOLEAN,
              value.location(),
              operator.text() + " value " + quote(text) + " is not true or false");
        }
      }
      case NUMERIC -> {
        if (IamValues.number(text) == null) {
          context.report(
              TYPE_MISMATCH_NUMBER,
              value.location(),
              operator.text()
                  + " value "
                  + quote(text)
                  + " is not a number; write digits with an optional sign and fraction, such as"
                  + " 10 or -2.5");
        }
      }
      case DATE -> {
        if (IamValues.date(text) == null) {
          context.report(
              TYPE_MISMATCH_DATE,
              value.location(),
              operator.text()
                  + " value "
                  + quote(text)
                  + " is not a date; use ISO 8601 such as 2026-01-31T00:00:00Z");
        } else if (IamValues.isEpochSeconds(text)) {
          context.report(
              INVALID_DATE_VALUE,
              value.location(),
              operator.text()
                  + " value "
                  + quote(text)
                  + " is epoch time, which might not resolve as expected; use ISO 8601"
                  + " such as 2026-01-31T00:00:00Z");
        }
      }
      case BINARY -> {
        if (IamValues.base64(text) == null) {
          context.report(
              TYPE_MISMATCH_STRING,
              value.location(),
              operator.text() + " value " + quote(text) + " is not Base64-encoded");
        }
      }
      case ARN -> arnValue(context, operator, value);
      default -> {}
    }
  }

  /**
   * An Arn operator value that no ARN can match (docs/semantics.md §6.4.1): fewer than six fields,
   * or a first field that cannot be {@code arn}. Values with policy variables are substituted per
   * request and not judged.
   */
  private static void arnValue(
      RuleContext context, ConditionOperator operator, ConditionValue value) {
    if (value.template().hasVariables()) {
      return;
    }
    ArnPattern pattern = ArnPattern.of(value.template());
    if (pattern.lacksSegments()) {
      context.report(
          ResourceArnSyntaxRule.MISSING_ARN_FIELD,
          value.location(),
          operator.text()
              + " value "
              + quote(value.text())
              + " has fewer than six fields, so it matches no ARN; write"
              + " arn:partition:service:region:account:resource (or * alone)");
    } else if (!pattern.matchesSomeArn()) {
      context.report(
          ResourceArnSyntaxRule.INVALID_ARN_PREFIX,
          value.location(),
          operator.text()
              + " value "
              + quote(value.text())
              + " does not start with arn:, so it matches no ARN");
    }
  }

  private static void wildcardWithoutLike(RuleContext context, Condition condition) {
    if (!EQUALS_OPERATORS.contains(condition.operator().base())) {
      return;
    }
    for (ConditionValue value : condition.values()) {
      if (hasWildcard(value.template())) {
        String like = condition.operator().base().negated() ? "StringNotLike" : "StringLike";
        context.report(
            WILDCARD_WITHOUT_LIKE_OPERATOR,
            value.location(),
            condition.operator().text()
                + " compares "
                + quote(value.text())
                + " literally, * and ? included; if they are meant as wildcards, use "
                + like);
        return;
      }
    }
  }

  private static boolean hasWildcard(Template template) {
    return template.hasWildcards();
  }

  private static void redundantNumbers(RuleContext context, Condition condition) {
    ConditionOperator operator = condition.operator();
    if (!ORDER_OPERATORS.contains(operator.base())
        || operator.qualifier() != SetQualifier.NONE
        || condition.values().size() < 2) {
      return;
    }
    BigDecimal best = null;
    boolean less =
        operator.base() == BaseOperator.NUMERIC_LESS_THAN
            || operator.base() == BaseOperator.NUMERIC_LESS_THAN_EQUALS;
    for (ConditionValue value : condition.values()) {
      BigDecimal n = IamValues.number(value.text());
      if (n == null) {
        return;
      }
      if (best == null || (less ? n.compareTo(best) > 0 : n.compareTo(best) < 0)) {
        best = n;
      }
    }
    context.report(
        REDUNDANT_CONDITION_VALUE_NUM,
        condition.location(),
        "the values of "
            + quote(condition.key().name())
            + " are alternatives, so "
            + operator.text()
            + " with several of them is the same as with "
            + best
            + " alone; keep that value");
  }
}
