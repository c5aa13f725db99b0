package dev.arbiter.lint.rules;

import static dev.arbiter.lint.FindingType.ERROR;
import static dev.arbiter.lint.FindingType.SUGGESTION;
import static dev.arbiter.policy.internal.OneLine.quote;

import dev.arbiter.lint.Check;
import dev.arbiter.policy.ActionPattern;
import dev.arbiter.policy.Arn;
import dev.arbiter.policy.BaseOperator;
import dev.arbiter.policy.Condition;
import dev.arbiter.policy.ConditionValue;
import dev.arbiter.policy.ResourcePattern;
import dev.arbiter.policy.Resources;
import dev.arbiter.policy.Statement;
import dev.arbiter.policy.value.Glob;
import dev.arbiter.policy.value.IamValues;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks of Resource ARNs that need no catalog (prefix, field count, account, service case), of
 * wildcards in service names, of redundant resources, and of variables without Version 2012-10-17.
 */
final class ResourceArnSyntaxRule implements Rule {

  private static final CheckList CHECKS = new CheckList();

  static final Check INVALID_ARN_PREFIX =
      CHECKS.aws(
          "INVALID_ARN_PREFIX",
          ERROR,
          "A resource, or an Arn condition value, is neither \"*\" nor an ARN.",
          "Resource entries are \"*\" or ARNs that start with arn:, such as"
              + " arn:aws:s3:::my-bucket/*.");
  static final Check MISSING_ARN_FIELD =
      CHECKS.aws(
          "MISSING_ARN_FIELD",
          ERROR,
          "A resource ARN, or an Arn condition value, has fewer than six fields.",
          "ARNs have six colon-separated fields, arn:partition:service:region:account:resource;"
              + " empty fields stay, as in arn:aws:s3:::my-bucket.");
  static final Check INVALID_ARN_ACCOUNT =
      CHECKS.aws(
          "INVALID_ARN_ACCOUNT",
          ERROR,
          "The account field of a resource ARN is not a 12-digit account ID.",
          "The fifth field of an ARN is a 12-digit account ID (or empty, or a wildcard, where"
              + " the resource type allows it). Replace placeholders with the real account ID.");
  static final Check INVALID_ARN_SERVICE_CASE =
      CHECKS.aws(
          "INVALID_ARN_SERVICE_CASE",
          ERROR,
          "The service field of a resource ARN is not lower case.",
          "Service names in ARNs are lower case, as in arn:aws:s3:::my-bucket; ARNs are"
              + " case-sensitive, so another case matches nothing.");
  static final Check WILDCARD_IN_SERVICE_NAME =
      CHECKS.aws(
          "WILDCARD_IN_SERVICE_NAME",
          SUGGESTION,
          "The service name of an action or ARN holds a wildcard.",
          "A wildcard in a service name, such as *code*:Get*, also matches services you did not"
              + " think of, including future ones. Name the services.");
  static final Check REDUNDANT_RESOURCE =
      CHECKS.aws(
          "REDUNDANT_RESOURCE",
          SUGGESTION,
          "A resource is already covered by another entry of the same list.",
          "An ARN that another, wildcard, entry already matches adds nothing. Remove it, or"
              + " narrow the wildcard if the list was meant to be exact.");
  static final Check VARIABLE_UNSUPPORTED_IN_VERSION =
      CHECKS.aws(
          "VARIABLE_UNSUPPORTED_IN_VERSION",
          ERROR,
          "A policy variable is used without Version 2012-10-17.",
          "Policy variables work only under \"Version\": \"2012-10-17\"; without it ${...} is"
              + " literal text. Add or change the Version.");

  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

  @Override
  public List<Check> checks() {
    return CHECKS.all();
  }

  @Override
  public void check(RuleContext context) {
    boolean variables = context.policy().variablesEnabled();
    for (Statement statement : context.policy().statements()) {
      for (ActionPattern action : statement.actions().patterns()) {
        String service = action.service();
        if (!action.isAll() && (service.indexOf('*') >= 0 || service.indexOf('?') >= 0)) {
          context.report(
              WILDCARD_IN_SERVICE_NAME,
              action.location(),
              "the service name of "
                  + quote(action.text())
                  + " holds a wildcard, which also matches other and future services; name"
                  + " the services");
        }
      }
      if (statement.resources().isPresent()) {
        Resources resources = statement.resources().get();
        for (ResourcePattern resource : resources.patterns()) {
          resource(context, resource, variables);
        }
        redundant(context, resources);
      }
      if (!variables) {
        for (Condition condition : statement.conditions()) {
          BaseOperator.Family family = condition.operator().base().family();
          if (family != BaseOperator.Family.STRING && family != BaseOperator.Family.ARN) {
            continue;
          }
          for (ConditionValue value : condition.values()) {
            if (IamValues.hasVariableSyntax(value.text())) {
              unsupportedVariable(context, value.text(), value.location());
            }
          }
        }
      }
    }
  }

  private static void resource(RuleContext context, ResourcePattern resource, boolean variables) {
    String text = resource.text();
    if (resource.isAll()) {
      return;
    }
    if (!variables && IamValues.hasVariableSyntax(text)) {
      unsupportedVariable(context, text, resource.location());
    }
    if (variables && text.startsWith("${")) {
      return; // a variable for the whole ARN: what it resolves to is not known here
    }
    // Access Analyzer counts the fields first: "fakeArn" is a MISSING_ARN_FIELD, not a prefix.
    Optional<Arn> parsed = resource.arn();
    if (text.split(":", -1).length < 6 || (text.startsWith("arn:") && parsed.isEmpty())) {
      context.report(
          MISSING_ARN_FIELD,
          resource.location(),
          quote(text)
              + " has fewer than six fields; write arn:partition:service:region:account:resource"
              + " and keep empty fields, as in arn:aws:s3:::my-bucket");
      return;
    }
    if (!text.startsWith("arn:") || parsed.isEmpty()) {
      context.report(
          INVALID_ARN_PREFIX,
          resource.location(),
          quote(text) + " is not \"*\" or an ARN; resource ARNs start with arn:");
      return;
    }
    Arn arn = parsed.get();
    String account = arn.account();
    if (invalidAccount(account)) {
      context.report(
          INVALID_ARN_ACCOUNT,
          resource.location(),
          "the account field "
              + quote(account)
              + " of "
              + quote(text)
              + " is not a 12-digit account ID");
      return;
    }
    String service = arn.service();
    if (!hasPattern(service) && !service.equals(service.toLowerCase(Locale.ROOT))) {
      context.report(
          INVALID_ARN_SERVICE_CASE,
          resource.location(),
          "the service "
              + quote(service)
              + " in "
              + quote(text)
              + " must be lower case: "
              + quote(service.toLowerCase(Locale.ROOT)));
    }
    if (service.indexOf('*') >= 0 || service.indexOf('?') >= 0) {
      context.report(
          WILDCARD_IN_SERVICE_NAME,
          resource.location(),
          "the service field of "
              + quote(text)
              + " holds a wildcard, which also matches other and future services; name the"
              + " service");
    }
  }

  /** Whether an ARN's account field is neither empty, a pattern, "aws" nor 12 digits. */
  static boolean invalidAccount(String account) {
    return !account.isEmpty()
        && !account.equals("aws")
        && !hasPattern(account)
        && !ACCOUNT.matcher(account).matches();
  }

  private static boolean hasPattern(String field) {
    return field.indexOf('*') >= 0 || field.indexOf('?') >= 0 || field.contains("${");
  }

  private static void unsupportedVariable(
      RuleContext context, String text, dev.arbiter.policy.SourceLocation location) {
    context.report(
        VARIABLE_UNSUPPORTED_IN_VERSION,
        location,
        quote(text)
            + " looks like a policy variable, but variables work only under \"Version\":"
            + " \"2012-10-17\""
            + (context.policy().version().isEmpty()
                ? "; without a Version AWS's pages disagree on whether it is a variable or literal"
                    + " text, and the evaluator takes both readings (docs/semantics.md §12.8)"
                : "; under 2008-10-17 the text is literal"));
  }

  private static void redundant(RuleContext context, Resources resources) {
    List<ResourcePattern> patterns = resources.patterns();
    Set<String> seen = new HashSet<>();
    for (ResourcePattern pattern : patterns) {
      if (pattern.template().hasVariables()) {
        return; // what a variable resolves to is not known here
      }
    }
    for (int i = 0; i < patterns.size(); i++) {
      ResourcePattern candidate = patterns.get(i);
      if (!seen.add(candidate.text())) {
        context.report(
            REDUNDANT_RESOURCE,
            candidate.location(),
            quote(candidate.text()) + " is listed twice; remove the repetition");
        continue;
      }
      if (candidate.template().hasWildcards()) {
        continue;
      }
      for (int j = 0; j < patterns.size(); j++) {
        ResourcePattern other = patterns.get(j);
        if (j != i && other.template().hasWildcards() && covers(other, candidate)) {
          context.report(
              REDUNDANT_RESOURCE,
              candidate.location(),
              quote(candidate.text())
                  + " is already matched by "
                  + quote(other.text())
                  + " in the same list; remove it, or narrow the wildcard");
          break;
        }
      }
    }
  }

  /** Whether the wildcard pattern {@code wide} matches the literal ARN {@code narrow}. */
  private static boolean covers(ResourcePattern wide, ResourcePattern narrow) {
    if (wide.isAll()) {
      return true;
    }
    Optional<Arn> w = wide.arn();
    Optional<Arn> n = narrow.arn();
    if (w.isEmpty() || n.isEmpty()) {
      return false;
    }
    // Field by field, so that a wildcard never stands for a colon in the first five fields.
    return Glob.of(w.get().partition()).matches(n.get().partition())
        && Glob.of(w.get().service()).matches(n.get().service())
        && Glob.of(w.get().region()).matches(n.get().region())
        && Glob.of(w.get().account()).matches(n.get().account())
        && Glob.of(w.get().resource()).matches(n.get().resource());
  }
}
