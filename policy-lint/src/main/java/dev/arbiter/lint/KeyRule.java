package dev.arbiter.lint;

import static dev.arbiter.lint.Check.aws;
import static dev.arbiter.lint.ConditionRule.quote;
import static dev.arbiter.lint.FindingType.ERROR;
import static dev.arbiter.lint.FindingType.SECURITY_WARNING;
import static dev.arbiter.lint.FindingType.WARNING;

import dev.arbiter.policy.BaseOperator;
import dev.arbiter.policy.Condition;
import dev.arbiter.policy.ConditionValue;
import dev.arbiter.policy.Effect;
import dev.arbiter.policy.Statement;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks of specific, well-known condition keys whose meaning is documented: VPC and VPC endpoint
 * IDs, the GitHub OIDC subject, s3:prefix, DynamoDB attribute restrictions, key pairs and keys the
 * caller controls.
 */
final class KeyRule implements Rule {

  static final Check INVALID_VPC_FORMAT =
      aws(
          "INVALID_VPC_FORMAT",
          ERROR,
          "An aws:SourceVpc value is not a VPC ID.",
          "VPC IDs are vpc- followed by 8 or 17 letters and digits, such as"
              + " vpc-1a2b3c4d5e6f7a8b9. A value of another form never matches.");
  static final Check INVALID_VPCE_FORMAT =
      aws(
          "INVALID_VPCE_FORMAT",
          ERROR,
          "An aws:SourceVpce value is not a VPC endpoint ID.",
          "VPC endpoint IDs are vpce- followed by 8 or 17 letters and digits, such as"
              + " vpce-1a2b3c4d5e6f7a8b9. A value of another form never matches.");
  static final Check SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED =
      aws(
          "SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED",
          WARNING,
          "The GitHub OIDC subject is matched with a wildcard.",
          "A wildcard in token.actions.githubusercontent.com:sub trusts more repositories,"
              + " branches or environments than one. Name the repository and branch, as in"
              + " repo:my-org/my-repo:ref:refs/heads/main.");
  static final Check S3_PREFIX_IN_NEGATIVE_CONTEXT =
      aws(
          "S3_PREFIX_IN_NEGATIVE_CONTEXT",
          SECURITY_WARNING,
          "s3:prefix is used to exclude listings, which a shorter prefix bypasses.",
          "A Deny with a positive s3:prefix condition, or an Allow with a negated one, can be"
              + " bypassed by listing with a shorter prefix (or none) that still returns the"
              + " keys. Allow only the prefixes that may be listed instead.");
  static final Check DYNAMODB_ATTRIBUTES_WITHOUT_SELECT =
      aws(
          "DYNAMODB_ATTRIBUTES_WITHOUT_SELECT",
          SECURITY_WARNING,
          "dynamodb:Attributes is restricted without a dynamodb:Select condition.",
          "Without dynamodb:Select = SPECIFIC_ATTRIBUTES a request that asks for all attributes"
              + " (Select ALL_ATTRIBUTES, or no projection) reads whole items. Add"
              + " \"StringEqualsIfExists\": {\"dynamodb:Select\": \"SPECIFIC_ATTRIBUTES\"}.");
  static final Check MISSING_PAIRED_CONDITION_KEYS =
      aws(
          "MISSING_PAIRED_CONDITION_KEYS",
          SECURITY_WARNING,
          "aws:VpcSourceIp is used without aws:SourceVpc.",
          "Private IP ranges repeat across VPCs, so aws:VpcSourceIp alone matches requests"
              + " from any VPC with those addresses. Add aws:SourceVpc (or aws:SourceVpce) to the"
              + " same condition block.");
  static final Check UNTRUSTWORTHY_CONDITION_KEY =
      aws(
          "UNTRUSTWORTHY_CONDITION_KEY",
          SECURITY_WARNING,
          "A condition key that the caller sets freely is used for access control.",
          "aws:UserAgent and aws:Referer come from HTTP headers the caller chooses, so they do"
              + " not stop anyone. Use keys AWS sets, such as aws:SourceVpce, aws:SourceIp or"
              + " aws:PrincipalOrgID.");

  private static final Pattern VPC = Pattern.compile("vpc-(?:[A-Za-z0-9]{8}|[A-Za-z0-9]{17})");
  private static final Pattern VPCE = Pattern.compile("vpce-(?:[A-Za-z0-9]{8}|[A-Za-z0-9]{17})");
  private static final Set<String> UNTRUSTWORTHY = Set.of("aws:useragent", "aws:referer");

  @Override
  public List<Check> checks() {
    return List.of(
        INVALID_VPC_FORMAT,
        INVALID_VPCE_FORMAT,
        SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED,
        S3_PREFIX_IN_NEGATIVE_CONTEXT,
        DYNAMODB_ATTRIBUTES_WITHOUT_SELECT,
        MISSING_PAIRED_CONDITION_KEYS,
        UNTRUSTWORTHY_CONDITION_KEY);
  }

  @Override
  public void check(RuleContext context) {
    for (Statement statement : context.policy().statements()) {
      boolean hasSelect = false;
      boolean hasVpc = false;
      for (Condition condition : statement.conditions()) {
        String key = condition.key().normalized();
        hasSelect |= key.equals("dynamodb:select");
        hasVpc |= key.equals("aws:sourcevpc") || key.equals("aws:sourcevpce");
      }
      for (Condition condition : statement.conditions()) {
        if (!condition.operator().isKnown()) {
          continue;
        }
        String key = condition.key().normalized();
        boolean string = condition.operator().base().family() == BaseOperator.Family.STRING;
        if (string && key.equals("aws:sourcevpc")) {
          ids(context, condition, VPC, INVALID_VPC_FORMAT, "a VPC ID such as vpc-1a2b3c4d");
        } else if (string && key.equals("aws:sourcevpce")) {
          ids(
              context,
              condition,
              VPCE,
              INVALID_VPCE_FORMAT,
              "a VPC endpoint ID such as vpce-1a2b3c4d");
        }
        if (string && isGithubSubject(key) && statement.effect() == Effect.ALLOW) {
          githubSubject(context, condition);
        }
        if (string && key.equals("s3:prefix")) {
          boolean negative =
              (statement.effect() == Effect.DENY) != condition.operator().base().negated();
          if (negative) {
            context.report(
                S3_PREFIX_IN_NEGATIVE_CONTEXT,
                condition.location(),
                (statement.effect() == Effect.DENY
                        ? "a Deny on matching s3:prefix values"
                        : "an Allow on s3:prefix values that do not match")
                    + " can be bypassed by listing with a shorter prefix; allow the prefixes"
                    + " that may be listed instead");
          }
        }
        if (key.equals("dynamodb:attributes") && statement.effect() == Effect.ALLOW && !hasSelect) {
          context.report(
              DYNAMODB_ATTRIBUTES_WITHOUT_SELECT,
              condition.location(),
              "dynamodb:Attributes is restricted but dynamodb:Select is not, so a request for all"
                  + " attributes reads whole items; add \"StringEqualsIfExists\":"
                  + " {\"dynamodb:Select\": \"SPECIFIC_ATTRIBUTES\"}");
        }
        if (key.equals("aws:vpcsourceip") && !hasVpc) {
          context.report(
              MISSING_PAIRED_CONDITION_KEYS,
              condition.location(),
              "aws:VpcSourceIp without aws:SourceVpc matches those addresses in any VPC; add an"
                  + " aws:SourceVpc (or aws:SourceVpce) condition to the same block");
        }
        if (UNTRUSTWORTHY.contains(key)) {
          context.report(
              UNTRUSTWORTHY_CONDITION_KEY,
              condition.location(),
              condition.key().name()
                  + " is an HTTP header the caller sets freely, so it does not control access;"
                  + " use a key that AWS sets, such as aws:SourceVpce or aws:PrincipalOrgID");
        }
      }
    }
  }

  static boolean isGithubSubject(String normalizedKey) {
    return normalizedKey.startsWith("token.actions.githubusercontent.com")
        && normalizedKey.endsWith(":sub");
  }

  private static void ids(
      RuleContext context, Condition condition, Pattern pattern, Check check, String expected) {
    for (ConditionValue value : condition.values()) {
      if (value.template().hasWildcards()
          || value.template().hasVariables()
          || value.text().contains("${")) {
        continue;
      }
      if (!pattern.matcher(value.text()).matches()) {
        context.report(
            check,
            value.location(),
            condition.key().name()
                + " value "
                + quote(value.text())
                + " is not "
                + expected
                + " (8 or 17 letters and digits after the dash)");
      }
    }
  }

  private static void githubSubject(RuleContext context, Condition condition) {
    BaseOperator base = condition.operator().base();
    if (base != BaseOperator.STRING_LIKE) {
      return;
    }
    for (ConditionValue value : condition.values()) {
      if (value.template().hasWildcards()) {
        context.report(
            SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED,
            value.location(),
            "the GitHub OIDC subject "
                + quote(value.text())
                + " uses a wildcard; name the repository and branch, as in"
                + " repo:my-org/my-repo:ref:refs/heads/main");
      }
    }
  }
}
