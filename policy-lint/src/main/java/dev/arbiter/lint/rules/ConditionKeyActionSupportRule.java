package dev.arbiter.lint.rules;

import static dev.arbiter.lint.FindingType.ERROR;
import static dev.arbiter.lint.FindingType.SECURITY_WARNING;
import static dev.arbiter.lint.FindingType.SUGGESTION;
import static dev.arbiter.policy.internal.OneLine.quote;

import dev.arbiter.catalog.ActionInfo;
import dev.arbiter.catalog.ConditionKeyInfo;
import dev.arbiter.catalog.KeyCategory;
import dev.arbiter.catalog.Service;
import dev.arbiter.lint.Check;
import dev.arbiter.policy.ActionPattern;
import dev.arbiter.policy.BaseOperator;
import dev.arbiter.policy.Condition;
import dev.arbiter.policy.ConditionOperator;
import dev.arbiter.policy.Effect;
import dev.arbiter.policy.Statement;
import dev.arbiter.policy.value.IamValues;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks whether the actions of a statement support its condition keys (docs/semantics.md §6.10): a
 * key that a service does not put into the request context for an action is simply absent, so a
 * condition that needs it is false and the statement silently does not apply to that action.
 *
 * <p>Global keys are in every request that has them and are not checked, except the tag keys {@code
 * aws:ResourceTag/*}, {@code aws:RequestTag/*} and {@code aws:TagKeys}, which only services that
 * support tag-based access control supply. For them the checks are per Action entry, as Access
 * Analyzer's: a service none of whose actions supports the key, or an entry some of whose actions
 * do not ({@code ec2:Describe*} with {@code aws:ResourceTag/...}, Access Analyzer's recorded answer
 * in terraform-iam-policy-validator PR 22: 177 of the 194 Describe actions lack it). Service keys
 * are checked per action.
 */
final class ConditionKeyActionSupportRule implements Rule {

  private static final CheckList CHECKS = new CheckList();

  static final Check UNSUPPORTED_ACTION_FOR_CONDITION_KEY =
      CHECKS.aws(
          "UNSUPPORTED_ACTION_FOR_CONDITION_KEY",
          ERROR,
          "Some actions of the statement do not support one of its service condition keys.",
          "A service adds a condition key to the request only for the actions that support it"
              + " (Service Authorization Reference). For the other actions of the statement the"
              + " key is missing, so the condition does not work as intended for them. Move those"
              + " actions to a statement without the condition.");
  static final Check DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE =
      CHECKS.aws(
          "DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE",
          SECURITY_WARNING,
          "A Deny depends on a tag key that some of its services never supply.",
          "Services that do not support tag-based access control never put aws:ResourceTag,"
              + " aws:RequestTag or aws:TagKeys into the request, so the condition is false for"
              + " their actions and they are not denied. Deny those actions in a statement"
              + " without the tag condition.");
  static final Check DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE =
      CHECKS.aws(
          "DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE",
          SECURITY_WARNING,
          "A Deny with NotAction depends on a tag key that many services never supply.",
          "NotAction covers the actions of every service, and services without tag-based access"
              + " control never supply aws:ResourceTag, aws:RequestTag or aws:TagKeys, so their"
              + " actions escape the Deny. List the actions to deny, or deny the other services in"
              + " a statement without the tag condition.");
  static final Check ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE =
      CHECKS.aws(
          "ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE",
          SUGGESTION,
          "An Allow depends on a tag key that some of its services never supply.",
          "Services that do not support tag-based access control never supply the tag key, so"
              + " the condition is false and their actions are never allowed by this statement."
              + " Move them to a statement without the tag condition, or remove them.");
  static final Check ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE =
      CHECKS.aws(
          "ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE",
          SUGGESTION,
          "An Allow with NotAction depends on a tag key that many services never supply.",
          "The statement allows only actions of services that supply the tag key; the actions of"
              + " other services, which NotAction seems to include, are not allowed.");

  private static final Set<String> TAG_KEYS =
      Set.of("aws:resourcetag/${tagkey}", "aws:requesttag/${tagkey}", "aws:tagkeys");

  @Override
  public List<Check> checks() {
    return CHECKS.all();
  }

  @Override
  public void check(RuleContext context) {
    Optional<CatalogView> found = context.service(CatalogView.class);
    if (found.isEmpty()) {
      return;
    }
    CatalogView view = found.get();
    for (Statement statement : context.policy().statements()) {
      if (statement.conditions().isEmpty() || statement.actions().patterns().isEmpty()) {
        continue;
      }
      for (Condition condition : statement.conditions()) {
        if (!condition.operator().isKnown()) {
          continue;
        }
        Optional<ConditionKeyInfo> key = view.key(condition.key().name());
        if (key.isEmpty()) {
          continue;
        }
        if (TAG_KEYS.contains(key.get().name().toLowerCase(Locale.ROOT))) {
          if (falseWhenAbsent(condition)) {
            tagKey(context, view, statement, condition, key.get());
          }
        } else if (key.get().category() == KeyCategory.SERVICE
            && !statement.actions().negated()
            && condition.operator().base() != BaseOperator.NULL
            && !condition.operator().ifExists()) {
          // IfExists and Null say what to do when the key is missing: not reported.
          serviceKey(context, view, statement, condition, key.get());
        }
      }
    }
  }

  /**
   * Whether the condition is false when the key is missing from the request (docs/semantics.md
   * §6.3, §6.5, §6.6, §6.7): positive operators without IfExists, and ForAnyValue; Null only when
   * it requires the key to be present.
   */
  static boolean falseWhenAbsent(Condition condition) {
    ConditionOperator operator = condition.operator();
    if (operator.base() == BaseOperator.NULL) {
      return !condition.values().isEmpty()
          && condition.values().stream()
              .allMatch(v -> Boolean.FALSE.equals(IamValues.bool(v.text())));
    }
    if (operator.ifExists()) {
      return false;
    }
    return switch (operator.qualifier()) {
      case FOR_ALL_VALUES -> false;
      case FOR_ANY_VALUE -> true;
      case NONE -> !operator.base().negated();
    };
  }

  private static void serviceKey(
      RuleContext context,
      CatalogView view,
      Statement statement,
      Condition condition,
      ConditionKeyInfo key) {
    Set<String> unsupported = new LinkedHashSet<>();
    for (ActionPattern pattern : statement.actions().patterns()) {
      if (pattern.isAll() || !pattern.isWellFormed()) {
        return; // every action: the key cannot be meant for all of them; nothing useful to list
      }
      List<String> missing = new ArrayList<>();
      boolean anySupports = false;
      for (ActionInfo action : view.expand(pattern.text())) {
        // No exemption for sts:TagSession and sts:SetSourceIdentity: AWS's own published
        // ValidatePolicy output (the AWS CLI example for a Cognito trust policy) reports
        // sts:TagSession with cognito-identity.amazonaws.com:aud.
        if (view.supports(action, key)) {
          anySupports = true;
        } else {
          missing.add(action.fullName());
        }
      }
      // A wildcard with a key that some of its actions support selects those actions, a common
      // and deliberate idiom (glue:* with glue:LakeFormationPermissions); it is reported only
      // when none of its actions supports the key.
      if (!pattern.hasWildcard() || !anySupports) {
        unsupported.addAll(missing);
      }
    }
    if (unsupported.isEmpty()) {
      return;
    }
    context.report(
        UNSUPPORTED_ACTION_FOR_CONDITION_KEY,
        condition.location(),
        list(unsupported)
            + (unsupported.size() == 1 ? " does" : " do")
            + " not support the condition key "
            + quote(condition.key().name())
            + ", so it is missing from "
            + (unsupported.size() == 1 ? "its" : "their")
            + " requests and the condition does not work as intended for "
            + (unsupported.size() == 1 ? "it" : "them")
            + "; move "
            + (unsupported.size() == 1 ? "it" : "them")
            + " to a statement without this condition");
  }

  private static void tagKey(
      RuleContext context,
      CatalogView view,
      Statement statement,
      Condition condition,
      ConditionKeyInfo key) {
    boolean deny = statement.effect() == Effect.DENY;
    String name = quote(condition.key().name());
    if (statement.actions().negated()) {
      context.report(
          deny
              ? DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE
              : ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE,
          condition.location(),
          "NotAction covers services that never supply "
              + name
              + (deny
                  ? ", so their actions are not denied; list the actions to deny, or deny those"
                      + " services in a statement without the tag condition"
                  : ", so their actions are not allowed by this statement"));
      return;
    }
    Set<String> unsupported = new LinkedHashSet<>();
    Set<String> entries = new LinkedHashSet<>();
    for (ActionPattern pattern : statement.actions().patterns()) {
      if (!pattern.isWellFormed() || pattern.isAll()) {
        continue;
      }
      String service = pattern.service();
      boolean serviceLacks = false;
      if (service.indexOf('*') < 0 && service.indexOf('?') < 0) {
        Optional<Service> owner = view.catalog().service(service);
        if (owner.isPresent() && !view.serviceSupports(owner.get(), key)) {
          unsupported.add(owner.get().prefix());
          serviceLacks = true;
        }
      } else {
        for (ActionInfo action : view.expand(pattern.text())) {
          Optional<Service> owner = view.catalog().service(action.service());
          if (owner.isPresent() && !view.serviceSupports(owner.get(), key)) {
            unsupported.add(owner.get().prefix());
          }
        }
      }
      if (!serviceLacks && service.indexOf('*') < 0 && service.indexOf('?') < 0) {
        List<ActionInfo> actions = view.expand(pattern.text());
        long lacking = actions.stream().filter(a -> !view.supports(a, key)).count();
        if (lacking > 0) {
          entries.add(
              pattern.hasWildcard()
                  ? pattern.text() + " (" + lacking + " of its " + actions.size() + " actions)"
                  : pattern.text());
        }
      }
    }
    if (unsupported.isEmpty() && entries.isEmpty()) {
      return;
    }
    if (unsupported.isEmpty()) {
      context.report(
          deny
              ? DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE
              : ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE,
          condition.location(),
          list(entries)
              + (entries.size() == 1 && !entries.iterator().next().contains(" (") ? " does" : " do")
              + " not support "
              + name
              + ", so "
              + (deny ? "they are not denied" : "they are never allowed")
              + " by this statement; move them to a statement without the tag condition");
      return;
    }
    context.report(
        deny
            ? DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE
            : ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE,
        condition.location(),
        "the service"
            + (unsupported.size() == 1 ? " " : "s ")
            + list(unsupported)
            + (unsupported.size() == 1 ? " never supplies " : " never supply ")
            + name
            + ", so "
            + (deny ? "their actions are not denied" : "their actions are never allowed")
            + " by this statement; move them to a statement without the tag condition");
  }

  /** Up to five names, then how many more. */
  static String list(Set<String> names) {
    List<String> shown = new ArrayList<>();
    for (String name : names) {
      if (shown.size() == 5) {
        break;
      }
      shown.add(name);
    }
    String text = String.join(", ", shown);
    return names.size() > shown.size()
        ? text + " and " + (names.size() - shown.size()) + " more"
        : text;
  }
}
