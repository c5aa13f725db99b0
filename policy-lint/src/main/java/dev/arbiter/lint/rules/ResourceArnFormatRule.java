package dev.arbiter.lint.rules;

import static dev.arbiter.lint.FindingType.ERROR;
import static dev.arbiter.lint.FindingType.WARNING;
import static dev.arbiter.policy.internal.OneLine.quote;

import dev.arbiter.catalog.ActionInfo;
import dev.arbiter.catalog.Catalog;
import dev.arbiter.catalog.ResourceType;
import dev.arbiter.lint.Check;
import dev.arbiter.policy.ActionPattern;
import dev.arbiter.policy.Arn;
import dev.arbiter.policy.ResourcePattern;
import dev.arbiter.policy.Resources;
import dev.arbiter.policy.Statement;
import dev.arbiter.policy.Template;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks of Resource ARNs against the ARN formats of the service catalog (partition, Region,
 * account and resource part), and Arbiter's check for actions that none of the statement's
 * resources can name.
 */
final class ResourceArnFormatRule implements Rule {

  private static final CheckList CHECKS = new CheckList();

  static final Check ARN_ACCOUNT_NOT_ALLOWED =
      CHECKS.aws(
          "ARN_ACCOUNT_NOT_ALLOWED",
          ERROR,
          "A resource ARN has an account ID where the resource's ARN format has none.",
          "Some ARNs have no account field because the names are global, such as S3 buckets"
              + " (arn:aws:s3:::my-bucket). An ARN with an account there matches nothing; remove"
              + " the account ID.");
  static final Check ARN_REGION_NOT_ALLOWED =
      CHECKS.aws(
          "ARN_REGION_NOT_ALLOWED",
          ERROR,
          "A resource ARN has a Region where the resource's ARN format has none.",
          "Resources of global services, such as IAM roles (arn:aws:iam::111122223333:role/x)"
              + " or S3 buckets, have no Region in their ARN. An ARN with a Region there matches"
              + " nothing; remove the Region.");
  static final Check MISSING_ARN_REGION =
      CHECKS.aws(
          "MISSING_ARN_REGION",
          ERROR,
          "A resource ARN leaves out the Region that the resource's ARN format requires.",
          "Regional resources have the Region in their ARN, as in"
              + " arn:aws:sqs:us-east-1:111122223333:my-queue. With the field empty the ARN"
              + " matches nothing; give the Region, or * for every Region.");
  static final Check MISSING_ARN_ACCOUNT =
      CHECKS.aws(
          "MISSING_ARN_ACCOUNT",
          ERROR,
          "A resource ARN leaves out the account ID that the resource's ARN format requires.",
          "Most resources have the owning account in their ARN, as in"
              + " arn:aws:iam::111122223333:role/my-role. With the field empty the ARN matches"
              + " nothing; give the account ID, or * for every account.");
  static final Check INVALID_ARN_RESOURCE =
      CHECKS.aws(
          "INVALID_ARN_RESOURCE",
          ERROR,
          "The resource part of an ARN fits none of the service's ARN formats.",
          "Each service documents the ARN formats of its resource types (Service Authorization"
              + " Reference). An ARN that fits none of them names no resource. Check the resource"
              + " type and the separators (/ or :).");
  static final Check INVALID_PARTITION =
      CHECKS.aws(
          "INVALID_PARTITION",
          ERROR,
          "The partition of a resource ARN is not an AWS partition.",
          "The second field of an ARN is the partition: aws, aws-cn, aws-us-gov, aws-iso,"
              + " aws-iso-b, aws-iso-e, aws-iso-f or aws-eusc. Any other value matches nothing.");
  static final Check INVALID_ARN_REGION =
      CHECKS.aws(
          "INVALID_ARN_REGION",
          ERROR,
          "The Region of a resource ARN is not an AWS Region code.",
          "The fourth field of a regional ARN is a Region code such as us-east-1, or * for every"
              + " Region. Any other value matches nothing.");
  static final Check RESOURCE_TYPE_MISMATCH =
      CHECKS.own(
          "RESOURCE_TYPE_MISMATCH",
          WARNING,
          "An action can act on none of the statement's resources.",
          "Each action acts on specific resource types (Service Authorization Reference), and a"
              + " statement applies to an action only for resources of those types. When no"
              + " listed resource can be of a type the action uses, the statement grants or"
              + " denies nothing for it. Add the right resource ARNs, or move the action to a"
              + " statement with them (actions without resource types need \"Resource\": \"*\").");

  private static final String SOME_REGION = "us-east-1";
  private static final String SOME_ACCOUNT = "111122223333";

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
      if (statement.resources().isEmpty()) {
        continue;
      }
      Resources resources = statement.resources().get();
      for (ResourcePattern resource : resources.patterns()) {
        resource.arn().ifPresent(arn -> arn(context, view, resource, arn));
      }
      if (!resources.negated()) {
        mismatch(context, view, statement, resources);
      }
    }
  }

  /** Whether a field is a pattern or a placeholder rather than a literal value. */
  private static boolean literal(String field) {
    return field.indexOf('*') < 0 && field.indexOf('?') < 0 && !field.contains("${");
  }

  /**
   * Reports at most one problem of one ARN, in Access Analyzer's order: the partition, the Region
   * code, then (when the ARN fits none of the service's formats) a Region or account that no format
   * of the service has or that every one needs, then, for a resource part without wildcards, the
   * Region or account that would make it fit, else the resource part. A resource part with
   * wildcards that fits some format once Region and account are set aside is left alone, as Access
   * Analyzer leaves it (recorded: {@code arn:aws:s3::123456789012:test/*} gets no finding).
   */
  private void arn(RuleContext context, CatalogView view, ResourcePattern resource, Arn arn) {
    String service = arn.service();
    if (!literal(service)
        || !service.equals(service.toLowerCase(Locale.ROOT))
        || ResourceArnSyntaxRule.invalidAccount(arn.account())
        || view.typesOfArnService(service).isEmpty()) {
      return; // reported by ResourceArnSyntaxRule, or a service the catalog has no ARNs of
    }
    String text = resource.text();
    if (!arn.partition().isEmpty()
        && literal(arn.partition())
        && !AwsRegions.isPartition(arn.partition())) {
      context.report(
          INVALID_PARTITION,
          resource.location(),
          "the partition "
              + quote(arn.partition())
              + " of "
              + quote(text)
              + " is not an AWS partition (aws, aws-cn, aws-us-gov, ...)");
      return;
    }
    String region = arn.region();
    if (!region.isEmpty() && literal(region) && !AwsRegions.isRegion(region)) {
      context.report(
          INVALID_ARN_REGION,
          resource.location(),
          "the Region "
              + quote(region)
              + " of "
              + quote(text)
              + " is not an AWS Region code (such as us-east-1); use one, or * for every Region");
      return;
    }
    if (!view.quickTypes(resource).orElse(Set.of()).isEmpty()
        || !view.matchingTypes(resource).isEmpty()) {
      return;
    }
    String account = arn.account();
    Fields fields = fields(view, service);
    if (!region.isEmpty() && literal(region) && !fields.someRegion()) {
      regionNotAllowed(context, resource, service, region);
      return;
    }
    if (region.isEmpty() && fields.everyRegion()) {
      missingRegion(context, resource, service);
      return;
    }
    if (!account.isEmpty() && literal(account) && !fields.someAccount()) {
      accountNotAllowed(context, resource, service, account);
      return;
    }
    if (account.isEmpty() && fields.everyAccount()) {
      missingAccount(context, resource, service);
      return;
    }
    boolean wildcards = !literal(arn.resource());
    List<String> regions = new ArrayList<>(List.of(region));
    if (!region.isEmpty() && literal(region)) {
      regions.add("");
    } else if (region.isEmpty()) {
      regions.add(SOME_REGION);
    }
    List<String> accounts = new ArrayList<>(List.of(account));
    if (!account.isEmpty() && literal(account)) {
      accounts.add("");
    } else if (account.isEmpty()) {
      accounts.add(SOME_ACCOUNT);
    }
    for (String r : regions) {
      for (String a : accounts) {
        if (r.equals(region) && a.equals(account)) {
          continue;
        }
        String variant =
            "arn:" + arn.partition() + ':' + service + ':' + r + ':' + a + ':' + arn.resource();
        ResourcePattern changed =
            new ResourcePattern(variant, Template.withoutVariables(variant), resource.location());
        if (view.matchingTypes(changed).isEmpty()) {
          continue;
        }
        if (wildcards) {
          return; // the resource part fits a format: Access Analyzer leaves it alone
        }
        if (!r.equals(region)) {
          if (region.isEmpty()) {
            missingRegion(context, resource, service);
          } else {
            regionNotAllowed(context, resource, service, region);
          }
        } else if (account.isEmpty()) {
          missingAccount(context, resource, service);
        } else {
          accountNotAllowed(context, resource, service, account);
        }
        return;
      }
    }
    context.report(
        INVALID_ARN_RESOURCE,
        resource.location(),
        "the resource part "
            + quote(arn.resource())
            + " of "
            + quote(text)
            + " fits none of the "
            + service
            + " ARN formats, such as "
            + formats(view, service)
            + ActionNameRule.age(view.catalog()));
  }

  private static void missingRegion(RuleContext context, ResourcePattern resource, String service) {
    context.report(
        MISSING_ARN_REGION,
        resource.location(),
        quote(resource.text())
            + " has no Region, but "
            + service
            + " ARNs of this kind need one; give the Region, or * for every Region");
  }

  private static void regionNotAllowed(
      RuleContext context, ResourcePattern resource, String service, String region) {
    context.report(
        ARN_REGION_NOT_ALLOWED,
        resource.location(),
        quote(resource.text())
            + " has the Region "
            + quote(region)
            + ", but "
            + service
            + " ARNs of this kind have none; remove it");
  }

  private static void missingAccount(
      RuleContext context, ResourcePattern resource, String service) {
    context.report(
        MISSING_ARN_ACCOUNT,
        resource.location(),
        quote(resource.text())
            + " has no account ID, but "
            + service
            + " ARNs of this kind need one; give the account ID, or * for every account");
  }

  private static void accountNotAllowed(
      RuleContext context, ResourcePattern resource, String service, String account) {
    context.report(
        ARN_ACCOUNT_NOT_ALLOWED,
        resource.location(),
        quote(resource.text())
            + " has the account "
            + quote(account)
            + ", but "
            + service
            + " ARNs of this kind have none; remove it");
  }

  /**
   * Which of a service's ARN formats have a Region and an account field: some of them, every one.
   */
  private record Fields(
      boolean someRegion, boolean everyRegion, boolean someAccount, boolean everyAccount) {}

  /** {@link Fields} per catalog and ARN service. */
  private static final Map<Catalog, Map<String, Fields>> FIELDS =
      Collections.synchronizedMap(new WeakHashMap<>());

  private static Fields fields(CatalogView view, String service) {
    Map<String, Fields> perService =
        FIELDS.computeIfAbsent(view.catalog(), c -> new ConcurrentHashMap<>());
    return perService.computeIfAbsent(service, s -> computeFields(view, s));
  }

  private static Fields computeFields(CatalogView view, String service) {
    boolean someRegion = false;
    boolean everyRegion = true;
    boolean someAccount = false;
    boolean everyAccount = true;
    for (CatalogView.TypePrefix type : view.typesOfArnService(service)) {
      for (String format : type.type().arnFormats()) {
        String[] parts = format.split(":", 6);
        if (parts.length < 6) {
          continue;
        }
        someRegion |= !parts[3].isEmpty();
        everyRegion &= !parts[3].isEmpty();
        someAccount |= !parts[4].isEmpty();
        everyAccount &= !parts[4].isEmpty();
      }
    }
    return new Fields(someRegion, everyRegion, someAccount, everyAccount);
  }

  private static String formats(CatalogView view, String service) {
    Set<String> shown = new LinkedHashSet<>();
    for (CatalogView.TypePrefix type : view.typesOfArnService(service)) {
      for (String format : type.type().arnFormats()) {
        if (shown.size() < 3) {
          shown.add(format);
        }
      }
    }
    return String.join(", ", shown);
  }

  /**
   * Reports actions of which none of the statement's resources can be a resource type. A literal
   * action is reported on its own; a wildcard only when none of the actions it covers can act on
   * the resources, so that s3:* with one bucket is not a flood of findings. Actions with no
   * resource types act on "*"; a resource pattern with a wildcard is taken to cover them, since
   * AWS's pages disagree on whether arn:aws:s3:::* covers s3:ListAllMyBuckets (docs/semantics.md
   * §12.16).
   */
  private static void mismatch(
      RuleContext context, CatalogView view, Statement statement, Resources resources) {
    List<ResourcePattern> patterns = resources.patterns();
    if (patterns.isEmpty() || statement.actions().negated()) {
      return;
    }
    boolean anyWildcard = false;
    List<Set<ResourceType>> named = new ArrayList<>();
    List<ResourcePattern> valid = new ArrayList<>();
    for (ResourcePattern pattern : patterns) {
      if (pattern.isAll() || !pattern.text().startsWith("arn:") || pattern.arn().isEmpty()) {
        return; // "*", or something that is not an ARN (reported by other checks)
      }
      anyWildcard |= pattern.template().hasWildcards() || pattern.template().hasVariables();
      Optional<Set<ResourceType>> quick = view.quickTypes(pattern);
      Set<ResourceType> types =
          quick.isPresent() && !quick.get().isEmpty() ? quick.get() : view.matchingTypes(pattern);
      if (!types.isEmpty()) {
        named.add(types);
        valid.add(pattern);
      }
    }
    if (named.isEmpty()) {
      return; // no resource names anything the catalog knows: the ARN checks report why
    }
    List<Set<ResourceType>> full = null;
    List<Set<ResourceType>> withSuffixes = null;
    for (ActionPattern action : statement.actions().patterns()) {
      if (action.isAll() || !action.isWellFormed()) {
        continue;
      }
      List<ActionInfo> actions = view.expand(action.text());
      if (actions.isEmpty()) {
        continue;
      }
      if (canAnyAct(view, actions, named, anyWildcard)) {
        continue;
      }
      if (full == null) {
        full = new ArrayList<>();
        for (ResourcePattern pattern : valid) {
          full.add(view.matchingTypes(pattern));
        }
      }
      if (canAnyAct(view, actions, full, anyWildcard)) {
        continue;
      }
      if (withSuffixes == null) {
        withSuffixes = new ArrayList<>();
        for (ResourcePattern pattern : patterns) {
          withSuffixes.add(view.matchingTypesWithSuffixes(pattern));
        }
      }
      if (canAnyAct(view, actions, withSuffixes, anyWildcard)) {
        continue;
      }
      ActionInfo first = actions.get(0);
      context.report(
          RESOURCE_TYPE_MISMATCH,
          action.location(),
          (action.hasWildcard()
                  ? "none of the actions " + quote(action.text()) + " covers"
                  : quote(action.text()))
              + (action.hasWildcard() ? " can act on " : " cannot act on ")
              + "any resource of this statement ("
              + what(view, first)
              + "), so the statement does nothing for "
              + (action.hasWildcard() ? "them" : "it")
              + "; add matching resources or move "
              + (action.hasWildcard() ? "them" : "it")
              + " to another statement");
    }
  }

  private static boolean canAnyAct(
      CatalogView view,
      List<ActionInfo> actions,
      List<Set<ResourceType>> named,
      boolean anyWildcard) {
    for (ActionInfo info : actions) {
      if (canAct(view, info, named, anyWildcard)) {
        return true;
      }
    }
    return false;
  }

  private static boolean canAct(
      CatalogView view, ActionInfo action, List<Set<ResourceType>> named, boolean anyWildcard) {
    List<ResourceType> types = view.resourceTypes(action);
    if (action.requiresWildcardResource() || types.isEmpty()) {
      return anyWildcard;
    }
    for (ResourceType type : types) {
      if (CatalogView.hasVariableService(type)) {
        return true; // such a type can have almost any ARN
      }
    }
    for (Set<ResourceType> matching : named) {
      for (ResourceType type : types) {
        if (matching.contains(type)) {
          return true;
        }
      }
    }
    return false;
  }

  /** What an action acts on, for the message. */
  private static String what(CatalogView view, ActionInfo action) {
    List<ResourceType> types = view.resourceTypes(action);
    if (types.isEmpty()) {
      return action.fullName() + " needs \"Resource\": \"*\"";
    }
    Set<String> names = new LinkedHashSet<>();
    for (ResourceType type : types) {
      names.add(type.toString());
    }
    return action.fullName() + " acts on " + ConditionKeyActionSupportRule.list(names);
  }
}
