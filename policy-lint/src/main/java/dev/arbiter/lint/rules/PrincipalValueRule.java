package dev.arbiter.lint.rules;

import static dev.arbiter.lint.FindingType.ERROR;
import static dev.arbiter.lint.FindingType.WARNING;
import static dev.arbiter.policy.internal.OneLine.quote;

import dev.arbiter.lint.Check;
import dev.arbiter.policy.ActionPattern;
import dev.arbiter.policy.Principal;
import dev.arbiter.policy.PrincipalType;
import dev.arbiter.policy.Statement;
import dev.arbiter.policy.value.IamValues;
import java.util.List;

/** Checks of principal values and of policy variables outside Resource and Condition. */
final class PrincipalValueRule implements Rule {

  private static final CheckList CHECKS = new CheckList();

  static final Check UNSUPPORTED_WILDCARD_IN_PRINCIPAL =
      CHECKS.aws(
          "UNSUPPORTED_WILDCARD_IN_PRINCIPAL",
          ERROR,
          "An AWS principal value holds a wildcard.",
          "Principal values cannot use wildcards to match part of an ARN (such as"
              + " arn:aws:iam::111122223333:user/*); only \"*\" alone means everyone. Name the"
              + " principals, or use \"*\" with an aws:PrincipalArn condition.");
  static final Check INVALID_ROLE_REFERENCE =
      CHECKS.aws(
          "INVALID_ROLE_REFERENCE",
          WARNING,
          "A principal is given as a role's unique ID.",
          "A unique ID (AROA...) stops matching when the role is deleted and recreated. Use the"
              + " role's ARN.");
  static final Check INVALID_USER_REFERENCE =
      CHECKS.aws(
          "INVALID_USER_REFERENCE",
          WARNING,
          "A principal is given as a user's unique ID.",
          "A unique ID (AIDA...) stops matching when the user is deleted and recreated. Use the"
              + " user's ARN.");
  static final Check VARIABLE_UNSUPPORTED_IN_ELEMENT =
      CHECKS.aws(
          "VARIABLE_UNSUPPORTED_IN_ELEMENT",
          ERROR,
          "A policy variable is used outside Resource and Condition.",
          "Policy variables are replaced only in Resource, NotResource and condition values;"
              + " in Action or Principal ${...} is literal text that matches nothing.");

  @Override
  public List<Check> checks() {
    return CHECKS.all();
  }

  @Override
  public void check(RuleContext context) {
    boolean variables = context.policy().variablesEnabled();
    for (Statement statement : context.policy().statements()) {
      if (variables) {
        for (ActionPattern action : statement.actions().patterns()) {
          if (IamValues.hasVariableSyntax(action.text())) {
            context.report(
                VARIABLE_UNSUPPORTED_IN_ELEMENT,
                action.location(),
                "policy variables do not work in "
                    + statement.actions().elementName()
                    + "; "
                    + quote(action.text())
                    + " is compared literally");
          }
        }
      }
      if (statement.principals().isEmpty()) {
        continue;
      }
      String element = statement.principals().get().elementName();
      for (Principal principal : statement.principals().get().all()) {
        String value = principal.value();
        if (variables && IamValues.hasVariableSyntax(value)) {
          context.report(
              VARIABLE_UNSUPPORTED_IN_ELEMENT,
              principal.location(),
              "policy variables do not work in "
                  + element
                  + "; "
                  + quote(value)
                  + " is compared literally");
          continue;
        }
        if (principal.type() != PrincipalType.AWS) {
          continue;
        }
        if (!value.equals("*") && (value.indexOf('*') >= 0 || value.indexOf('?') >= 0)) {
          context.report(
              UNSUPPORTED_WILDCARD_IN_PRINCIPAL,
              principal.location(),
              "wildcards are not supported in principal values: "
                  + quote(value)
                  + "; name the principals, or use \"*\" with an aws:PrincipalArn condition");
        } else if (principal.kind() == Principal.Kind.UNIQUE_ID) {
          if (value.startsWith("AROA")) {
            context.report(
                INVALID_ROLE_REFERENCE,
                principal.location(),
                quote(value)
                    + " is a role's unique ID, which stops matching if the role is recreated;"
                    + " use the role ARN");
          } else if (value.startsWith("AIDA")) {
            context.report(
                INVALID_USER_REFERENCE,
                principal.location(),
                quote(value)
                    + " is a user's unique ID, which stops matching if the user is recreated;"
                    + " use the user ARN");
          }
        }
      }
    }
  }
}
