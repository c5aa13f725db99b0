package dev.arbiter.lint.rules;

import static dev.arbiter.lint.FindingType.ERROR;
import static dev.arbiter.lint.FindingType.SUGGESTION;
import static dev.arbiter.policy.internal.OneLine.quote;

import dev.arbiter.catalog.Catalog;
import dev.arbiter.catalog.Service;
import dev.arbiter.lint.Check;
import dev.arbiter.policy.ActionPattern;
import dev.arbiter.policy.Actions;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.Statement;
import dev.arbiter.policy.value.Glob;
import dev.arbiter.policy.value.IamValues;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks of Action and NotAction entries against the service catalog: unknown services and actions
 * (with "did you mean"), actions that a resource control policy or a role trust policy cannot
 * contain, and actions already covered by another entry of the same list.
 *
 * <p>The catalog is a snapshot: an action AWS added after it was made is reported as unknown, and
 * the message says how old the catalog is.
 */
final class ActionNameRule implements Rule {

  private static final CheckList CHECKS = new CheckList();

  static final Check INVALID_SERVICE_IN_ACTION =
      CHECKS.aws(
          "INVALID_SERVICE_IN_ACTION",
          ERROR,
          "The service prefix of an action does not exist.",
          "The part before the colon must be an AWS service prefix, such as s3 or ec2 (the"
              + " prefix is not always the service's name: Amazon CloudWatch Logs is logs). An"
              + " action of an unknown service matches nothing. The finding suggests the closest"
              + " prefix.");
  static final Check RCP_SYNTAX_ERROR_ACTION =
      CHECKS.aws(
          "RCP_SYNTAX_ERROR_ACTION",
          ERROR,
          "A resource control policy names an action of a service that RCPs do not support.",
          "Resource control policies apply only to the services that support them (such as s3,"
              + " sts, kms, sqs and secretsmanager); an action of another service has no effect."
              + " Remove it, or use a service control policy.");
  static final Check UNSUPPORTED_ACTION_IN_POLICY =
      CHECKS.aws(
          "UNSUPPORTED_ACTION_IN_POLICY",
          ERROR,
          "An action of a service that this resource-based policy type cannot govern.",
          "A role trust policy governs only how the role is assumed: its actions are sts actions"
              + " such as sts:AssumeRole, sts:AssumeRoleWithSAML, sts:AssumeRoleWithWebIdentity,"
              + " sts:TagSession and sts:SetSourceIdentity. Grant other actions in the role's"
              + " permissions policies.");
  static final Check REDUNDANT_ACTION =
      CHECKS.aws(
          "REDUNDANT_ACTION",
          SUGGESTION,
          "An action is already covered by another entry of the same list.",
          "An action that another entry of the list, usually a wildcard such as s3:Get*, already"
              + " matches adds nothing. Remove it, or narrow the wildcard if the list was meant to"
              + " be exact.");

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);

  @Override
  public List<Check> checks() {
    return CHECKS.all();
  }

  @Override
  public void check(RuleContext context) {
    Optional<CatalogView> catalog = context.service(CatalogView.class);
    for (Statement statement : context.policy().statements()) {
      Actions actions = statement.actions();
      redundant(context, actions);
      for (ActionPattern action : actions.patterns()) {
        if (action.isAll() || !action.isWellFormed() || hasWildcard(action.service())) {
          continue;
        }
        if (context.type() == PolicyType.TRUST
            && !action.service().equalsIgnoreCase("sts")
            && !IamValues.hasVariableSyntax(action.text())) {
          context.report(
              UNSUPPORTED_ACTION_IN_POLICY,
              action.location(),
              quote(action.text())
                  + " cannot be used in a role trust policy, which governs only sts actions such"
                  + " as sts:AssumeRole; grant it in the role's permissions policies");
        }
        if (catalog.isPresent()) {
          known(context, catalog.get(), action);
        }
      }
    }
  }

  private static boolean hasWildcard(String text) {
    return text.indexOf('*') >= 0 || text.indexOf('?') >= 0;
  }

  /** Reports unknown services and actions, and RCP actions of unsupported services. */
  private static void known(RuleContext context, CatalogView view, ActionPattern action) {
    Catalog catalog = view.catalog();
    if (IamValues.hasVariableSyntax(action.text())) {
      return; // VARIABLE_UNSUPPORTED_IN_ELEMENT reports it
    }
    Optional<Service> service = catalog.service(action.service());
    if (service.isEmpty()) {
      Optional<String> suggestion = catalog.suggestService(action.service());
      context.report(
          INVALID_SERVICE_IN_ACTION,
          action.location(),
          "the service prefix "
              + quote(action.service())
              + " of "
              + quote(action.text())
              + " does not exist"
              + suggestion
                  .map(s -> "; did you mean " + quote(s + ":" + action.name()) + "?")
                  .orElse("")
              + age(catalog));
      return;
    }
    // The catalog's list of RCP services (from its data package) lags AWS's documentation, which
    // added SNS among others; a service either list names is taken as supported.
    if (context.type() == PolicyType.RCP
        && !service.get().isRcpSupported()
        && !PolicyTypes.documentedRcpService(service.get().prefix())) {
      context.report(
          RCP_SYNTAX_ERROR_ACTION,
          action.location(),
          "resource control policies do not support "
              + service.get().prefix()
              + " ("
              + service.get().name()
              + "), so "
              + quote(action.text())
              + " has no effect; remove it");
    }
    if (!hasWildcard(action.name())) {
      if (service.get().action(action.name()).isEmpty()) {
        Optional<String> suggestion = catalog.suggestAction(action.text());
        context.report(
            ParseAndValidateChecks.INVALID_ACTION,
            action.location(),
            quote(action.text())
                + " is not an action of "
                + service.get().prefix()
                + suggestion.map(s -> "; did you mean " + quote(s) + "?").orElse("")
                + age(catalog));
      }
    } else if (view.expand(action.text()).isEmpty()) {
      context.report(
          ParseAndValidateChecks.INVALID_ACTION,
          action.location(),
          quote(action.text())
              + " matches no action of "
              + service.get().prefix()
              + ", so it grants or denies nothing; check the spelling"
              + age(catalog));
    }
  }

  /** The catalog's age, for findings that may only mean the catalog is older than the action. */
  static String age(Catalog catalog) {
    return " (service catalog of " + DAY.format(catalog.source().data().updatedAt()) + ")";
  }

  /**
   * Reports entries that another entry of the same list already matches. Only coverage that holds
   * for every action, present and future, is reported: a literal action matched by a wildcard, or a
   * wildcard whose fixed start begins with another entry's prefix before a final {@code *} (so
   * {@code s3:GetObject*} is covered by {@code s3:Get*}). Case is ignored, as IAM ignores it.
   */
  private static void redundant(RuleContext context, Actions actions) {
    List<ActionPattern> patterns = actions.patterns();
    int n = patterns.size();
    if (n < 2) {
      return;
    }
    String[] lower = new String[n];
    boolean[] usable = new boolean[n];
    // Wildcard entries by their (literal) service prefix; "" for a wildcard service or "*".
    Map<String, List<Integer>> wide = new HashMap<>();
    for (int i = 0; i < n; i++) {
      ActionPattern pattern = patterns.get(i);
      lower[i] = pattern.text().toLowerCase(Locale.ROOT);
      usable[i] = pattern.isWellFormed() && !IamValues.hasVariableSyntax(pattern.text());
      if (usable[i] && pattern.hasWildcard()) {
        wide.computeIfAbsent(serviceKey(lower[i]), k -> new ArrayList<>()).add(i);
      }
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < n; i++) {
      if (!usable[i]) {
        continue;
      }
      ActionPattern candidate = patterns.get(i);
      Integer twin = seen.putIfAbsent(lower[i], i);
      if (twin != null) {
        context.report(
            REDUNDANT_ACTION,
            candidate.location(),
            quote(candidate.text())
                + " is listed twice in "
                + actions.elementName()
                + "; remove one");
        continue;
      }
      String service = serviceKey(lower[i]);
      List<Integer> others = new ArrayList<>(wide.getOrDefault("", List.of()));
      if (service.isEmpty()) {
        wide.values().forEach(others::addAll);
      } else {
        others.addAll(wide.getOrDefault(service, List.of()));
      }
      for (int j : others) {
        if (j == i || lower[j].equals(lower[i])) {
          continue;
        }
        // Two entries that cover each other are equal ignoring case, handled above.
        if (covers(lower[j], lower[i])) {
          context.report(
              REDUNDANT_ACTION,
              candidate.location(),
              quote(candidate.text())
                  + " is already matched by "
                  + quote(patterns.get(j).text())
                  + " in the same "
                  + actions.elementName()
                  + " list; remove it, or narrow the wildcard");
          break;
        }
      }
    }
  }

  /** The literal service prefix of a lower-case pattern, or "" if it has a wildcard or is *. */
  private static String serviceKey(String lower) {
    int colon = lower.indexOf(':');
    if (colon < 0) {
      return "";
    }
    String service = lower.substring(0, colon);
    return hasWildcard(service) ? "" : service;
  }

  /**
   * Whether every action that {@code narrow} matches is matched by {@code wide}; both lower case.
   */
  static boolean covers(String wide, String narrow) {
    if (!hasWildcard(narrow)) {
      return Glob.of(wide).matches(narrow);
    }
    if (wide.equals("*")) {
      return true;
    }
    int star = wide.indexOf('*');
    if (star != wide.length() - 1 || wide.indexOf('?') >= 0) {
      return wide.equals(narrow);
    }
    return narrow.substring(0, firstWildcard(narrow)).startsWith(wide.substring(0, star));
  }

  private static int firstWildcard(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '*' || text.charAt(i) == '?') {
        return i;
      }
    }
    return text.length();
  }
}
