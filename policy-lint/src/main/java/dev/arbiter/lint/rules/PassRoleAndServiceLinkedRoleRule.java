package dev.arbiter.lint.rules;

import static dev.arbiter.lint.FindingType.SECURITY_WARNING;
import static dev.arbiter.lint.FindingType.WARNING;

import dev.arbiter.lint.Check;
import dev.arbiter.policy.ActionPattern;
import dev.arbiter.policy.Arn;
import dev.arbiter.policy.Condition;
import dev.arbiter.policy.Effect;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.ResourcePattern;
import dev.arbiter.policy.Resources;
import dev.arbiter.policy.SourceLocation;
import dev.arbiter.policy.Statement;
import dev.arbiter.policy.value.Glob;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Access Analyzer's checks of statements that allow iam:PassRole or iam:CreateServiceLinkedRole on
 * every role: named explicitly, through a wildcard action (such as {@code iam:*} or {@code *}) or
 * through NotAction, with {@code "Resource": "*"} (or a pattern for every role) or with
 * NotResource. Wildcards are matched as IAM matches them, so {@code iam:Pass*} counts, and need no
 * catalog.
 *
 * <p>A condition on a key that narrows which roles or services are involved (iam:PassedToService,
 * iam:AssociatedResourceArn, iam:AWSServiceName, the role's tags) makes the statement constrained,
 * and it is not reported. Deny statements and policy types that grant nothing (SCPs, RCPs,
 * boundaries, session policies) are not checked.
 */
final class PassRoleAndServiceLinkedRoleRule implements Rule {

  private static final CheckList CHECKS = new CheckList();

  static final Check PASS_ROLE_WITH_NOT_RESOURCE =
      passRole(
          "PASS_ROLE_WITH_NOT_RESOURCE",
          "iam:PassRole is allowed with NotResource.",
          "Allow with NotResource lets the principal pass every role not listed to any service,"
              + " including roles with more permissions than its own.");
  static final Check PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE =
      passRole(
          "PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE",
          "A wildcard action that includes iam:PassRole is allowed with NotResource.",
          "The wildcard action includes iam:PassRole, and NotResource lets the principal pass"
              + " every role not listed to any service.");
  static final Check PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE =
      passRole(
          "PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE",
          "NotAction and NotResource together allow iam:PassRole.",
          "NotAction allows every action not listed, iam:PassRole included, and NotResource"
              + " every role not listed, so the principal can pass almost any role to any service.");
  static final Check PASS_ROLE_WITH_STAR_IN_RESOURCE =
      passRole(
          "PASS_ROLE_WITH_STAR_IN_RESOURCE",
          "iam:PassRole is allowed on every role.",
          "With \"Resource\": \"*\" the principal can pass any role, including roles with more"
              + " permissions than its own, to a service it controls.");
  static final Check PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE =
      passRole(
          "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE",
          "A wildcard action that includes iam:PassRole is allowed on every role.",
          "The wildcard action includes iam:PassRole and \"Resource\": \"*\" covers every role,"
              + " so the principal can pass any role to a service it controls.");
  static final Check PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION =
      passRole(
          "PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION",
          "NotAction with \"Resource\": \"*\" allows iam:PassRole on every role.",
          "NotAction allows every action not listed, iam:PassRole included, and"
              + " \"Resource\": \"*\" covers every role.");
  static final Check CREATE_SLR_WITH_NOT_RESOURCE =
      createSlr(
          "CREATE_SLR_WITH_NOT_RESOURCE",
          "iam:CreateServiceLinkedRole is allowed with NotResource.",
          "Allow with NotResource lets the principal create service-linked roles for almost any"
              + " service.");
  static final Check CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE =
      createSlr(
          "CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE",
          "A wildcard action that includes iam:CreateServiceLinkedRole is allowed with"
              + " NotResource.",
          "The wildcard action includes iam:CreateServiceLinkedRole, and NotResource lets the"
              + " principal create service-linked roles for almost any service.");
  static final Check CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE =
      createSlr(
          "CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE",
          "NotAction and NotResource together allow iam:CreateServiceLinkedRole.",
          "NotAction allows every action not listed, iam:CreateServiceLinkedRole included, and"
              + " NotResource almost every role.");
  static final Check CREATE_SLR_WITH_STAR_IN_RESOURCE =
      createSlr(
          "CREATE_SLR_WITH_STAR_IN_RESOURCE",
          "iam:CreateServiceLinkedRole is allowed on every role.",
          "With \"Resource\": \"*\" the principal can create the service-linked role of any"
              + " service.");
  static final Check CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE =
      createSlr(
          "CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE",
          "A wildcard action that includes iam:CreateServiceLinkedRole is allowed on every role.",
          "The wildcard action includes iam:CreateServiceLinkedRole and \"Resource\": \"*\""
              + " covers every role, so the principal can create the service-linked role of any"
              + " service.");
  static final Check CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION =
      createSlr(
          "CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION",
          "NotAction with \"Resource\": \"*\" allows iam:CreateServiceLinkedRole on every role.",
          "NotAction allows every action not listed, iam:CreateServiceLinkedRole included, and"
              + " \"Resource\": \"*\" covers every role.");

  /** One of the two actions, with its six checks and the keys that constrain it. */
  private record Target(
      String action,
      Set<String> narrowingKeys,
      String fix,
      Check notResource,
      Check starActionNotResource,
      Check notActionNotResource,
      Check starResource,
      Check starActionStarResource,
      Check notActionStarResource) {}

  private static final List<Target> TARGETS =
      List.of(
          new Target(
              "iam:PassRole",
              Set.of("iam:passedtoservice", "iam:associatedresourcearn"),
              "name the roles in Resource, or add an iam:PassedToService condition",
              PASS_ROLE_WITH_NOT_RESOURCE,
              PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE,
              PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE,
              PASS_ROLE_WITH_STAR_IN_RESOURCE,
              PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE,
              PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION),
          new Target(
              "iam:CreateServiceLinkedRole",
              Set.of("iam:awsservicename"),
              "name the service-linked roles in Resource, or add an iam:AWSServiceName condition",
              CREATE_SLR_WITH_NOT_RESOURCE,
              CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE,
              CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE,
              CREATE_SLR_WITH_STAR_IN_RESOURCE,
              CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE,
              CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION));

  private static Check passRole(String code, String summary, String why) {
    return CHECKS.aws(
        code,
        SECURITY_WARNING,
        summary,
        why
            + " Name the roles that may be passed in Resource, or restrict the statement with an"
            + " iam:PassedToService condition.");
  }

  private static Check createSlr(String code, String summary, String why) {
    return CHECKS.aws(
        code,
        WARNING,
        summary,
        why
            + " Name the service-linked roles in Resource, or restrict the statement with an"
            + " iam:AWSServiceName condition.");
  }

  @Override
  public List<Check> checks() {
    return CHECKS.all();
  }

  @Override
  public void check(RuleContext context) {
    PolicyType type = context.type();
    if (type != PolicyType.IDENTITY && type != PolicyType.RESOURCE) {
      return;
    }
    for (Statement statement : context.policy().statements()) {
      if (statement.effect() != Effect.ALLOW || statement.resources().isEmpty()) {
        continue;
      }
      for (Target target : TARGETS) {
        check(context, statement, target);
      }
    }
  }

  private static void check(RuleContext context, Statement statement, Target target) {
    Resources resources = statement.resources().get();
    boolean notResource = resources.negated();
    if (notResource) {
      // NotResource that excludes every role leaves no role to pass.
      if (resources.patterns().stream().anyMatch(PassRoleAndServiceLinkedRoleRule::everyRole)) {
        return;
      }
    } else if (resources.patterns().stream()
        .noneMatch(PassRoleAndServiceLinkedRoleRule::everyRole)) {
      return;
    }
    if (narrowed(statement, target)) {
      return;
    }
    boolean notAction = statement.actions().negated();
    SourceLocation where = null;
    boolean explicit = false;
    if (notAction) {
      for (ActionPattern pattern : statement.actions().patterns()) {
        if (Glob.of(pattern.text().toLowerCase(Locale.ROOT))
            .matches(target.action().toLowerCase(Locale.ROOT))) {
          return; // NotAction excludes it
        }
      }
      where = statement.actions().location();
    } else {
      for (ActionPattern pattern : statement.actions().patterns()) {
        if (Glob.of(pattern.text().toLowerCase(Locale.ROOT))
            .matches(target.action().toLowerCase(Locale.ROOT))) {
          boolean wildcard = pattern.hasWildcard();
          if (where == null || (!wildcard && !explicit)) {
            where = pattern.location();
            explicit = !wildcard;
          }
        }
      }
      if (where == null) {
        return;
      }
    }
    Check check;
    String how;
    if (notAction) {
      check = notResource ? target.notActionNotResource() : target.notActionStarResource();
      how = "NotAction includes " + target.action();
    } else if (explicit) {
      check = notResource ? target.notResource() : target.starResource();
      how = target.action() + " is allowed";
    } else {
      check = notResource ? target.starActionNotResource() : target.starActionStarResource();
      how = "the wildcard action includes " + target.action();
    }
    context.report(
        check,
        where,
        how
            + (notResource
                ? " with NotResource, which covers almost every role"
                : " on every role (\"Resource\": \"*\")")
            + "; "
            + target.fix());
  }

  /**
   * Whether a Resource entry covers every role: {@code *}, or an IAM ARN pattern whose resource
   * part is {@code *} or {@code role/*} in any account.
   */
  static boolean everyRole(ResourcePattern pattern) {
    if (pattern.isAll()) {
      return true;
    }
    Optional<Arn> arn = pattern.arn();
    if (arn.isEmpty() || !Glob.of(arn.get().service()).matches("iam")) {
      return false;
    }
    String resource = arn.get().resource();
    return resource.equals("*") || resource.equals("role/*") || resource.equals("role*");
  }

  private static boolean narrowed(Statement statement, Target target) {
    for (Condition condition : statement.conditions()) {
      String key = condition.key().normalized();
      if (target.narrowingKeys().contains(key)
          || key.startsWith("aws:resourcetag/")
          || key.startsWith("iam:resourcetag/")) {
        return true;
      }
    }
    return false;
  }
}
