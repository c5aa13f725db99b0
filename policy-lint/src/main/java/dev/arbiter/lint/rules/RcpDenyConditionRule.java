package dev.arbiter.lint.rules;

import static dev.arbiter.lint.FindingType.WARNING;

import dev.arbiter.lint.Check;
import dev.arbiter.policy.BaseOperator;
import dev.arbiter.policy.Condition;
import dev.arbiter.policy.ConditionValue;
import dev.arbiter.policy.Effect;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.SetQualifier;
import dev.arbiter.policy.Statement;
import dev.arbiter.policy.value.IamValues;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks of resource control policy Deny statements keyed on who calls or for whom a service acts,
 * following AWS's data perimeter examples for RCPs. The principal keys are the identity perimeter's
 * organization and account keys; aws:PrincipalArn is left out, because whether service principals'
 * requests carry it is not documented. A Deny keyed on a principal key with a negated or IfExists
 * operator also denies AWS services acting with their service principals, whose requests lack those
 * keys, unless {@code "BoolIfExists": {"aws:PrincipalIsAWSService": "false"}} exempts them. A Deny
 * keyed on a source key (aws:SourceAccount, aws:SourceArn, aws:SourceOrgID, aws:SourceOrgPaths) the
 * same way must apply only to service principals ({@code "Bool": {"aws:PrincipalIsAWSService":
 * "true"}}) and only when the service sent a source ({@code "Null": {"aws:SourceAccount":
 * "false"}}), because not every service call carries one.
 *
 * <p>A positive operator on those keys is false when the key is absent, so such a Deny never
 * catches requests without the key and is not reported.
 */
final class RcpDenyConditionRule implements Rule {

  private static final CheckList CHECKS = new CheckList();

  static final Check RCP_MISSING_RELATED_PRINCIPAL_CONDITION_KEY =
      CHECKS.aws(
          "RCP_MISSING_RELATED_PRINCIPAL_CONDITION_KEY",
          WARNING,
          "An RCP Deny on a principal key also denies AWS services.",
          "Requests that AWS services make with their service principals have no"
              + " aws:PrincipalOrgID, aws:PrincipalOrgPaths or aws:PrincipalAccount, so a Deny that applies when those do not match also applies to"
              + " the services. Add \"BoolIfExists\": {\"aws:PrincipalIsAWSService\": \"false\"}.");
  static final Check RCP_MISSING_RELATED_SERVICE_PRINCIPAL_CONDITION_KEY =
      CHECKS.aws(
          "RCP_MISSING_RELATED_SERVICE_PRINCIPAL_CONDITION_KEY",
          WARNING,
          "An RCP Deny on a source key is not limited to AWS services.",
          "aws:SourceAccount, aws:SourceArn, aws:SourceOrgID and aws:SourceOrgPaths are set only"
              + " when a service acts for a resource, so a Deny that applies when they do not"
              + " match also denies your own principals. Add \"Bool\":"
              + " {\"aws:PrincipalIsAWSService\": \"true\"}.");
  static final Check RCP_MISSING_SERVICE_CONDITION_KEY_NULL_CHECK =
      CHECKS.aws(
          "RCP_MISSING_SERVICE_CONDITION_KEY_NULL_CHECK",
          WARNING,
          "An RCP Deny on a source key lacks a Null check of the key.",
          "Not every call of a service principal carries aws:SourceAccount or aws:SourceArn, so"
              + " a Deny that applies when they do not match also denies those calls. Add"
              + " \"Null\": {\"aws:SourceAccount\": \"false\"} so that the Deny applies only when"
              + " the service sent a source.");

  private static final Set<String> PRINCIPAL_KEYS =
      Set.of("aws:principalorgid", "aws:principalorgpaths", "aws:principalaccount");
  private static final Set<String> SOURCE_KEYS =
      Set.of("aws:sourceaccount", "aws:sourcearn", "aws:sourceorgid", "aws:sourceorgpaths");

  @Override
  public List<Check> checks() {
    return CHECKS.all();
  }

  @Override
  public void check(RuleContext context) {
    if (context.type() != PolicyType.RCP) {
      return;
    }
    for (Statement statement : context.policy().statements()) {
      if (statement.effect() != Effect.DENY) {
        continue;
      }
      Optional<Boolean> isService = principalIsAwsService(statement);
      boolean nullCheck = false;
      for (Condition condition : statement.conditions()) {
        if (condition.operator().base() == BaseOperator.NULL
            && SOURCE_KEYS.contains(condition.key().normalized())
            && condition.values().stream().allMatch(v -> isFalse(v.text()))) {
          nullCheck = true;
        }
      }
      boolean principalReported = false;
      boolean sourceReported = false;
      for (Condition condition : statement.conditions()) {
        String key = condition.key().normalized();
        if (!catchesMissingKey(condition)) {
          continue;
        }
        if (PRINCIPAL_KEYS.contains(key)
            && !isService.equals(Optional.of(false))
            && !principalReported) {
          principalReported = true;
          context.report(
              RCP_MISSING_RELATED_PRINCIPAL_CONDITION_KEY,
              condition.location(),
              condition.key().name()
                  + " is absent from requests of AWS service principals, so this Deny also"
                  + " denies them; add \"BoolIfExists\": {\"aws:PrincipalIsAWSService\":"
                  + " \"false\"}");
        }
        if (SOURCE_KEYS.contains(key) && !sourceReported) {
          sourceReported = true;
          if (!isService.equals(Optional.of(true))) {
            context.report(
                RCP_MISSING_RELATED_SERVICE_PRINCIPAL_CONDITION_KEY,
                condition.location(),
                condition.key().name()
                    + " is set only when a service acts for a resource, so this Deny also denies"
                    + " your own principals; add \"Bool\": {\"aws:PrincipalIsAWSService\":"
                    + " \"true\"}");
          }
          if (!nullCheck) {
            context.report(
                RCP_MISSING_SERVICE_CONDITION_KEY_NULL_CHECK,
                condition.location(),
                "not every service call carries "
                    + condition.key().name()
                    + ", so this Deny also denies those calls; add \"Null\":"
                    + " {\"aws:SourceAccount\": \"false\"}");
          }
        }
      }
    }
  }

  /**
   * Whether the condition is true when its key is absent: a negated operator or IfExists, without
   * ForAnyValue (false for an absent key, §6.7.2).
   */
  private static boolean catchesMissingKey(Condition condition) {
    if (!condition.operator().isKnown() || condition.operator().base() == BaseOperator.NULL) {
      return false;
    }
    if (condition.operator().qualifier() == SetQualifier.FOR_ANY_VALUE) {
      return false;
    }
    return condition.operator().base().negated()
        || condition.operator().ifExists()
        || condition.operator().qualifier() == SetQualifier.FOR_ALL_VALUES;
  }

  /** Whether a Null value is false, as the evaluator reads it. */
  private static boolean isFalse(String text) {
    return Boolean.FALSE.equals(IamValues.bool(text));
  }

  /**
   * The value a Bool or BoolIfExists condition requires of aws:PrincipalIsAWSService, if the
   * statement has one with a single true or false value.
   */
  private static Optional<Boolean> principalIsAwsService(Statement statement) {
    for (Condition condition : statement.conditions()) {
      if (condition.operator().base() == BaseOperator.BOOL
          && condition.operator().qualifier() == SetQualifier.NONE
          && condition.key().normalized().equals("aws:principalisawsservice")
          && condition.values().size() == 1) {
        ConditionValue value = condition.values().get(0);
        Boolean required = IamValues.bool(value.text());
        if (required != null) {
          return Optional.of(required);
        }
      }
    }
    return Optional.empty();
  }
}
