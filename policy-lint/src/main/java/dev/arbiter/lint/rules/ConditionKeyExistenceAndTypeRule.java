package dev.arbiter.lint.rules;

import static dev.arbiter.lint.FindingType.ERROR;
import static dev.arbiter.lint.FindingType.SECURITY_WARNING;
import static dev.arbiter.lint.FindingType.WARNING;
import static dev.arbiter.policy.internal.OneLine.quote;

import dev.arbiter.catalog.Catalog;
import dev.arbiter.catalog.ConditionKeyInfo;
import dev.arbiter.catalog.ConditionKeyType;
import dev.arbiter.lint.Check;
import dev.arbiter.policy.BaseOperator;
import dev.arbiter.policy.Condition;
import dev.arbiter.policy.ConditionOperator;
import dev.arbiter.policy.ConditionValue;
import dev.arbiter.policy.Effect;
import dev.arbiter.policy.SetQualifier;
import dev.arbiter.policy.Statement;
import dev.arbiter.policy.value.IamValues;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks of condition keys against the service catalog: keys that do not exist (with "did you
 * mean"), tag keys without their tag name, and operators and qualifiers that do not fit the key's
 * type (multivalued keys need a set qualifier; single-valued keys should not have ForAllValues;
 * String, Numeric, Date, Bool, IP and ARN keys want operators of their family).
 *
 * <p>Keys of identity providers (prefixes with a dot, such as {@code accounts.google.com:aud} or an
 * OIDC provider's host) are not checked: the Service Authorization Reference lists only some of
 * them, and any OIDC provider defines its own.
 */
final class ConditionKeyExistenceAndTypeRule implements Rule {

  private static final CheckList CHECKS = new CheckList();

  static final Check INVALID_GLOBAL_CONDITION_KEY =
      CHECKS.aws(
          "INVALID_GLOBAL_CONDITION_KEY",
          ERROR,
          "An aws: condition key does not exist.",
          "Global condition keys are listed in the IAM User Guide (AWS global condition context"
              + " keys). A key that does not exist is never in the request, so the condition does"
              + " not work as intended. The finding suggests the closest key.");
  static final Check UNSUPPORTED_GLOBAL_CONDITION_KEY =
      CHECKS.aws(
          "UNSUPPORTED_GLOBAL_CONDITION_KEY",
          ERROR,
          "The global condition key aws:ARN is used.",
          "aws:ARN is not supported. To test the caller's ARN use aws:PrincipalArn; to test the"
              + " resource that a service acts for use aws:SourceArn.");
  static final Check INVALID_SERVICE =
      CHECKS.aws(
          "INVALID_SERVICE",
          ERROR,
          "The service prefix of a condition key does not exist.",
          "The part of a condition key before the colon is a service prefix (or aws for global"
              + " keys). A key of an unknown service is never in the request.");
  static final Check INVALID_SERVICE_CONDITION_KEY =
      CHECKS.aws(
          "INVALID_SERVICE_CONDITION_KEY",
          ERROR,
          "A service's condition key does not exist.",
          "Each service defines its own condition keys (Service Authorization Reference, the"
              + " service's page). A key the service does not define is never in the request."
              + " The finding suggests the closest key.");
  static final Check MISSING_TAG_KEY_IN_CONDITION =
      CHECKS.aws(
          "MISSING_TAG_KEY_IN_CONDITION",
          ERROR,
          "A tag condition key lacks the tag name after the slash.",
          "Keys such as aws:ResourceTag, aws:RequestTag and aws:PrincipalTag name a tag:"
              + " aws:ResourceTag/team. Without it the key is never in the request. To test which"
              + " tag keys a request has, use aws:TagKeys.");
  static final Check MISSING_QUALIFIER =
      CHECKS.aws(
          "MISSING_QUALIFIER",
          ERROR,
          "A multivalued condition key is used without ForAllValues or ForAnyValue.",
          "Multivalued keys (such as aws:TagKeys or aws:PrincipalOrgPaths) can carry several"
              + " values in one request. Say how the values are compared: ForAnyValue: (at least"
              + " one value matches) or ForAllValues: (every value matches).");
  static final Check FORALLVALUES_WITH_SINGLE_VALUED_KEY =
      CHECKS.aws(
          "FORALLVALUES_WITH_SINGLE_VALUED_KEY",
          SECURITY_WARNING,
          "ForAllValues is used with a single-valued condition key in an Allow statement.",
          "ForAllValues is true when the key is missing from the request, so the statement also"
              + " allows requests without the key. Single-valued keys need no qualifier: remove"
              + " ForAllValues:.");
  static final Check TYPE_MISMATCH =
      CHECKS.aws(
          "TYPE_MISMATCH",
          WARNING,
          "The condition operator does not fit the condition key's type.",
          "Each condition key has a type (String, ARN, Numeric, Date, Bool, IP address, Binary)."
              + " Use an operator of that family, such as Bool for aws:SecureTransport or"
              + " NumericLessThan for aws:MultiFactorAuthAge; others may not compare as intended.");
  static final Check STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS =
      CHECKS.aws(
          "STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS",
          SECURITY_WARNING,
          "StringLike or StringNotLike is used with an ARN condition key.",
          "In StringLike a * also matches colons, so arn:aws:iam::*:role/admin matches ARNs of"
              + " other shapes and accounts than intended. Use ArnLike or ArnNotLike, which compare"
              + " ARNs field by field.");
  static final Check INVALID_CONDITION_MULTIPLE_BOOLEAN =
      CHECKS.aws(
          "INVALID_CONDITION_MULTIPLE_BOOLEAN",
          ERROR,
          "A Boolean condition key is given several values.",
          "A Boolean key has one value, true or false. Give one value; with both the condition"
              + " tests nothing.");
  static final Check INVALID_REGION =
      CHECKS.aws(
          "INVALID_REGION",
          ERROR,
          "A condition value is not an AWS Region code.",
          "aws:RequestedRegion and the services' Region keys compare Region codes such as"
              + " us-east-1 or eu-west-2. A value that is not a Region never matches.");

  /**
   * Keys the Service Authorization Reference types as multivalued but whose service documents them
   * compared with plain operators: EventBridge's "Using IAM policy conditions" page gives {@code
   * "events:source": "source"} and {@code "events:detail-type": "detail-type"} as the key-value
   * pairs, and AWS managed policies follow it. A missing qualifier is not reported for them.
   */
  private static final Set<String> SINGLE_VALUE_DOCUMENTED =
      Set.of("events:source", "events:detail-type");

  /** A service-like prefix: lower-case letters, digits and hyphens. */
  private static final Pattern SERVICE_PREFIX = Pattern.compile("[a-z0-9-]+");

  @Override
  public List<Check> checks() {
    return CHECKS.all();
  }

  @Override
  public void check(RuleContext context) {
    Optional<CatalogView> view = context.service(CatalogView.class);
    if (view.isEmpty()) {
      return;
    }
    for (Statement statement : context.policy().statements()) {
      for (Condition condition : statement.conditions()) {
        String name = condition.key().name();
        if (name.indexOf(':') <= 0 || IamValues.hasVariableSyntax(name)) {
          continue; // INVALID_CONDITION_KEY_FORMAT, from validation
        }
        Optional<ConditionKeyInfo> key = view.get().key(name);
        if (key.isEmpty()) {
          unknown(context, view.get(), condition);
        } else if (condition.operator().isKnown()) {
          typed(context, statement, condition, key.get());
        }
      }
    }
  }

  private static void unknown(RuleContext context, CatalogView view, Condition condition) {
    Catalog catalog = view.catalog();
    String name = condition.key().name();
    String prefix = CatalogView.prefixOf(name);
    if (!SERVICE_PREFIX.matcher(prefix).matches()) {
      return; // an identity provider's key, such as token.actions.githubusercontent.com:sub
    }
    if (name.indexOf('/') < 0) {
      Optional<ConditionKeyInfo> tagged = view.key(name + "/tag");
      if (tagged.isPresent()
          && tagged
              .get()
              .name()
              .toLowerCase(Locale.ROOT)
              .startsWith(name.toLowerCase(Locale.ROOT) + "/")) {
        context.report(
            MISSING_TAG_KEY_IN_CONDITION,
            condition.location(),
            quote(name)
                + " needs the tag name after a slash, as in "
                + quote(name + "/team")
                + "; to test which tag keys a request has, use aws:TagKeys");
        return;
      }
    }
    Optional<String> suggestion = catalog.suggestConditionKey(name);
    String didYouMean = suggestion.map(s -> "; did you mean " + quote(s) + "?").orElse("");
    if (prefix.equals("aws")) {
      if (name.equalsIgnoreCase("aws:ARN")) {
        context.report(
            UNSUPPORTED_GLOBAL_CONDITION_KEY,
            condition.location(),
            "aws:ARN is not supported; use aws:PrincipalArn for the caller's ARN or"
                + " aws:SourceArn for the resource a service acts for");
        return;
      }
      context.report(
          INVALID_GLOBAL_CONDITION_KEY,
          condition.location(),
          quote(name)
              + " is not a global condition key"
              + didYouMean
              + ActionNameRule.age(catalog));
    } else if (catalog.service(prefix).isPresent() || view.keyPrefixes().contains(prefix)) {
      context.report(
          INVALID_SERVICE_CONDITION_KEY,
          condition.location(),
          quote(name)
              + " is not a condition key of "
              + prefix
              + didYouMean
              + ActionNameRule.age(catalog));
    } else {
      context.report(
          INVALID_SERVICE,
          condition.location(),
          "the service prefix "
              + quote(prefix)
              + " of condition key "
              + quote(name)
              + " does not exist"
              + (suggestion.isPresent()
                  ? didYouMean
                  : catalog
                      .suggestService(prefix)
                      .map(s -> "; did you mean " + quote(s) + "?")
                      .orElse(""))
              + ActionNameRule.age(catalog));
    }
  }

  private static void typed(
      RuleContext context, Statement statement, Condition condition, ConditionKeyInfo key) {
    ConditionOperator operator = condition.operator();
    BaseOperator base = operator.base();
    String name = condition.key().name();
    if (base == BaseOperator.NULL) {
      return; // Null tests presence, whatever the key's type
    }
    if (key.isMultivalued()
        && operator.qualifier() == SetQualifier.NONE
        && !SINGLE_VALUE_DOCUMENTED.contains(key.name().toLowerCase(Locale.ROOT))) {
      context.report(
          MISSING_QUALIFIER,
          condition.location(),
          quote(name)
              + " is multivalued ("
              + key.type().referenceName()
              + "), so "
              + operator.text()
              + " needs ForAnyValue: (any value matches) or ForAllValues: (every value matches)");
    }
    // Only in Allow statements: ForAllValues being true for a missing key makes an Allow grant
    // more; in a Deny it makes the Deny apply more, which is not a security problem.
    if (!key.isMultivalued()
        && operator.qualifier() == SetQualifier.FOR_ALL_VALUES
        && statement.effect() == Effect.ALLOW) {
      context.report(
          FORALLVALUES_WITH_SINGLE_VALUED_KEY,
          condition.location(),
          quote(name)
              + " is single-valued, and "
              + operator.text()
              + " is also true when the request has no "
              + name
              + "; remove ForAllValues:");
    }
    BaseOperator.Family family = base.family();
    BaseOperator.Family wanted = key.type().family();
    if (family != wanted && !compatible(key, family, base)) {
      if (wanted == BaseOperator.Family.ARN
          && (base == BaseOperator.STRING_LIKE || base == BaseOperator.STRING_NOT_LIKE)) {
        context.report(
            STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS,
            condition.location(),
            operator.text()
                + " on the ARN key "
                + quote(name)
                + " lets * match across ARN fields; use "
                + (base.negated() ? "ArnNotLike" : "ArnLike"));
      } else {
        context.report(
            TYPE_MISMATCH,
            condition.location(),
            quote(name)
                + " is of type "
                + key.type().referenceName()
                + ", but "
                + operator.text()
                + " is "
                + kind(family)
                + " operator; use "
                + example(wanted));
      }
    }
    if (key.type() == ConditionKeyType.BOOL && condition.values().size() > 1) {
      context.report(
          INVALID_CONDITION_MULTIPLE_BOOLEAN,
          condition.location(),
          quote(name) + " is Boolean and takes one value, true or false; give one");
    }
    if (isRegionKey(key) && family == BaseOperator.Family.STRING) {
      for (ConditionValue value : condition.values()) {
        String text = value.text();
        if (text.isEmpty() || !IamValues.isFixed(value) || AwsRegions.isRegion(text)) {
          continue;
        }
        context.report(
            INVALID_REGION,
            value.location(),
            quote(text) + " is not an AWS Region code (such as us-east-1); it never matches");
      }
    }
  }

  /**
   * Operator families that work with a key of another type, as documented: ARN keys compared
   * exactly with StringEquals and its variants (the same text comparison as ArnEquals without
   * wildcards; StringLike is a separate check), Arn operators on String keys that hold ARNs (the
   * comparison is field by field, stricter than StringLike), and aws:EpochTime, a Date key that the
   * global condition keys page says also takes Numeric operators.
   */
  private static boolean compatible(
      ConditionKeyInfo key, BaseOperator.Family family, BaseOperator base) {
    BaseOperator.Family wanted = key.type().family();
    if (wanted == BaseOperator.Family.ARN && family == BaseOperator.Family.STRING) {
      return base != BaseOperator.STRING_LIKE && base != BaseOperator.STRING_NOT_LIKE;
    }
    if (wanted == BaseOperator.Family.STRING && family == BaseOperator.Family.ARN) {
      return true; // String keys often hold ARNs (kms:EncryptionContext:aws:s3:arn)
    }
    return wanted == BaseOperator.Family.DATE
        && family == BaseOperator.Family.NUMERIC
        && key.name().equalsIgnoreCase("aws:EpochTime");
  }

  private static String kind(BaseOperator.Family family) {
    return switch (family) {
      case STRING -> "a String";
      case NUMERIC -> "a Numeric";
      case DATE -> "a Date";
      case BOOL -> "a Bool";
      case BINARY -> "a Binary";
      case IP_ADDRESS -> "an IP address";
      case ARN -> "an ARN";
      default -> "an";
    };
  }

  private static String example(BaseOperator.Family family) {
    return switch (family) {
      case STRING -> "a String operator such as StringEquals or StringLike";
      case NUMERIC -> "a Numeric operator such as NumericEquals or NumericLessThan";
      case DATE -> "a Date operator such as DateGreaterThan";
      case BOOL -> "the Bool operator";
      case BINARY -> "BinaryEquals";
      case IP_ADDRESS -> "IpAddress or NotIpAddress";
      case ARN -> "an Arn operator such as ArnEquals or ArnLike";
      default -> "an operator of the key's type";
    };
  }

  /** Keys whose values are Region codes: aws:RequestedRegion and services' {@code :Region}. */
  private static boolean isRegionKey(ConditionKeyInfo key) {
    String lower = key.name().toLowerCase(Locale.ROOT);
    return key.type() == ConditionKeyType.STRING
        && (lower.equals("aws:requestedregion") || lower.endsWith(":region"));
  }
}
