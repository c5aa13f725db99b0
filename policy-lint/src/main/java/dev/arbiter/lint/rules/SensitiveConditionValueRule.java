package dev.arbiter.lint.rules;

import static dev.arbiter.lint.FindingType.ERROR;
import static dev.arbiter.policy.internal.OneLine.quote;

import dev.arbiter.lint.Check;
import dev.arbiter.policy.BaseOperator;
import dev.arbiter.policy.Condition;
import dev.arbiter.policy.ConditionValue;
import dev.arbiter.policy.Effect;
import dev.arbiter.policy.Statement;
import dev.arbiter.policy.Template;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks of condition values whose form matters for security: wildcards in the values of keys that
 * identify principals, accounts, organizations and sources, and values of keys that take a KMS key
 * ARN.
 *
 * <p>WILDCARD_USAGE_TOO_PERMISSIVE: Access Analyzer's list of sensitive keys is not public. This
 * check uses the global keys that name who calls, whose resource it is or for whom a service acts
 * (the keys of AWS's data perimeter guidance), and Access Analyzer's documented rule: a wildcard
 * among the first six characters of the value, which then matches almost any identity. ARN values
 * that start with {@code arn:} are left alone: their fixed fields are the structure, and a wildcard
 * in a later field (an account or a role name) is a deliberate pattern. Only wildcards that widen
 * access are reported: in an Allow with a positive operator, or in a Deny with a negated one (the
 * wildcard then widens the exemption).
 *
 * <p>INVALID_KMS_KEY_VALUE: keys that the Service Authorization Reference describes as the KMS key
 * ARN of the request (such as s3:x-amz-server-side-encryption-aws-kms-key-id, which S3 compares
 * with the key ARN) given a value that cannot be a KMS ARN, such as a bare key ID or an alias name.
 */
final class SensitiveConditionValueRule implements Rule {

  private static final CheckList CHECKS = new CheckList();

  static final Check WILDCARD_USAGE_TOO_PERMISSIVE =
      CHECKS.aws(
          "WILDCARD_USAGE_TOO_PERMISSIVE",
          ERROR,
          "A wildcard early in the value of an identity or account key matches almost anyone.",
          "Keys such as aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalOrgID, aws:SourceArn,"
              + " aws:SourceAccount and aws:userid decide who gets access. A wildcard among the"
              + " first characters of the value matches identities of any account or"
              + " organization. Give the value in full, or at least its fixed start.");
  static final Check INVALID_KMS_KEY_VALUE =
      CHECKS.aws(
          "INVALID_KMS_KEY_VALUE",
          ERROR,
          "A condition key that takes a KMS key ARN is given a value that is not one.",
          "Keys such as s3:x-amz-server-side-encryption-aws-kms-key-id hold the ARN of the KMS"
              + " key, arn:aws:kms:REGION:ACCOUNT:key/KEY-ID. A key ID or alias name never matches;"
              + " give the key ARN.");

  /** Global keys that identify the caller, the resource owner or the source of a request. */
  private static final Set<String> SENSITIVE_KEYS =
      Set.of(
          "aws:principalarn",
          "aws:principalaccount",
          "aws:principalorgid",
          "aws:principalorgpaths",
          "aws:sourcearn",
          "aws:sourceaccount",
          "aws:sourceowner",
          "aws:sourceorgid",
          "aws:sourceorgpaths",
          "aws:resourceaccount",
          "aws:resourceorgid",
          "aws:resourceorgpaths",
          "aws:userid");

  /** Keys whose value is the KMS key ARN of the request. */
  private static final Set<String> KMS_KEY_ARN_KEYS =
      Set.of(
          "s3:x-amz-server-side-encryption-aws-kms-key-id",
          "s3express:x-amz-server-side-encryption-aws-kms-key-id",
          "s3tables:kmskeyarn",
          "s3vectors:kmskeyarn",
          "secretsmanager:kmskeyarn");

  /** The fixed characters a sensitive value needs before its first wildcard. */
  private static final int FIXED_LEAD = 6;

  private static final Pattern KMS_ARN =
      Pattern.compile("arn:[a-z0-9-]+:kms:[a-z0-9-]*:[0-9]*:(?:key|alias)/.+");

  @Override
  public List<Check> checks() {
    return CHECKS.all();
  }

  @Override
  public void check(RuleContext context) {
    for (Statement statement : context.policy().statements()) {
      for (Condition condition : statement.conditions()) {
        if (!condition.operator().isKnown()) {
          continue;
        }
        String key = condition.key().normalized();
        BaseOperator base = condition.operator().base();
        if (SENSITIVE_KEYS.contains(key) && widens(statement, base)) {
          wildcards(context, condition);
        }
        if (KMS_KEY_ARN_KEYS.contains(key)
            && (base.family() == BaseOperator.Family.STRING
                || base.family() == BaseOperator.Family.ARN)) {
          kmsValues(context, condition);
        }
      }
    }
  }

  /** Whether a wildcard in the operator's values widens what the statement allows. */
  private static boolean widens(Statement statement, BaseOperator base) {
    boolean patterns =
        base == BaseOperator.STRING_LIKE
            || base == BaseOperator.STRING_NOT_LIKE
            || base.family() == BaseOperator.Family.ARN;
    return patterns && (statement.effect() == Effect.ALLOW) != base.negated();
  }

  private static void wildcards(RuleContext context, Condition condition) {
    for (ConditionValue value : condition.values()) {
      String text = value.text();
      if (text.startsWith("arn:") || !value.template().hasWildcards()) {
        continue;
      }
      int fixed = 0;
      boolean variableFirst = false;
      for (Template.Part part : value.template().parts()) {
        if (part instanceof Template.Literal literal) {
          fixed += literal.text().length();
        } else {
          variableFirst = part instanceof Template.Variable;
          break;
        }
      }
      // A variable before the first wildcard is not judged here (its value is the caller's).
      if (!variableFirst && fixed < FIXED_LEAD) {
        context.report(
            WILDCARD_USAGE_TOO_PERMISSIVE,
            value.location(),
            "the wildcard in "
                + quote(text)
                + " comes before "
                + FIXED_LEAD
                + " fixed characters, so "
                + condition.key().name()
                + " matches almost any value; give the value in full");
      }
    }
  }

  private static void kmsValues(RuleContext context, Condition condition) {
    for (ConditionValue value : condition.values()) {
      String text = value.text();
      int end = CatalogView.firstPatternCharacter(text);
      String lead = text.substring(0, end);
      boolean valid;
      if (end == text.length()) {
        valid = KMS_ARN.matcher(text).matches();
      } else if (lead.isEmpty()) {
        valid = true; // "*" or a variable: nothing fixed to judge
      } else if (lead.length() < "arn:".length()) {
        valid = "arn:".startsWith(lead.toLowerCase(Locale.ROOT));
      } else {
        String[] fields = lead.split(":", -1);
        valid = lead.startsWith("arn:") && (fields.length < 4 || fields[2].equals("kms"));
      }
      if (!valid) {
        context.report(
            INVALID_KMS_KEY_VALUE,
            value.location(),
            condition.key().name()
                + " holds the ARN of a KMS key, so "
                + quote(text)
                + " never matches; give the key ARN, arn:aws:kms:REGION:ACCOUNT:key/KEY-ID");
      }
    }
  }
}
