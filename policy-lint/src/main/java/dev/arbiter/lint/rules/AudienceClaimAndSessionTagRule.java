package dev.arbiter.lint.rules;

import static dev.arbiter.lint.FindingType.ERROR;
import static dev.arbiter.lint.FindingType.SECURITY_WARNING;
import static dev.arbiter.lint.FindingType.SUGGESTION;

import dev.arbiter.lint.Check;
import dev.arbiter.policy.ActionPattern;
import dev.arbiter.policy.Condition;
import dev.arbiter.policy.Effect;
import dev.arbiter.policy.SetQualifier;
import dev.arbiter.policy.Statement;
import dev.arbiter.policy.value.Glob;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks of the condition keys of role sessions: the audience claim of web identity (OIDC)
 * providers compared with a set qualifier, and session-tag keys in statements that cannot receive
 * session tags.
 *
 * <ul>
 *   <li>FORANYVALUE_WITH_AUDIENCE_CLAIM_TYPE: ForAnyValue on the audience keys that the Service
 *       Authorization Reference types as single-valued strings, cognito-identity.amazonaws.com:aud
 *       (an identity pool ID) and accounts.google.com:aud (a client ID), in an Allow statement.
 *   <li>CONFIRM_AUDIENCE_CLAIM_TYPE: ForAnyValue or ForAllValues on the {@code aud} key of any
 *       other OIDC provider (a prefix with a dot, such as token.actions.githubusercontent.com): an
 *       OIDC {@code aud} claim may be a string or an array, and only the provider knows which.
 *   <li>MISSING_ACTION_FOR_CONDITION_KEY: aws:RequestTag/*, aws:TagKeys or sts:TransitiveTagKeys
 *       tested in an Allow of sts:AssumeRole* when no Allow of the policy covers sts:TagSession.
 *       Session tags reach the request only when the caller passes them, which needs
 *       sts:TagSession; without it a request with tags fails, and without tags the keys are absent.
 *       AWS's list of key-action pairs is not public; this is its documented example only.
 * </ul>
 */
final class AudienceClaimAndSessionTagRule implements Rule {

  private static final CheckList CHECKS = new CheckList();

  static final Check FORANYVALUE_WITH_AUDIENCE_CLAIM_TYPE =
      CHECKS.aws(
          "FORANYVALUE_WITH_AUDIENCE_CLAIM_TYPE",
          SECURITY_WARNING,
          "ForAnyValue is used with a single-valued audience (aud) key.",
          "The identity provider's audience claim is one value, so a set qualifier does not fit"
              + " it and can make the condition broader than intended (with a negated operator,"
              + " ForAnyValue is true for any other value). Remove ForAnyValue:.");
  static final Check CONFIRM_AUDIENCE_CLAIM_TYPE =
      CHECKS.aws(
          "CONFIRM_AUDIENCE_CLAIM_TYPE",
          SUGGESTION,
          "A set qualifier is used with an OIDC provider's audience (aud) key.",
          "An OIDC token's aud claim may be one string or a list, depending on the provider."
              + " Check which it is: for one string remove ForAnyValue:/ForAllValues:, for a list"
              + " keep the qualifier that says what you mean.");
  static final Check MISSING_ACTION_FOR_CONDITION_KEY =
      CHECKS.aws(
          "MISSING_ACTION_FOR_CONDITION_KEY",
          ERROR,
          "A session-tag condition key is tested but sts:TagSession is not allowed.",
          "aws:RequestTag, aws:TagKeys and sts:TransitiveTagKeys carry the session tags of"
              + " sts:AssumeRole*, and passing session tags needs sts:TagSession. Add"
              + " sts:TagSession to the Action element of the statement.");

  /** Audience keys the Service Authorization Reference types as single-valued strings. */
  private static final Set<String> SINGLE_VALUED_AUDIENCES =
      Set.of("cognito-identity.amazonaws.com:aud", "accounts.google.com:aud");

  @Override
  public List<Check> checks() {
    return CHECKS.all();
  }

  @Override
  public void check(RuleContext context) {
    boolean tagSession = false;
    for (Statement statement : context.policy().statements()) {
      if (statement.effect() == Effect.ALLOW && covers(statement, "sts:TagSession")) {
        tagSession = true;
      }
    }
    for (Statement statement : context.policy().statements()) {
      boolean assumeRole =
          statement.effect() == Effect.ALLOW
              && !statement.actions().negated()
              && (covers(statement, "sts:AssumeRole")
                  || covers(statement, "sts:AssumeRoleWithSAML")
                  || covers(statement, "sts:AssumeRoleWithWebIdentity"));
      for (Condition condition : statement.conditions()) {
        String key = condition.key().normalized();
        audience(context, statement, condition, key);
        if (assumeRole
            && !tagSession
            && (key.startsWith("aws:requesttag/")
                || key.equals("aws:tagkeys")
                || key.equals("sts:transitivetagkeys"))) {
          context.report(
              MISSING_ACTION_FOR_CONDITION_KEY,
              condition.location(),
              condition.key().name()
                  + " holds session tags, which are passed only with sts:TagSession; add"
                  + " sts:TagSession to the statement's actions");
        }
      }
    }
  }

  private static void audience(
      RuleContext context, Statement statement, Condition condition, String key) {
    SetQualifier qualifier = condition.operator().qualifier();
    int colon = key.lastIndexOf(':');
    if (qualifier == SetQualifier.NONE
        || !key.endsWith(":aud")
        || key.substring(0, colon).indexOf('.') < 0) {
      return; // not an OIDC provider's audience (saml:aud is SAML's)
    }
    if (SINGLE_VALUED_AUDIENCES.contains(key)) {
      if (qualifier == SetQualifier.FOR_ANY_VALUE && statement.effect() == Effect.ALLOW) {
        context.report(
            FORANYVALUE_WITH_AUDIENCE_CLAIM_TYPE,
            condition.location(),
            condition.key().name()
                + " is single-valued, so "
                + condition.operator().text()
                + " does not fit it; remove ForAnyValue:");
      }
      return; // ForAllValues on a single-valued key is FORALLVALUES_WITH_SINGLE_VALUED_KEY
    }
    context.report(
        CONFIRM_AUDIENCE_CLAIM_TYPE,
        condition.location(),
        "check whether the provider's aud claim is one value or a list: for one value remove "
            + qualifier.prefix()
            + " from "
            + condition.operator().text());
  }

  /** Whether the statement's Action element (not NotAction) matches {@code action}. */
  private static boolean covers(Statement statement, String action) {
    if (statement.actions().negated()) {
      return false;
    }
    for (ActionPattern pattern : statement.actions().patterns()) {
      if (Glob.of(pattern.text().toLowerCase(Locale.ROOT))
          .matches(action.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }
}
