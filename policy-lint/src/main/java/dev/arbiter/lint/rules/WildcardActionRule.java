package dev.arbiter.lint.rules;

import static dev.arbiter.lint.FindingType.SECURITY_WARNING;
import static dev.arbiter.lint.FindingType.WARNING;
import static dev.arbiter.policy.internal.OneLine.quote;

import dev.arbiter.lint.Check;
import dev.arbiter.policy.ActionPattern;
import dev.arbiter.policy.Effect;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.Statement;
import java.util.List;

/**
 * Arbiter's checks for statements that grant every action, or every action of a service, without
 * any condition. Only policies that grant are checked (identity-based and resource-based): in SCPs,
 * RCPs, permissions boundaries and session policies an Allow of everything sets no limit and grants
 * nothing. Deny statements and statements with a Condition are not reported.
 */
final class WildcardActionRule implements Rule {

  private static final CheckList CHECKS = new CheckList();

  static final Check ALLOW_ALL_ACTIONS =
      CHECKS.own(
          "ALLOW_ALL_ACTIONS",
          SECURITY_WARNING,
          "A statement allows every action (\"Action\": \"*\") without conditions.",
          "\"Action\": \"*\" grants every action of every AWS service, including ones added"
              + " later; on \"Resource\": \"*\" it is full administrator access. List the"
              + " actions that are needed.");
  static final Check ALLOW_SERVICE_WILDCARD =
      CHECKS.own(
          "ALLOW_SERVICE_WILDCARD",
          WARNING,
          "A statement allows every action of a service (such as s3:*) without conditions.",
          "service:* grants every action of the service, including permission management and"
              + " actions added later. List the actions that are needed.");

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
      if (statement.effect() != Effect.ALLOW
          || statement.actions().negated()
          || statement.condition().isPresent()) {
        continue;
      }
      for (ActionPattern action : statement.actions().patterns()) {
        if (action.isAll() || action.text().equals("*:*")) {
          context.report(
              ALLOW_ALL_ACTIONS,
              action.location(),
              "\"Action\": "
                  + quote(action.text())
                  + " allows every action of every service"
                  + (allResources(statement) ? " on every resource (full access)" : "")
                  + "; list the actions that are needed");
        } else if (type == PolicyType.IDENTITY
            && action.name().equals("*")
            && action.service().indexOf('*') < 0
            && action.service().indexOf('?') < 0) {
          context.report(
              ALLOW_SERVICE_WILDCARD,
              action.location(),
              quote(action.text())
                  + " allows every action of "
                  + action.service()
                  + ", including ones added later; list the actions that are needed");
        }
      }
    }
  }

  private static boolean allResources(Statement statement) {
    return statement
        .resources()
        .map(r -> !r.negated() && r.patterns().stream().anyMatch(p -> p.isAll()))
        .orElse(false);
  }
}
