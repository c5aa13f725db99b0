package dev.arbiter.lint.rules;

import static dev.arbiter.lint.FindingType.ERROR;
import static dev.arbiter.lint.FindingType.SECURITY_WARNING;
import static dev.arbiter.lint.FindingType.WARNING;
import static dev.arbiter.policy.internal.OneLine.quote;

import dev.arbiter.lint.Check;
import dev.arbiter.policy.ActionPattern;
import dev.arbiter.policy.BaseOperator;
import dev.arbiter.policy.Condition;
import dev.arbiter.policy.ConditionValue;
import dev.arbiter.policy.Effect;
import dev.arbiter.policy.Statement;
import dev.arbiter.policy.value.IamValues;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks of specific, well-known condition keys whose meaning is documented: VPC and VPC endpoint
 * IDs, the GitHub OIDC subject, s3:prefix, DynamoDB attribute restrictions, key pairs, keys the
 * caller controls, and the VPC endpoint owner keys that only some services set.
 *
 * <p>USE_CONDITION_KEY_ONLY_WITH_SUPPORTED_SERVICES: aws:VpceAccount, aws:VpceOrgID and
 * aws:VpceOrgPaths are in the request only for the services that support them. Access Analyzer's
 * list is not public; the list here is the services of AWS's data perimeter example SCP for
 * aws:VpceOrgID (aws-samples/data-perimeter-policy-examples, network_perimeter_vpceorgid_scp.json,
 * commit 8e0d3c5), whose Deny with StringNotEqualsIfExists could only name services that set the
 * key. Because that list can lag AWS, only a statement none of whose actions belongs to a listed
 * service is reported: there the key can never be present.
 */
final class WellKnownConditionKeyRule implements Rule {

  private static final CheckList CHECKS = new CheckList();

  static final Check INVALID_VPC_FORMAT =
      CHECKS.aws(
          "INVALID_VPC_FORMAT",
          ERROR,
          "An aws:SourceVpc value is not a VPC ID.",
          "VPC IDs are vpc- followed by 8 or 17 letters and digits, such as"
              + " vpc-1a2b3c4d5e6f7a8b9. A value of another form never matches.");
  static final Check INVALID_VPCE_FORMAT =
      CHECKS.aws(
          "INVALID_VPCE_FORMAT",
          ERROR,
          "An aws:SourceVpce value is not a VPC endpoint ID.",
          "VPC endpoint IDs are vpce- followed by 8 or 17 letters and digits, such as"
              + " vpce-1a2b3c4d5e6f7a8b9. A value of another form never matches.");
  static final Check SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED =
      CHECKS.aws(
          "SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED",
          WARNING,
          "The GitHub OIDC subject is matched with a wildcard.",
          "A wildcard in token.actions.githubusercontent.com:sub trusts more repositories,"
              + " branches or environments than one. Name the repository and branch, as in"
              + " repo:my-org/my-repo:ref:refs/heads/main.");
  static final Check S3_PREFIX_IN_NEGATIVE_CONTEXT =
      CHECKS.aws(
          "S3_PREFIX_IN_NEGATIVE_CONTEXT",
          SECURITY_WARNING,
          "s3:prefix is used to exclude listings, which a shorter prefix bypasses.",
          "A Deny with a positive s3:prefix condition, or an Allow with a negated one, can be"
              + " bypassed by listing with a shorter prefix (or none) that still returns the"
              + " keys. Allow only the prefixes that may be listed instead.");
  static final Check DYNAMODB_ATTRIBUTES_WITHOUT_SELECT =
      CHECKS.aws(
          "DYNAMODB_ATTRIBUTES_WITHOUT_SELECT",
          SECURITY_WARNING,
          "dynamodb:Attributes is restricted without a dynamodb:Select condition.",
          "Without dynamodb:Select = SPECIFIC_ATTRIBUTES a request that asks for all attributes"
              + " (Select ALL_ATTRIBUTES, or no projection) reads whole items. Add"
              + " \"StringEqualsIfExists\": {\"dynamodb:Select\": \"SPECIFIC_ATTRIBUTES\"}.");
  static final Check MISSING_PAIRED_CONDITION_KEYS =
      CHECKS.aws(
          "MISSING_PAIRED_CONDITION_KEYS",
          SECURITY_WARNING,
          "aws:VpcSourceIp is used without aws:SourceVpc.",
          "Private IP ranges repeat across VPCs, so aws:VpcSourceIp alone matches requests"
              + " from any VPC with those addresses. Add aws:SourceVpc (or aws:SourceVpce) to the"
              + " same condition block.");
  static final Check UNTRUSTWORTHY_CONDITION_KEY =
      CHECKS.aws(
          "UNTRUSTWORTHY_CONDITION_KEY",
          SECURITY_WARNING,
          "A condition key that the caller sets freely is used for access control.",
          "aws:UserAgent and aws:Referer come from HTTP headers the caller chooses, so they do"
              + " not stop anyone. Use keys AWS sets, such as aws:SourceVpce, aws:SourceIp or"
              + " aws:PrincipalOrgID.");
  static final Check USE_CONDITION_KEY_ONLY_WITH_SUPPORTED_SERVICES =
      CHECKS.aws(
          "USE_CONDITION_KEY_ONLY_WITH_SUPPORTED_SERVICES",
          WARNING,
          "A VPC endpoint owner key is used for actions of services that do not set it.",
          "aws:VpceAccount, aws:VpceOrgID and aws:VpceOrgPaths are in the request only for the"
              + " services that support them (such as s3, sqs, kms and ecr). For other services"
              + " the key is missing, so the condition does not work as intended; use"
              + " aws:SourceVpce or aws:SourceVpc for them.");

  private static final Pattern VPC = Pattern.compile("vpc-(?:[A-Za-z0-9]{8}|[A-Za-z0-9]{17})");
  private static final Pattern VPCE = Pattern.compile("vpce-(?:[A-Za-z0-9]{8}|[A-Za-z0-9]{17})");
  private static final Set<String> UNTRUSTWORTHY = Set.of("aws:useragent", "aws:referer");
  private static final Set<String> VPCE_OWNER_KEYS =
      Set.of("aws:vpceaccount", "aws:vpceorgid", "aws:vpceorgpaths");

  /** Services that set the VPC endpoint owner keys, from AWS's data perimeter example SCP. */
  private static final Set<String> VPCE_OWNER_SERVICES =
      Set.of(
          "acm-pca",
          "applicationinsights",
          "apprunner",
          "athena",
          "b2bi",
          "cassandra",
          "cloudformation",
          "cognito-identity",
          "comprehendmedical",
          "compute-optimizer",
          "datasync",
          "discovery",
          "dms",
          "ds-data",
          "ebs",
          "ecr",
          "ecs",
          "firehose",
          "healthlake",
          "identitystore",
          "iotfleetwise",
          "iottwinmaker",
          "iotwireless",
          "kinesisanalytics",
          "kms",
          "lambda",
          "medical-imaging",
          "network-firewall",
          "omics",
          "payment-cryptography",
          "polly",
          "pricing",
          "rbin",
          "rekognition",
          "route53",
          "s3",
          "scheduler",
          "servicediscovery",
          "servicequotas",
          "ses",
          "sms-voice",
          "sqs",
          "ssm-contacts",
          "storagegateway",
          "textract",
          "transcribe",
          "transfer",
          "workmail");

  @Override
  public List<Check> checks() {
    return CHECKS.all();
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
        if (VPCE_OWNER_KEYS.contains(key)) {
          vpceOwner(context, statement, condition);
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

  /** Reports a VPC endpoint owner key in a statement whose actions are all of other services. */
  private static void vpceOwner(RuleContext context, Statement statement, Condition condition) {
    if (statement.actions().negated() || statement.actions().patterns().isEmpty()) {
      return;
    }
    SortedSet<String> services = new TreeSet<>();
    for (ActionPattern action : statement.actions().patterns()) {
      String service = action.service().toLowerCase(Locale.ROOT);
      if (action.isAll()
          || !action.isWellFormed()
          || service.indexOf('*') >= 0
          || service.indexOf('?') >= 0
          || VPCE_OWNER_SERVICES.contains(service)) {
        return;
      }
      services.add(service);
    }
    context.report(
        USE_CONDITION_KEY_ONLY_WITH_SUPPORTED_SERVICES,
        condition.location(),
        condition.key().name()
            + " is not set for "
            + String.join(", ", services)
            + ", so the condition does not work for these actions; use aws:SourceVpce or"
            + " aws:SourceVpc for them");
  }

  static boolean isGithubSubject(String normalizedKey) {
    return normalizedKey.startsWith("token.actions.githubusercontent.com")
        && normalizedKey.endsWith(":sub");
  }

  private static void ids(
      RuleContext context, Condition condition, Pattern pattern, Check check, String expected) {
    for (ConditionValue value : condition.values()) {
      if (!IamValues.isFixed(value)) {
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
