package dev.arbiter.lint.rules;

import static dev.arbiter.lint.FindingType.SECURITY_WARNING;
import static dev.arbiter.lint.FindingType.WARNING;

import dev.arbiter.eval.InvalidPolicyException;
import dev.arbiter.lint.Check;
import dev.arbiter.lint.PolicyResourceType;
import dev.arbiter.policy.Arn;
import dev.arbiter.policy.Condition;
import dev.arbiter.policy.ConditionValue;
import dev.arbiter.policy.Effect;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.Principal;
import dev.arbiter.policy.Principals;
import dev.arbiter.policy.ResourcePattern;
import dev.arbiter.policy.Statement;
import dev.arbiter.reason.CheckResult;
import dev.arbiter.reason.PublicResourceType;
import dev.arbiter.reason.Reason;
import dev.arbiter.reason.Reasoner;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who outside the policy's own account a resource or trust policy lets in, offline, in the manner
 * of IAM Access Analyzer's public and external access findings.
 *
 * <ul>
 *   <li>PUBLIC_ACCESS: the reasoner's {@code noPublicAccess} (docs/reasoning.md, "No public
 *       access") fails: the statement grants anonymous callers, principals of accounts the policy
 *       does not name, or anyone signed in with a public web identity provider, with the keys that
 *       restrict the caller unset or set to values the policy does not fix. The finding carries the
 *       reasoner's counterexample, confirmed on the evaluator. The resource type is the one given
 *       or inferred when Access Analyzer's public check knows it, else every action and resource.
 *       Only a statement whose principals could reach the public is asked about: an Allow with
 *       {@code "*"}, {@code {"AWS": "*"}}, a {@code NotPrincipal} or a public web identity
 *       provider; any other principal names accounts, services or providers, never the public.
 *   <li>EXTERNAL_ACCESS: an Allow that names accounts other than the policy's own (the account of
 *       the ARNs it names in Resource; when it names none, only statements naming two or more
 *       accounts, of which one at least is external, since the own account is not known) or an
 *       organization (aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:SourceOrgID,
 *       aws:SourceOrgPaths). The message names the accounts, organizations and AWS services the
 *       statement grants to.
 * </ul>
 */
final class PublicAndExternalAccessRule implements Rule {

  private static final CheckList CHECKS = new CheckList();

  static final Check PUBLIC_ACCESS =
      CHECKS.own(
          "PUBLIC_ACCESS",
          SECURITY_WARNING,
          "The statement grants access to the public.",
          "Anyone (anonymous callers, any AWS account, or anyone signed in with a public identity"
              + " provider) can make the example request. Name the principals, or add a condition"
              + " with a fixed value of aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceVpce,"
              + " aws:SourceIp or another key that restricts the caller. For a bucket policy in a"
              + " CloudFormation template or Terraform plan that turns on the bucket's (or, in a"
              + " plan, the account's) S3 Block Public Access, the message says what S3 does to"
              + " it: with RestrictPublicBuckets on, S3 lets only AWS services and the bucket"
              + " owner's account use the grant, and the finding is a WARNING where S3 certainly"
              + " counts the statement public (it allows one of S3's \"bad actions\" and no"
              + " statement tests aws:SourceIp); with"
              + " BlockPublicPolicy on, S3 refuses to store a public policy. A setting whose value"
              + " is not known offline counts as off.");
  static final Check EXTERNAL_ACCESS =
      CHECKS.own(
          "EXTERNAL_ACCESS",
          WARNING,
          "The statement grants access outside the policy's own account.",
          "Other accounts or a whole organization can use this resource. Check that each is"
              + " meant to; Access Analyzer reports such grants as external access findings.");

  /** The budget of one public-access check in the linter: a lint run must stay fast. */
  private static final Reasoner REASONER =
      Reasoner.create().withBudget(Duration.ofSeconds(2), 20_000);

  private static final Set<String> ORGANIZATION_KEYS =
      Set.of(
          "aws:principalorgid", "aws:principalorgpaths", "aws:sourceorgid", "aws:sourceorgpaths");

  private static final Set<String> ACCOUNT_KEYS =
      Set.of("aws:principalaccount", "aws:sourceaccount", "aws:sourceowner", "kms:calleraccount");

  private static final List<String> PUBLIC_PROVIDERS =
      List.of(
          "accounts.google.com",
          "graph.facebook.com",
          "www.amazon.com",
          "cognito-identity.amazonaws.com");

  @Override
  public List<Check> checks() {
    return CHECKS.all();
  }

  @Override
  public void check(RuleContext context) {
    PolicyType type = context.type();
    if (type != PolicyType.RESOURCE && type != PolicyType.TRUST) {
      return;
    }
    Policy policy = context.policy();
    Set<Integer> publicStatements = new HashSet<>();
    if (mayReachThePublic(policy)) {
      for (Reason reason : publicReasons(context)) {
        publicStatements.add(reason.statementIndex());
        Statement statement = policy.statements().get(reason.statementIndex());
        context.report(PUBLIC_ACCESS, statement.location(), reason.description());
      }
    }
    Optional<String> own = ownAccount(policy);
    List<Statement> statements = policy.statements();
    for (int i = 0; i < statements.size(); i++) {
      Statement statement = statements.get(i);
      if (statement.effect() == Effect.ALLOW && !publicStatements.contains(i)) {
        external(context, statement, own);
      }
    }
  }

  /**
   * Whether an Allow statement's principals could include the public: {@code "*"}, a NotPrincipal
   * or a public web identity provider. Every other principal value names accounts, roles, users,
   * services or providers, none of them the public, so this filter never hides a public grant.
   */
  private static boolean mayReachThePublic(Policy policy) {
    for (Statement statement : policy.statements()) {
      if (statement.effect() != Effect.ALLOW || statement.principals().isEmpty()) {
        continue;
      }
      Principals principals = statement.principals().get();
      if (principals.negated() || principals.wildcard()) {
        return true;
      }
      for (Principal principal : principals.all()) {
        if (principal.kind() == Principal.Kind.EVERYONE
            || PUBLIC_PROVIDERS.contains(principal.value())) {
          return true;
        }
      }
    }
    return false;
  }

  private static List<Reason> publicReasons(RuleContext context) {
    Optional<PublicResourceType> known =
        context.type() == PolicyType.TRUST
            ? Optional.of(PublicResourceType.IAM_ASSUME_ROLE_POLICY_DOCUMENT)
            : context
                .resourceType()
                .map(PolicyResourceType::awsName)
                .flatMap(PublicResourceType::fromAwsName);
    CheckResult result;
    try {
      result =
          known.isPresent()
              ? REASONER.noPublicAccess(context.policy(), known.get())
              : REASONER.noPublicAccess(context.policy(), context.type());
    } catch (InvalidPolicyException e) {
      return List.of(); // the policy's own errors are reported by the other rules
    }
    return result instanceof CheckResult.Fail fail ? fail.reasons() : List.of();
  }

  /** The account of the ARNs the policy names in Resource, if they name exactly one. */
  private static Optional<String> ownAccount(Policy policy) {
    Set<String> accounts = new TreeSet<>();
    for (Statement statement : policy.statements()) {
      if (statement.resources().isEmpty() || statement.resources().get().negated()) {
        continue;
      }
      for (ResourcePattern pattern : statement.resources().get().patterns()) {
        pattern
            .arn()
            .map(Arn::account)
            .filter(PublicAndExternalAccessRule::isAccount)
            .ifPresent(accounts::add);
      }
    }
    return accounts.size() == 1 ? Optional.of(accounts.iterator().next()) : Optional.empty();
  }

  private static boolean isAccount(String text) {
    return text.length() == 12 && text.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static void external(RuleContext context, Statement statement, Optional<String> own) {
    Set<String> accounts = new TreeSet<>();
    Set<String> services = new TreeSet<>();
    if (statement.principals().isPresent() && !statement.principals().get().negated()) {
      for (Principal principal : statement.principals().get().all()) {
        principal
            .accountId()
            .filter(PublicAndExternalAccessRule::isAccount)
            .ifPresent(accounts::add);
        if (principal.kind() == Principal.Kind.SERVICE) {
          services.add(principal.value());
        }
      }
    }
    Set<String> organizations = new TreeSet<>();
    for (Condition condition : statement.conditions()) {
      String key = condition.key().normalized();
      if (condition.operator().base().negated()) {
        continue;
      }
      for (ConditionValue value : condition.values()) {
        if (ORGANIZATION_KEYS.contains(key)) {
          organizations.add(value.text());
        } else if (ACCOUNT_KEYS.contains(key) && isAccount(value.text())) {
          accounts.add(value.text());
        }
      }
    }
    String whose;
    if (own.isPresent()) {
      accounts.remove(own.get());
      whose = "outside its own account " + own.get();
    } else {
      if (accounts.size() < 2) {
        accounts.clear();
      }
      whose =
          "outside its own account (not known: the policy names no resource ARN with an account,"
              + " so only a statement naming several accounts is reported)";
    }
    if (accounts.isEmpty() && organizations.isEmpty()) {
      return;
    }
    StringBuilder message = new StringBuilder("The statement grants access ").append(whose);
    if (!accounts.isEmpty()) {
      message.append(accounts.size() == 1 ? ", to the account " : ", to the accounts ");
      message.append(String.join(", ", accounts));
    }
    if (!organizations.isEmpty()) {
      message.append(
          organizations.size() == 1 ? ", to the organization " : ", to the organizations ");
      message.append(String.join(", ", organizations));
    }
    if (!services.isEmpty()) {
      message.append(", and to the AWS services ").append(String.join(", ", services));
    }
    context.report(EXTERNAL_ACCESS, statement.location(), message.append('.').toString());
  }
}
