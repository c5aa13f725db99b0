package dev.arbiter.lint.rules;

import static dev.arbiter.lint.FindingType.ERROR;
import static dev.arbiter.lint.FindingType.SECURITY_WARNING;
import static dev.arbiter.lint.FindingType.SUGGESTION;
import static dev.arbiter.policy.internal.OneLine.quote;

import dev.arbiter.lint.Check;
import dev.arbiter.policy.ActionPattern;
import dev.arbiter.policy.BaseOperator;
import dev.arbiter.policy.Condition;
import dev.arbiter.policy.ConditionValue;
import dev.arbiter.policy.Effect;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.Principal;
import dev.arbiter.policy.Principals;
import dev.arbiter.policy.Statement;
import dev.arbiter.policy.value.IamValues;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks of statements that grant to AWS service principals ({@code "Principal": {"Service":
 * "logs.amazonaws.com"}}) and of condition values that name service principals.
 *
 * <p>Only statements whose principals are all service principals are judged: with other principals
 * in the same statement, a condition key can apply to those. The data is what AWS documents; Access
 * Analyzer's own lists are not public, so the checks use the documented examples and facts only:
 *
 * <ul>
 *   <li>RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL: an Allow in a resource-based policy (not a role trust
 *       policy, where services such as EC2 assume roles without a source, nor a trust statement
 *       checked as a resource policy) with none of the confused-deputy keys aws:SourceArn,
 *       aws:SourceAccount, aws:SourceOrgID, aws:SourceOrgPaths, nor the older aws:SourceOwner, nor
 *       a KMS encryption-context key (the way KMS key policies bind a service to a resource, as the
 *       CloudWatch Logs and other KMS guides show).
 *   <li>RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL: such an Allow restricted by aws:Referer,
 *       the documented example of a key to replace with the aws:Source* keys.
 *   <li>UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL: aws:PrincipalOrgID (AWS's example, with
 *       cloudfront.amazonaws.com), aws:PrincipalOrgPaths and aws:PrincipalTag/*, which the global
 *       condition keys page makes available only for principals that belong to an organization or
 *       carry tags, which a service principal never does.
 *   <li>INVALID_SERVICE_PRINCIPAL_FORMAT: a literal value of a key that holds service principals or
 *       service endpoint names (aws:PrincipalServiceName, aws:PrincipalServiceNamesList,
 *       iam:PassedToService, iam:AWSServiceName, kms:ViaService) that is not a host name in an AWS
 *       service domain, such as {@code ec2} for {@code ec2.amazonaws.com}.
 * </ul>
 */
final class ServicePrincipalRule implements Rule {

  private static final CheckList CHECKS = new CheckList();

  static final Check RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL =
      CHECKS.aws(
          "RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL",
          SECURITY_WARNING,
          "A service principal is granted access without a condition on the source of the request.",
          "A service acting for any customer can then use this access for another account's"
              + " resource (the confused deputy problem). Add aws:SourceArn, aws:SourceAccount,"
              + " aws:SourceOrgID or aws:SourceOrgPaths to say for which resource, account or"
              + " organization the service may act.");
  static final Check RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL =
      CHECKS.aws(
          "RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL",
          SUGGESTION,
          "A service principal is restricted with aws:Referer instead of the aws:Source* keys.",
          "A service that acts for you sets aws:SourceArn and aws:SourceAccount (and"
              + " aws:SourceOrgID, aws:SourceOrgPaths) to the resource it acts for; restrict the"
              + " service principal with those instead of aws:Referer, an HTTP header.");
  static final Check UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL =
      CHECKS.aws(
          "UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL",
          ERROR,
          "A condition key that a service principal's requests never carry is used for it.",
          "aws:PrincipalOrgID, aws:PrincipalOrgPaths and aws:PrincipalTag describe IAM principals"
              + " in an organization or with tags; requests of a service principal do not have"
              + " them, so the condition does not work as intended. Use aws:SourceOrgID,"
              + " aws:SourceOrgPaths, aws:SourceAccount or aws:SourceArn.");
  static final Check INVALID_SERVICE_PRINCIPAL_FORMAT =
      CHECKS.aws(
          "INVALID_SERVICE_PRINCIPAL_FORMAT",
          ERROR,
          "A condition value that should name a service principal does not have its form.",
          "Service principals are host names such as ec2.amazonaws.com (ec2.amazonaws.com.cn in"
              + " China); kms:ViaService takes service endpoints such as"
              + " ec2.us-east-1.amazonaws.com. A value of another form never matches.");

  /** The keys a service sets for the resource, account or organization it acts for. */
  private static final Set<String> SOURCE_KEYS =
      Set.of(
          "aws:sourcearn",
          "aws:sourceaccount",
          "aws:sourceorgid",
          "aws:sourceorgpaths",
          "aws:sourceowner");

  /** Keys whose values are service principals or service endpoint names. */
  private static final Set<String> SERVICE_NAME_KEYS =
      Set.of(
          "aws:principalservicename",
          "aws:principalservicenameslist",
          "iam:passedtoservice",
          "iam:awsservicename",
          "kms:viaservice");

  /** A host name in one of the domains AWS service principals and endpoints use. */
  private static final Pattern SERVICE_NAME =
      Pattern.compile(
          "[a-z0-9][a-z0-9.-]*\\.(?:amazonaws\\.com|amazonaws\\.com\\.cn|amazon\\.com"
              + "|c2s\\.ic\\.gov|sc2s\\.sgov\\.gov)");

  @Override
  public List<Check> checks() {
    return CHECKS.all();
  }

  @Override
  public void check(RuleContext context) {
    for (Statement statement : context.policy().statements()) {
      for (Condition condition : statement.conditions()) {
        if (SERVICE_NAME_KEYS.contains(condition.key().normalized())) {
          serviceNames(context, condition);
        }
      }
      Optional<List<Principal>> services = onlyServices(statement);
      if (services.isEmpty()) {
        continue;
      }
      String names =
          services.get().stream().map(Principal::value).collect(Collectors.joining(", "));
      for (Condition condition : statement.conditions()) {
        String key = condition.key().normalized();
        if (key.equals("aws:principalorgid")
            || key.equals("aws:principalorgpaths")
            || key.startsWith("aws:principaltag/")) {
          context.report(
              UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL,
              condition.location(),
              condition.key().name()
                  + " is never in the requests of the service principal "
                  + names
                  + "; use aws:SourceOrgID, aws:SourceOrgPaths, aws:SourceAccount or"
                  + " aws:SourceArn");
        }
      }
      if (context.type() != PolicyType.RESOURCE
          || statement.effect() != Effect.ALLOW
          || assumesRole(statement)) {
        continue;
      }
      boolean source = false;
      Optional<Condition> referer = Optional.empty();
      for (Condition condition : statement.conditions()) {
        String key = condition.key().normalized();
        source |= SOURCE_KEYS.contains(key) || key.contains(":encryptioncontext:");
        if (key.equals("aws:referer")) {
          referer = Optional.of(condition);
        }
      }
      if (source) {
        continue;
      }
      if (referer.isPresent()) {
        context.report(
            RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL,
            referer.get().location(),
            "restrict the service principal "
                + names
                + " with aws:SourceArn or aws:SourceAccount, which the service sets to the"
                + " resource it acts for, instead of aws:Referer");
      } else {
        Principals principals = statement.principals().orElseThrow();
        context.report(
            RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL,
            principals.location(),
            "the service principal "
                + names
                + " is granted access without aws:SourceArn, aws:SourceAccount, aws:SourceOrgID"
                + " or aws:SourceOrgPaths, so it may act on this resource for any account; add"
                + " one of them");
      }
    }
  }

  /**
   * Whether the statement only lets the principals assume a role (sts:AssumeRole*, sts:TagSession,
   * sts:SetSourceIdentity): a role trust statement checked as a resource policy.
   */
  private static boolean assumesRole(Statement statement) {
    if (statement.actions().negated() || statement.actions().patterns().isEmpty()) {
      return false;
    }
    for (ActionPattern action : statement.actions().patterns()) {
      String text = action.text().toLowerCase(Locale.ROOT);
      if (!text.startsWith("sts:assumerole")
          && !text.equals("sts:tagsession")
          && !text.equals("sts:setsourceidentity")) {
        return false;
      }
    }
    return true;
  }

  /** The statement's principals if it has some and all are service principals. */
  private static Optional<List<Principal>> onlyServices(Statement statement) {
    if (statement.principals().isEmpty()) {
      return Optional.empty();
    }
    Principals principals = statement.principals().get();
    List<Principal> all = principals.all();
    if (principals.negated()
        || principals.wildcard()
        || all.isEmpty()
        || !all.stream().allMatch(p -> p.kind() == Principal.Kind.SERVICE)) {
      return Optional.empty();
    }
    return Optional.of(all);
  }

  private static void serviceNames(RuleContext context, Condition condition) {
    if (!condition.operator().isKnown()
        || condition.operator().base().family() != BaseOperator.Family.STRING) {
      return;
    }
    for (ConditionValue value : condition.values()) {
      String text = value.text();
      if (text.isEmpty()
          || !IamValues.isFixed(value)
          || SERVICE_NAME.matcher(text.toLowerCase(Locale.ROOT)).matches()) {
        continue;
      }
      context.report(
          INVALID_SERVICE_PRINCIPAL_FORMAT,
          value.location(),
          quote(text)
              + " is not a service principal of the form service.amazonaws.com"
              + (condition.key().normalized().equals("kms:viaservice")
                  ? " (kms:ViaService takes endpoints such as ec2.us-east-1.amazonaws.com)"
                  : "")
              + ", so "
              + condition.key().name()
              + " never matches it");
    }
  }
}
