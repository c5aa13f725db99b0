package dev.arbiter.lint.rules;

import static dev.arbiter.lint.FindingType.ERROR;
import static dev.arbiter.policy.internal.OneLine.quote;

import dev.arbiter.lint.Check;
import dev.arbiter.policy.ActionPattern;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.Statement;
import java.util.List;

/** Syntax rules of service control policies that need no catalog. */
final class ScpActionWildcardRule implements Rule {

  private static final CheckList CHECKS = new CheckList();

  static final Check SCP_SYNTAX_ERROR_ACTION_WILDCARD =
      CHECKS.aws(
          "SCP_SYNTAX_ERROR_ACTION_WILDCARD",
          ERROR,
          "An SCP action has a wildcard that is not at the end.",
          "In service control policies a * may appear only at the end of an action, as in"
              + " iam:Get*; iam:*Role is not accepted. List the actions instead.");

  @Override
  public List<Check> checks() {
    return CHECKS.all();
  }

  @Override
  public void check(RuleContext context) {
    if (context.type() != PolicyType.SCP) {
      return;
    }
    for (Statement statement : context.policy().statements()) {
      for (ActionPattern action : statement.actions().patterns()) {
        String text = action.text();
        int star = text.indexOf('*');
        if (star >= 0 && star != text.length() - 1) {
          context.report(
              SCP_SYNTAX_ERROR_ACTION_WILDCARD,
              action.location(),
              "SCP actions may have a * only at the end; "
                  + quote(text)
                  + " has one elsewhere. List the actions it was meant to match");
        }
      }
    }
  }
}
