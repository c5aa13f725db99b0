package dev.arbiter.lint.rules;

import static dev.arbiter.lint.FindingType.ERROR;
import static dev.arbiter.lint.FindingType.SECURITY_WARNING;
import static dev.arbiter.lint.FindingType.SUGGESTION;
import static dev.arbiter.lint.FindingType.WARNING;
import static dev.arbiter.policy.internal.OneLine.quote;

import dev.arbiter.lint.Check;
import dev.arbiter.policy.Effect;
import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.Policy;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.Principal;
import dev.arbiter.policy.PrincipalType;
import dev.arbiter.policy.Principals;
import dev.arbiter.policy.Statement;
import dev.arbiter.policy.internal.VersionReadings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Checks of the policy and statement structure: Version, Sids, empty elements, duplicates. */
final class StatementStructureRule implements Rule {

  private static final CheckList CHECKS = new CheckList();

  static final Check MISSING_VERSION =
      CHECKS.aws(
          "MISSING_VERSION",
          WARNING,
          "The policy has no Version.",
          "Without \"Version\": \"2012-10-17\" AWS's pages disagree on whether policy"
              + " variables such as ${aws:username} are variables or literal text. Add the Version"
              + " element before Statement.");
  static final Check EMPTY_SID_VALUE =
      CHECKS.aws(
          "EMPTY_SID_VALUE",
          SUGGESTION,
          "A Sid is an empty string.",
          "Give the statement a meaningful Sid, or remove the element.");
  static final Check UNSUPPORTED_SID =
      CHECKS.aws(
          "UNSUPPORTED_SID",
          ERROR,
          "A Sid has characters other than letters and digits.",
          "In IAM policies (identity-based, permissions boundaries, role trust policies) a Sid"
              + " may contain only A-Z, a-z and 0-9.");
  static final Check UNIQUE_SIDS_REQUIRED =
      CHECKS.aws(
          "UNIQUE_SIDS_REQUIRED",
          ERROR,
          "Two statements share a Sid in a policy type that requires unique Sids.",
          "In IAM policies every Sid must be unique within the policy. Rename one of them.");
  static final Check UNIQUE_SIDS_RECOMMENDED =
      CHECKS.aws(
          "UNIQUE_SIDS_RECOMMENDED",
          WARNING,
          "Two statements share a Sid.",
          "Unique statement IDs make the policy easier to read and to debug. Rename one of"
              + " them.");
  static final Check EMPTY_ARRAY_ACTION =
      CHECKS.aws(
          "EMPTY_ARRAY_ACTION",
          SUGGESTION,
          "A statement has an empty Action list.",
          "With no actions the statement matches nothing and has no effect. List the actions or"
              + " remove the statement.");
  static final Check EMPTY_ARRAY_RESOURCE =
      CHECKS.aws(
          "EMPTY_ARRAY_RESOURCE",
          SUGGESTION,
          "A statement has an empty Resource list.",
          "With no resources the statement matches nothing and has no effect. List the resource"
              + " ARNs or remove the statement.");
  static final Check EMPTY_ARRAY_PRINCIPAL =
      CHECKS.aws(
          "EMPTY_ARRAY_PRINCIPAL",
          SUGGESTION,
          "A Principal key has an empty list.",
          "With no principals the statement matches no caller and has no effect. List the"
              + " principals or remove the statement.");
  static final Check EMPTY_OBJECT_PRINCIPAL =
      CHECKS.aws(
          "EMPTY_OBJECT_PRINCIPAL",
          SUGGESTION,
          "A statement has an empty Principal object.",
          "With no principals the statement matches no caller and has no effect. List the"
              + " principals or remove the statement.");
  static final Check EMPTY_OBJECT_CONDITION =
      CHECKS.aws(
          "EMPTY_OBJECT_CONDITION",
          SUGGESTION,
          "A statement has an empty Condition block.",
          "An empty Condition restricts nothing. Add the conditions you meant, or remove the"
              + " element.");
  static final Check ALLOW_WITH_NOT_PRINCIPAL =
      CHECKS.aws(
          "ALLOW_WITH_NOT_PRINCIPAL",
          SECURITY_WARNING,
          "An Allow statement uses NotPrincipal.",
          "Allow with NotPrincipal grants access to every principal not listed, anonymous"
              + " callers included. Name the principals that need access with Principal, or"
              + " use NotPrincipal only with Deny.");
  static final Check REDUNDANT_STATEMENT =
      CHECKS.aws(
          "REDUNDANT_STATEMENT",
          SUGGESTION,
          "A statement repeats an earlier one.",
          "Two identical statements grant the same permissions; when one is edited later the"
              + " other keeps the old access. Remove the repetition.");

  private static final Pattern SID = Pattern.compile("[A-Za-z0-9]*");

  @Override
  public List<Check> checks() {
    return CHECKS.all();
  }

  @Override
  public void check(RuleContext context) {
    Policy policy = context.policy();
    if (policy.version().isEmpty()) {
      context.report(
          MISSING_VERSION,
          policy.location(),
          VersionReadings.substituted(policy).isPresent()
              ? "the policy has no Version, so its ${...} text may be read as plain text or as"
                  + " policy variables; the evaluator grants only what both readings grant and"
                  + " denies what either denies (docs/semantics.md §12.8); add \"Version\":"
                  + " \"2012-10-17\""
              : "the policy has no Version; add \"Version\": \"2012-10-17\"");
    }
    boolean iamPolicy = iamStored(context.type());
    Map<String, Statement> sids = new HashMap<>();
    Map<Statement, Statement> seen = new HashMap<>();
    for (Statement statement : policy.statements()) {
      statement.sid().ifPresent(sid -> sid(context, statement, sid, iamPolicy, sids));
      if (statement.actions().patterns().isEmpty()) {
        context.report(
            EMPTY_ARRAY_ACTION,
            statement.actions().location(),
            statement.actions().elementName()
                + " is empty, so the statement matches nothing; list the actions");
      }
      statement
          .resources()
          .filter(r -> r.patterns().isEmpty())
          .ifPresent(
              r ->
                  context.report(
                      EMPTY_ARRAY_RESOURCE,
                      r.location(),
                      r.elementName()
                          + " is empty, so the statement matches nothing; list the resources"));
      statement.principals().ifPresent(p -> principals(context, statement, p));
      statement
          .condition()
          .filter(c -> c.conditions().isEmpty())
          .ifPresent(
              c ->
                  context.report(
                      EMPTY_OBJECT_CONDITION,
                      c.location(),
                      "the Condition block holds no conditions and restricts nothing; add"
                          + " conditions or remove it"));
      Statement key =
          new Statement(
                  Optional.empty(),
                  statement.effect(),
                  statement.principals(),
                  statement.actions(),
                  statement.resources(),
                  statement.condition(),
                  statement.location())
              .withoutLocations();
      Statement earlier = seen.putIfAbsent(key, statement);
      if (earlier != null) {
        context.report(
            REDUNDANT_STATEMENT,
            statement.location(),
            "this statement repeats the one at "
                + earlier.location().pointer()
                + " (line "
                + earlier.location().position().line()
                + "); remove one of them");
      }
    }
  }

  /** Policy types stored by IAM, which enforces its Sid rules. */
  private static boolean iamStored(PolicyType type) {
    return type == PolicyType.IDENTITY
        || type == PolicyType.PERMISSIONS_BOUNDARY
        || type == PolicyType.TRUST;
  }

  private static void sid(
      RuleContext context,
      Statement statement,
      String sid,
      boolean iamPolicy,
      Map<String, Statement> sids) {
    JsonPointer pointer = statement.location().pointer().child("Sid");
    if (sid.isEmpty()) {
      context.report(
          EMPTY_SID_VALUE,
          context.member(pointer, statement.location()),
          "the Sid is empty; name the statement or remove the Sid");
      return;
    }
    if (iamPolicy && !SID.matcher(sid).matches()) {
      context.report(
          UNSUPPORTED_SID,
          context.member(pointer, statement.location()),
          "Sid "
              + quote(sid)
              + " may contain only letters A-Z, a-z and digits 0-9 in an IAM policy");
    }
    Statement earlier = sids.putIfAbsent(sid, statement);
    if (earlier != null) {
      context.report(
          iamPolicy ? UNIQUE_SIDS_REQUIRED : UNIQUE_SIDS_RECOMMENDED,
          context.member(pointer, statement.location()),
          "Sid "
              + quote(sid)
              + " is also used by the statement at line "
              + earlier.location().position().line()
              + "; give each statement its own Sid");
    }
  }

  private static void principals(RuleContext context, Statement statement, Principals principals) {
    if (principals.negated() && statement.effect() == Effect.ALLOW) {
      context.report(
          ALLOW_WITH_NOT_PRINCIPAL,
          principals.location(),
          "Allow with NotPrincipal grants access to every principal not listed, anonymous"
              + " callers included; name the principals with Principal instead");
    }
    if (principals.wildcard()) {
      return;
    }
    if (principals.values().isEmpty()) {
      context.report(
          EMPTY_OBJECT_PRINCIPAL,
          principals.location(),
          principals.elementName() + " is an empty object, so the statement matches no caller");
      return;
    }
    for (Map.Entry<PrincipalType, List<Principal>> entry : principals.values().entrySet()) {
      if (entry.getValue().isEmpty()) {
        JsonPointer pointer = principals.location().pointer().child(entry.getKey().json());
        context.report(
            EMPTY_ARRAY_PRINCIPAL,
            context.member(pointer, principals.location()),
            principals.elementName()
                + " lists no "
                + entry.getKey().json()
                + " principals; list them or remove the key");
      }
    }
  }
}
